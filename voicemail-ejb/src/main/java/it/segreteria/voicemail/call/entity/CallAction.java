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

    /**
     * Find whose own phone the caller's number is: {@link CallEvent.CallerIdentified} follows, with
     * that employee's mailbox number or none.
     */
    record IdentifyCaller() implements CallAction {}

    /** Play a message of the logged-in mailbox; {@link CallEvent.PlaybackFinished} follows. */
    record PlayMessage(long messageId) implements CallAction {}

    /** Change a message of the logged-in mailbox (audited). */
    record Mark(long messageId, MessageMark mark) implements CallAction {}

    /** Go back this far in the message playing and play on from there. */
    record Rewind(int millis) implements CallAction {}

    /** Stop the message playing where it is; {@link ResumePlayback} plays on from there. */
    record PausePlayback() implements CallAction {}

    record ResumePlayback() implements CallAction {}

    /**
     * Record a greeting of the logged-in mailbox; {@link StopGreetingRecording} ends it (as do
     * {@link CallEvent.SilenceTimedOut} and {@link CallEvent.RecordingFull}).
     */
    record RecordGreeting() implements CallAction {}

    /** Ends the greeting's recording: {@link CallEvent.GreetingRecorded} follows. */
    record StopGreetingRecording() implements CallAction {}

    /** Play the greeting just recorded; {@link CallEvent.PlaybackFinished} follows. */
    record PlayRecordedGreeting() implements CallAction {}

    /**
     * Keep the greeting just recorded as the mailbox's greeting (the temporary one, or the one for
     * when the owner is unavailable); {@link CallEvent.GreetingStored} follows.
     */
    record SaveGreeting(boolean temporary) implements CallAction {}

    /** Remove the temporary greeting; {@link CallEvent.GreetingStored} follows. */
    record ClearTemporaryGreeting() implements CallAction {}

    /**
     * Set a new PIN keyed in twice (the policy is checked by the mailbox): {@link
     * CallEvent.PinChangeAnswered} follows.
     */
    record ChangePin(String pin) implements CallAction {
        @Override
        public String toString() {
            return "ChangePin[****]"; // never in a log line
        }
    }

    /**
     * The caller of a tenant number keyed in an extension: leave a message in its mailbox (the call
     * goes on as a deposit), or {@link CallEvent.ExtensionNotFound} follows.
     */
    record DepositTo(String extension) implements CallAction {}

    /**
     * Ring phone {@code leg} of the outage plan, for its rings ({@link CallEvent.LegAnswered},
     * {@link CallEvent.LegFailed} or {@link CallEvent.LegRingTimedOut} follows).
     */
    record Dial(int leg) implements CallAction {}

    /**
     * Tell the phone that answered whose call it is and to press 1 ({@link CallEvent.LegKey} or
     * {@link CallEvent.LegAcceptTimedOut} follows).
     */
    record Announce(int leg) implements CallAction {}

    /** Stop ringing the phone, or hang it up, and free its media. */
    record EndLeg(int leg) implements CallAction {}

    /** Join the caller with the phone that accepted: each hears the other. */
    record Bridge(int leg) implements CallAction {}

    /** Nobody took the call: it goes on as a deposit in the mailbox (its greeting first). */
    record ToMailbox() implements CallAction {}

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

        /** The tenant number's small attendant: the extension, or {@code *} to log in. */
        record AskExtension() implements Phrase {}

        /** "No mailbox at that extension", then (unless it is the last attempt) the question. */
        record NoSuchExtension(boolean askAgain) implements Phrase {}

        /** "Login incorrect", then (unless it is the last attempt) the mailbox question again. */
        record LoginIncorrect(boolean askAgain) implements Phrase {}

        /**
         * "You have N new and M saved messages", then the main menu; first "your temporary greeting
         * is on" while it is.
         */
        record Counts(int fresh, int saved, boolean temporaryGreeting) implements Phrase {
            public Counts(int fresh, int saved) {
                this(fresh, saved, false);
            }
        }

        record MainMenu() implements Phrase {}

        record MessageMenu() implements Phrase {}

        record NoMoreMessages() implements Phrase {}

        record Deleted() implements Phrase {}

        record Undeleted() implements Phrase {}

        record Saved() implements Phrase {}

        /** "Press 3 for the message's details". */
        record AdvancedOptions() implements Phrase {}

        /**
         * When the message came (in the mailbox's time zone) and from which number, digit by digit
         * (or "an unknown number").
         */
        record Envelope(java.time.Instant receivedAt, String callerNumber) implements Phrase {}

        /** The mailbox options: greeting, temporary greeting, PIN. */
        record Options() implements Phrase {}

        /** "Record your (temporary) greeting after the tone", and the tone. */
        record RecordGreeting(boolean temporary) implements Phrase {}

        /** "Too short", then {@link RecordGreeting} again. */
        record RecordingTooShort(boolean temporary) implements Phrase {}

        /** "1 to accept, 2 to listen, 3 to record again". */
        record ReviewRecording() implements Phrase {}

        /** "Your greeting has been saved", then the options. */
        record GreetingSaved() implements Phrase {}

        /** "1 to record your temporary greeting, 2 to remove it". */
        record TemporaryGreetingMenu() implements Phrase {}

        /** "Your temporary greeting has been removed", then the options. */
        record TemporaryGreetingRemoved() implements Phrase {}

        record NewPin() implements Phrase {}

        record RepeatPin() implements Phrase {}

        /** "The two PINs are not the same", then the options. */
        record PinMismatch() implements Phrase {}

        /** "That PIN is not allowed" with the rules, then the options. */
        record PinRefused() implements Phrase {}

        /** "Your PIN has been changed", then the options. */
        record PinChanged() implements Phrase {}

        /** "Sorry, that did not work, try again later", then the options. */
        record Failed() implements Phrase {}

        /** "Not an option", then the menu the caller is in. */
        record NotAnOption(Menu menu) implements Phrase {
            public NotAnOption(boolean inMessageMenu) {
                this(inMessageMenu ? Menu.MESSAGE : Menu.MAIN);
            }
        }

        /** The menus a caller can be in, for {@link NotAnOption}. */
        enum Menu {
            MAIN,
            MESSAGE,
            ADVANCED,
            OPTIONS,
            TEMPORARY_GREETING,
            REVIEW
        }

        record Goodbye() implements Phrase {}
    }

    /** What a call plays. */
    enum Prompt {
        GREETING,
        BEEP,
        GOODBYE,
        /** "Please hold, we are connecting your call" (an outage call ringing phones). */
        CONNECTING,
        /** One ring of the ringback tone, while phones ring. */
        RINGBACK
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
