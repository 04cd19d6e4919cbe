package it.segreteria.voicemail.call.entity;

import java.util.List;

/**
 * A call's state machine: events in, actions out, no I/O. A deposit ({@link DepositCall}) and a
 * mailbox owner listening by phone ({@link RetrievalCall}) are two machines run by the same call
 * session. Not thread-safe: the events of one call are handled one at a time.
 */
public interface CallMachine {

    List<CallAction> on(CallEvent event);

    /** Answered, and the ACK of the answer has not come yet (keys are held back meanwhile). */
    boolean waitingForAck();

    boolean ended();
}
