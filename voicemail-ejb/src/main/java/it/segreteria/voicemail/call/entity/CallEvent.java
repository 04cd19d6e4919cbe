package it.segreteria.voicemail.call.entity;

/** What happens to a call, from the network or the media engine. */
public sealed interface CallEvent {

    /** The INVITE was routed to a mailbox: the call can be answered. */
    record Invited() implements CallEvent {}

    /** The caller gave up before the answer (CANCEL). */
    record Cancelled() implements CallEvent {}

    /** The ACK of our 200 arrived: media can flow. */
    record Acked() implements CallEvent {}

    /** No ACK came for our 200 (RFC 3261 Timer H): the caller is gone. */
    record AckTimedOut() implements CallEvent {}

    /** The prompt being played came to its end (not when it was stopped). */
    record PlaybackFinished() implements CallEvent {}

    /** A key pressed by the caller, from RFC 4733 or SIP INFO. */
    record Digit(char key) implements CallEvent {}

    /** The caller said nothing for longer than the silence limit. */
    record SilenceTimedOut() implements CallEvent {}

    /** The recording reached the maximum message length. */
    record RecordingFull() implements CallEvent {}

    /** The caller hung up (BYE), or the call died in the network. */
    record HungUp() implements CallEvent {}

    /**
     * The call outlived one of its limits (no RTP, maximum call time, session expiry): we end it,
     * keeping what was recorded.
     */
    record TimedOut(String reason) implements CallEvent {}
}
