package it.segreteria.voicemail.call.control;

import it.segreteria.voicemail.audio.Codec;
import java.time.Duration;
import java.time.Instant;

/**
 * Where recordings go (implemented by the message store). Nothing here waits for the database or
 * the disk: a recording's steps are made durable on local disk in the order they were given, on
 * threads of the store, and the finished message is stored in the database by a worker of its own.
 */
public interface Deposits {

    /**
     * A recording begins: its description, and then each checkpoint of its audio, are made durable
     * (in order, within milliseconds), so a service that dies mid-call still keeps what was said.
     */
    Draft begin(Destination destination, CallRecord call, Instant receivedAt, Codec codec);

    /** Records (in the audit trail, asynchronously) that a call left no message, and why. */
    void noMessage(Destination destination, CallRecord call, String reason);

    /**
     * Records (in the audit trail, asynchronously) that {@code calls} more calls from {@code
     * source} to this tenant ended without a message between {@code from} and {@code to}: what a
     * flood leaves in the trail instead of a row per call.
     */
    void noMessagesCounted(
            it.segreteria.voicemail.shared.TenantId tenant,
            String source,
            int calls,
            Instant from,
            Instant to);

    /** A message being recorded. */
    interface Draft {

        /** Appends audio (G.711 codes in the draft's codec) that has settled. */
        void checkpoint(byte[] codes);

        /**
         * The caller hung up: appends the rest of the audio received so far; durable on return, so
         * the message survives even if the service dies before {@link #finish}.
         */
        void hungUp(byte[] codes);

        /**
         * The caller finished: the audio not yet given ({@code rest}, G.711 codes) is appended and
         * the message marked finished on disk, synced, then stored ({@code wav}, the first {@code
         * duration} of the whole recording) and notified.
         */
        void finish(Duration duration, byte[] rest, byte[] wav);

        /** The recording is not a message (e.g. too short): forget it and audit why. */
        void discard(String reason);
    }

    /** What the network told us about a call. */
    record CallRecord(
            String sipCallId,
            String callerNumber,
            String callerName,
            String calledNumber,
            String originalCalledNumber) {}
}
