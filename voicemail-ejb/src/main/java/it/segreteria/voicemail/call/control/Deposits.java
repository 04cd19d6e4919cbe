package it.segreteria.voicemail.call.control;

import java.time.Duration;
import java.time.Instant;

/** Where finished calls go: a stored message, or an audit entry saying why there is none. */
public interface Deposits {

    /** Stores the message and its audio exactly once per SIP Call-ID; returns the message id. */
    long store(
            Destination destination,
            CallRecord call,
            Instant receivedAt,
            Duration duration,
            byte[] wav);

    void noMessage(Destination destination, CallRecord call, String reason);

    /** What the network told us about a call. */
    record CallRecord(
            String sipCallId,
            String callerNumber,
            String callerName,
            String calledNumber,
            String originalCalledNumber) {}
}
