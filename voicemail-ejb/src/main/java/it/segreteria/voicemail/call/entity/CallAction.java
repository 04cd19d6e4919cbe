package it.segreteria.voicemail.call.entity;

/** What the call asks its surroundings to do: the only way the state machine touches the world. */
public sealed interface CallAction {

    /** Send 200 OK with our SDP. */
    record Answer() implements CallAction {}

    /** Answer the INVITE 487 Request Terminated (after a CANCEL). */
    record RejectCancelled() implements CallAction {}

    /** Start playing a prompt; a {@link CallEvent.PlaybackFinished} follows when it ends. */
    record Play(Prompt prompt) implements CallAction {}

    /** Stop the prompt being played, if any; no {@link CallEvent.PlaybackFinished} follows. */
    record StopPlayback() implements CallAction {}

    record StartRecording() implements CallAction {}

    /** Stop recording and store what was recorded (or audit why nothing was stored). */
    record StoreMessage(RecordingEnd end) implements CallAction {}

    /** Record in the audit trail that the call ended without a message, and why. */
    record AuditNoMessage(String reason) implements CallAction {}

    /** Send BYE: we end the call. */
    record HangUp() implements CallAction {}

    /** Free the call's media port and forget the call. */
    record Release() implements CallAction {}

    /** Say something to the caller from the prompts, in the call's language. */
    record Say(Phrase phrase) implements CallAction {}

    /**
     * (Re)starts the wait for the caller's next key; {@link CallEvent.DigitTimedOut} follows if
     * none comes in time. A key, a new wait or {@link CancelDigitWait} ends the previous wait.
     */
    record AwaitDigit() implements CallAction {}

    record CancelDigitWait() implements CallAction {}

    /**
     * Check the mailbox and PIN keyed in: {@link CallEvent.LoggedIn} or {@link
     * CallEvent.LoginRefused} follows.
     */
    record LogIn(String mailboxNumber, String pin) implements CallAction {}

    /** Play a message of the logged-in mailbox; {@link CallEvent.PlaybackFinished} follows. */
    record PlayMessage(long messageId) implements CallAction {}

    /** Change a message of the logged-in mailbox (audited). */
    record Mark(long messageId, MessageMark mark) implements CallAction {}

    /** What the phone menu does to a message. */
    enum MessageMark {
        HEARD,
        SAVED,
        DELETED,
        UNDELETED
    }

    /** What the phone menu says: the prompts put it into words in the caller's language. */
    sealed interface Phrase {
        record AskMailbox() implements Phrase {}

        record AskPin() implements Phrase {}

        /** "Login incorrect", then (unless it is the last attempt) the mailbox question again. */
        record LoginIncorrect(boolean askAgain) implements Phrase {}

        /** "You have N new and M saved messages", then the main menu. */
        record Counts(int fresh, int saved) implements Phrase {}

        record MainMenu() implements Phrase {}

        record MessageMenu() implements Phrase {}

        record NoMoreMessages() implements Phrase {}

        record Deleted() implements Phrase {}

        record Undeleted() implements Phrase {}

        record Saved() implements Phrase {}

        /** "Not an option", then the menu the caller is in. */
        record NotAnOption(boolean inMessageMenu) implements Phrase {}

        record Goodbye() implements Phrase {}
    }

    /** What a call plays. */
    enum Prompt {
        GREETING,
        BEEP,
        GOODBYE
    }

    /** Why a recording ended. */
    enum RecordingEnd {
        HANGUP,
        KEY,
        MAX_LENGTH,
        SILENCE,
        /** The call outlived a limit: no RTP, maximum call time, session expiry. */
        TIMEOUT
    }
}
