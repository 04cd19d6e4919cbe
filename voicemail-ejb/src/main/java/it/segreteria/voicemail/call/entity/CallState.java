package it.segreteria.voicemail.call.entity;

/** Where a deposit call is. */
public enum CallState {
    /** Routed to a mailbox; the answer is being sent. */
    ANSWERING,
    /** 200 OK sent, waiting for the ACK. */
    WAITING_ACK,
    /** Playing the mailbox greeting ({@code #} skips it). */
    GREETING,
    /** Playing the tone after which the caller speaks. */
    BEEP,
    /** Recording the message. */
    RECORDING,
    /** The message is stored; saying goodbye before hanging up. */
    GOODBYE,
    ENDED
}
