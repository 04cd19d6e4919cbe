package it.segreteria.voicemail.call.control;

/**
 * What a call session asks of the signalling side of its call (implemented by the SIP adapter, one
 * per call). Every method returns at once; failures are the adapter's to log.
 */
public interface Signalling {

    /** Answers the call, with our media at {@code localRtpPort}. */
    void answer(int localRtpPort);

    /** Refuses the call with a final status (404, 487, 503…), before it was answered. */
    void reject(int status);

    /** Ends an answered call from our side. */
    void hangUp();
}
