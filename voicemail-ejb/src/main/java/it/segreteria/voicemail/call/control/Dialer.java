package it.segreteria.voicemail.call.control;

import it.segreteria.voicemail.audio.MediaDescription;

/**
 * Calls out (implemented by the SIP adapter): a second leg of a call, e.g. a key employee's mobile
 * rung through the tenant's trunk while the office PBX is down. Events come back on signalling
 * threads; the call session queues them.
 */
public interface Dialer {

    /** Rings {@code number} through {@code trunk} (a SIP URI), offering our media port. */
    Outbound dial(Call call, Events events);

    /**
     * What to dial: presented as the original caller (their number and name), so the employee sees
     * who is calling.
     */
    record Call(
            String callId,
            String trunk,
            String number,
            String callerNumber,
            String callerName,
            int localRtpPort) {}

    /** An outbound leg being rung or answered. */
    interface Outbound {
        /** Stops ringing it (CANCEL), or hangs up (BYE) if it was answered. */
        void end();
    }

    /** What happens to an outbound leg. */
    interface Events {
        void ringing();

        /** It answered (200 OK, ACKed), with its media. */
        void answered(MediaDescription remote);

        /** It did not answer: its final status (486 busy, 480, 408 for no answer at all, …). */
        void failed(int status);

        /** It hung up after answering. */
        void hungUp();

        /** A key pressed on it, by SIP INFO (RFC 4733 keys come with its media). */
        void digit(char key);
    }
}
