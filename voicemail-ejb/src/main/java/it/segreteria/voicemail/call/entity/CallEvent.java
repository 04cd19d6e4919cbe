package it.segreteria.voicemail.call.entity;

import java.util.List;

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

    /** No key came for a while where the caller was asked for one. */
    record DigitTimedOut() implements CallEvent {}

    /**
     * The mailbox and PIN the caller keyed in opened the mailbox: its messages, new ones first
     * (oldest first), then the others.
     */
    record LoggedIn(List<MessageSummary> messages, boolean temporaryGreeting) implements CallEvent {
        public LoggedIn {
            messages = List.copyOf(messages);
        }

        public LoggedIn(List<MessageSummary> messages) {
            this(messages, false);
        }
    }

    /**
     * The mailbox and PIN did not open a mailbox: unknown mailbox, wrong PIN or locked, which the
     * caller must not be able to tell apart.
     */
    record LoginRefused() implements CallEvent {}

    /**
     * The mailbox and PIN could not be checked (the database is down, the service overloaded): not
     * a refusal.
     */
    record LoginUnavailable() implements CallEvent {}

    /** The greeting being recorded has ended; this long. */
    record GreetingRecorded(long millis) implements CallEvent {}

    /** The greeting was saved (or the temporary one removed), or that failed. */
    record GreetingStored(boolean done) implements CallEvent {}

    /** What came of a new PIN. */
    record PinChangeAnswered(PinChange result) implements CallEvent {}

    enum PinChange {
        CHANGED,
        /** Against the PIN policy (too short, repeated digit, a run, the mailbox number). */
        REFUSED,
        FAILED
    }

    /**
     * The caller's number is one of an employee's own phones: the number of their mailbox; or it is
     * nobody's (empty).
     */
    record CallerIdentified(java.util.Optional<String> mailboxNumber) implements CallEvent {}

    /** No mailbox has the extension keyed in on the tenant number. */
    record ExtensionNotFound() implements CallEvent {}

    /** The audio of the message asked for could not be read. */
    record MessageUnavailable() implements CallEvent {}

    // the phones rung during an outage (ForwardingCall); each leg by its index in the plan

    /** The phone answered (it hears the "press 1 to accept" announcement next). */
    record LegAnswered(int leg) implements CallEvent {}

    /** The phone did not take the call: busy, declined, unreachable. */
    record LegFailed(int leg, int status) implements CallEvent {}

    /** The phone rang for its rings without an answer. */
    record LegRingTimedOut(int leg) implements CallEvent {}

    /** A key pressed on the phone that answered. */
    record LegKey(int leg, char key) implements CallEvent {}

    /** The answered phone did not press 1 in time (its own voicemail, someone who hesitated). */
    record LegAcceptTimedOut(int leg) implements CallEvent {}

    /** The phone hung up after answering. */
    record LegHungUp(int leg) implements CallEvent {}
}
