package it.segreteria.voicemail.continuity.control;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Asks a PBX whether it is there (SIP OPTIONS; implemented by the SIP adapter). Returns at once;
 * the answer comes back through the callback, on some other thread, within about {@code timeout}.
 */
public interface PbxProbe {

    /** How a probe went. */
    enum Answer {
        /** Any final answer below 500 (a 404 or 405 still proves the PBX is up). */
        ANSWERED,
        /** A 5xx: the PBX is there but cannot take calls. */
        SERVER_ERROR,
        /** No final answer within the timeout. */
        TIMEOUT,
        /** The request could not be sent to the PBX (connection refused, no route). */
        TRANSPORT_ERROR,
        /** Not sent: our own SIP endpoint is not running. Says nothing about the PBX. */
        NOT_SENT;

        /** Whether this tells that the PBX takes calls; null when it tells nothing. */
        public Boolean pbxUp() {
            return switch (this) {
                case ANSWERED -> Boolean.TRUE;
                case NOT_SENT -> null;
                default -> Boolean.FALSE;
            };
        }
    }

    void probe(String sipUri, Duration timeout, Consumer<Answer> answer);
}
