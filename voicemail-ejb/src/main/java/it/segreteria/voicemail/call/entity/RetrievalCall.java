package it.segreteria.voicemail.call.entity;

import it.segreteria.voicemail.call.entity.CallAction.AwaitDigit;
import it.segreteria.voicemail.call.entity.CallAction.CancelDigitWait;
import it.segreteria.voicemail.call.entity.CallAction.ChangePin;
import it.segreteria.voicemail.call.entity.CallAction.ClearTemporaryGreeting;
import it.segreteria.voicemail.call.entity.CallAction.DepositTo;
import it.segreteria.voicemail.call.entity.CallAction.HangUp;
import it.segreteria.voicemail.call.entity.CallAction.IdentifyCaller;
import it.segreteria.voicemail.call.entity.CallAction.LogIn;
import it.segreteria.voicemail.call.entity.CallAction.Mark;
import it.segreteria.voicemail.call.entity.CallAction.MessageMark;
import it.segreteria.voicemail.call.entity.CallAction.PausePlayback;
import it.segreteria.voicemail.call.entity.CallAction.Phrase;
import it.segreteria.voicemail.call.entity.CallAction.Phrase.Menu;
import it.segreteria.voicemail.call.entity.CallAction.PlayMessage;
import it.segreteria.voicemail.call.entity.CallAction.PlayRecordedGreeting;
import it.segreteria.voicemail.call.entity.CallAction.RecordGreeting;
import it.segreteria.voicemail.call.entity.CallAction.Release;
import it.segreteria.voicemail.call.entity.CallAction.ResumePlayback;
import it.segreteria.voicemail.call.entity.CallAction.Rewind;
import it.segreteria.voicemail.call.entity.CallAction.SaveGreeting;
import it.segreteria.voicemail.call.entity.CallAction.Say;
import it.segreteria.voicemail.call.entity.CallAction.StopGreetingRecording;
import it.segreteria.voicemail.call.entity.CallAction.StopPlayback;
import it.segreteria.voicemail.call.entity.CallEvent.AckTimedOut;
import it.segreteria.voicemail.call.entity.CallEvent.Acked;
import it.segreteria.voicemail.call.entity.CallEvent.CallerIdentified;
import it.segreteria.voicemail.call.entity.CallEvent.Cancelled;
import it.segreteria.voicemail.call.entity.CallEvent.Digit;
import it.segreteria.voicemail.call.entity.CallEvent.DigitTimedOut;
import it.segreteria.voicemail.call.entity.CallEvent.ExtensionNotFound;
import it.segreteria.voicemail.call.entity.CallEvent.GreetingRecorded;
import it.segreteria.voicemail.call.entity.CallEvent.GreetingStored;
import it.segreteria.voicemail.call.entity.CallEvent.HungUp;
import it.segreteria.voicemail.call.entity.CallEvent.Invited;
import it.segreteria.voicemail.call.entity.CallEvent.LoggedIn;
import it.segreteria.voicemail.call.entity.CallEvent.LoginRefused;
import it.segreteria.voicemail.call.entity.CallEvent.MessageUnavailable;
import it.segreteria.voicemail.call.entity.CallEvent.PinChangeAnswered;
import it.segreteria.voicemail.call.entity.CallEvent.PlaybackFinished;
import it.segreteria.voicemail.call.entity.CallEvent.RecordingFull;
import it.segreteria.voicemail.call.entity.CallEvent.SilenceTimedOut;
import it.segreteria.voicemail.call.entity.CallEvent.TimedOut;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A mailbox owner listening to their messages by phone, as a state machine: events in, actions out,
 * no I/O. The keys are Asterisk's (../shared/research/anchors-features.md), so nobody learns a new
 * menu.
 *
 * <pre>
 * ANSWERING --Invited/Answer--> WAITING_ACK --Acked/"mailbox?"--> MAILBOX --digits #--> PIN
 *   (the tenant skips the question for employees' own phones: --Acked--> IDENTIFYING
 *    --CallerIdentified: an employee's phone/"PIN?"--> PIN; nobody's/"mailbox?"--> MAILBOX;
 *    * while keying the PIN goes back to the mailbox question, for anybody else on that phone)
 *   (a call to the tenant number without extension: --Acked/"extension?"--> EXTENSION --digits #-->
 *    DepositTo: the call becomes a deposit; * --> MAILBOX; an unknown extension: the question again)
 * PIN --digits #/LogIn--> CHECKING --LoggedIn/"you have N new and M saved"--> MENU
 * CHECKING --LoginRefused--> MAILBOX ("login incorrect"), the third time GOODBYE
 * MENU --1--> PLAYING (first new, else first saved) --finished--> MESSAGE (message menu)
 * PLAYING: # next, * back 3 s, 0 pause (any key plays on), other keys as in MESSAGE
 * MESSAGE: 4 previous, 5 repeat, 6 next, 7 delete/undelete, 9 save, 3 ADVANCED (3: the envelope)
 * MENU --0--> OPTIONS: 1 greeting, 4 temporary greeting (1 record, 2 remove), 5 new PIN twice
 * recording a greeting: "after the tone" --> RECORDING --any key, silence, full--> REVIEW
 * REVIEW: 1 keep it, 2 listen, 3 record again, * back to the options
 * MENU/MESSAGE: * help, # goodbye; no key for a while: the question again, twice, then goodbye
 * </pre>
 *
 * <p>A key pressed while a prompt plays stops it and counts at once (type-ahead); keys pressed
 * while the PIN is being checked count once the mailbox is open. The wait for a key starts when the
 * prompt has finished, so a long menu never times out while it is read. Deleting marks the message
 * deleted at once (7 again, in the same call, restores it).
 */
public final class RetrievalCall implements CallMachine {

    /** Failed logins that end the call. */
    public static final int LOGIN_ATTEMPTS = 3;

    /** How many times a question is asked again when no key comes, before goodbye. */
    public static final int REPEATS = 2;

    /** Keys kept of one entry: more is not a mailbox number or a PIN. */
    static final int MAX_KEYS = 20;

    /** How far {@code *} goes back in a message playing. */
    public static final int REWIND_MILLIS = 3000;

    /** A greeting shorter than this is a slip of the finger: recorded again. */
    public static final long SHORTEST_GREETING_MILLIS = 1000;

    /** Where the call is. */
    public enum State {
        ANSWERING,
        WAITING_ACK,
        /** Looking up whether the caller's number is an employee's own phone. */
        IDENTIFYING,
        /** The tenant number's attendant: asking for the extension to leave a message for. */
        EXTENSION,
        /** The extension is being looked up. */
        FINDING,
        /** Asking for the mailbox number. */
        MAILBOX,
        /** Asking for the PIN. */
        PIN,
        /** The mailbox and PIN are being checked. */
        CHECKING,
        /** The main menu. */
        MENU,
        /** A message is playing. */
        PLAYING,
        /** A message stopped where it was, until a key plays on. */
        PAUSED,
        /** The menu of the message just played. */
        MESSAGE,
        /** The message's advanced options (3: the envelope). */
        ADVANCED,
        /** The mailbox options. */
        OPTIONS,
        /** The temporary greeting's menu (record or remove). */
        TEMPORARY,
        /** "Record your greeting after the tone". */
        GREETING_INTRO,
        /** A greeting is being recorded. */
        RECORDING,
        /** The recording is being closed. */
        STOPPING,
        /** Keep, listen to or re-record the greeting. */
        REVIEW,
        /** The greeting just recorded is being played back. */
        LISTENING,
        /** The greeting is being saved (or the temporary one removed). */
        STORING,
        /** Asking for the new PIN. */
        NEW_PIN,
        /** Asking for the new PIN again. */
        REPEAT_PIN,
        /** The new PIN is being set. */
        CHANGING_PIN,
        /** Saying goodbye before hanging up. */
        GOODBYE,
        ENDED
    }

    private static final class Entry {
        final long id;
        final Instant receivedAt;
        final String callerNumber;
        boolean fresh;
        boolean saved;
        boolean deleted;

        Entry(MessageSummary summary) {
            id = summary.id();
            receivedAt = summary.receivedAt();
            callerNumber = summary.callerNumber();
            fresh = summary.fresh();
            saved = summary.saved();
        }
    }

    private final boolean attendant;
    private final boolean identifyCaller;
    private State state = State.ANSWERING;
    private final StringBuilder keyed = new StringBuilder();
    private final StringBuilder typedAhead = new StringBuilder();
    private String mailbox;
    private String newPin;
    private int loginFailures;
    private int extensionFailures;
    private int silences;
    private boolean sounding;
    private boolean temporaryGreeting;
    private boolean recordingTemporary;
    private boolean clearing;
    private final List<Entry> messages = new ArrayList<>();
    private int current = -1;
    private List<CallAction> out;

    /** A call to a tenant's access number: the caller logs in. */
    public RetrievalCall() {
        this(false);
    }

    /**
     * @param attendant a call to the tenant's own number without an extension: the caller is asked
     *     for the extension to leave a message for, {@code *} to log in instead
     */
    public RetrievalCall(boolean attendant) {
        this(attendant, false);
    }

    /**
     * @param attendant as above
     * @param identifyCaller a call to the access number from an employee's own phone skips the
     *     mailbox question (the PIN is always asked)
     */
    public RetrievalCall(boolean attendant, boolean identifyCaller) {
        this.attendant = attendant;
        this.identifyCaller = identifyCaller && !attendant;
    }

    public State state() {
        return state;
    }

    @Override
    public boolean waitingForAck() {
        return state == State.WAITING_ACK;
    }

    @Override
    public boolean ended() {
        return state == State.ENDED;
    }

    @Override
    public List<CallAction> on(CallEvent event) {
        out = new ArrayList<>();
        if (state != State.ENDED) {
            handle(event);
        }
        return List.copyOf(out);
    }

    private void handle(CallEvent event) {
        if (event instanceof HungUp) {
            if (state != State.ANSWERING && state != State.WAITING_ACK) {
                silence();
                out.add(new CancelDigitWait());
            }
            end();
            return;
        }
        if (event instanceof TimedOut && state != State.ANSWERING) {
            silence();
            out.add(new CancelDigitWait());
            out.add(new HangUp());
            end();
            return;
        }
        if (event instanceof PlaybackFinished) {
            sounding = false;
        }
        switch (state) {
            case ANSWERING -> {
                if (event instanceof Invited) {
                    state = State.WAITING_ACK;
                    out.add(new CallAction.Answer());
                } else if (event instanceof Cancelled) {
                    out.add(new CallAction.RejectCancelled());
                    end();
                }
            }
            case WAITING_ACK -> {
                if (event instanceof Acked && identifyCaller) {
                    state = State.IDENTIFYING;
                    out.add(new IdentifyCaller());
                } else if (event instanceof Acked) {
                    state = attendant ? State.EXTENSION : State.MAILBOX;
                    ask();
                } else if (event instanceof AckTimedOut) {
                    out.add(new HangUp());
                    end();
                }
            }
            case IDENTIFYING -> {
                if (event instanceof Digit d) {
                    typedAhead.append(d.key()); // they count once the question is asked
                } else if (event instanceof CallerIdentified identified) {
                    identified.mailboxNumber().ifPresent(number -> mailbox = number);
                    state = identified.mailboxNumber().isPresent() ? State.PIN : State.MAILBOX;
                    ask();
                    replayTypedAhead();
                }
            }
            case EXTENSION, MAILBOX, PIN, NEW_PIN, REPEAT_PIN -> entry(event);
            case FINDING -> {
                if (event instanceof ExtensionNotFound) {
                    extensionFailures++;
                    if (extensionFailures >= LOGIN_ATTEMPTS) {
                        state = State.GOODBYE;
                        say(new Phrase.NoSuchExtension(false));
                    } else {
                        state = State.EXTENSION;
                        silences = 0;
                        say(new Phrase.NoSuchExtension(true));
                    }
                }
            }
            case CHECKING -> checking(event);
            case MENU -> menu(event);
            case PLAYING -> playing(event);
            case PAUSED -> {
                if (event instanceof Digit d) {
                    if (d.key() == '#') {
                        next();
                    } else {
                        state = State.PLAYING;
                        sounding = true;
                        out.add(new ResumePlayback());
                    }
                }
            }
            case MESSAGE -> menuKeys(event, new Phrase.MessageMenu(), this::messageKey);
            case ADVANCED -> menuKeys(event, new Phrase.AdvancedOptions(), this::advancedKey);
            case OPTIONS -> menuKeys(event, new Phrase.Options(), this::optionsKey);
            case TEMPORARY ->
                    menuKeys(event, new Phrase.TemporaryGreetingMenu(), this::temporaryKey);
            case GREETING_INTRO -> {
                if (event instanceof PlaybackFinished) {
                    record();
                } else if (event instanceof Digit d) {
                    silence();
                    if (d.key() == '*') {
                        options(new Phrase.Options());
                    } else {
                        record(); // a key during the instructions: no need to wait for them
                    }
                }
            }
            case RECORDING -> {
                if (event instanceof Digit
                        || event instanceof SilenceTimedOut
                        || event instanceof RecordingFull) {
                    state = State.STOPPING;
                    out.add(new StopGreetingRecording());
                }
            }
            case STOPPING -> {
                if (event instanceof GreetingRecorded recorded) {
                    silences = 0;
                    if (recorded.millis() < SHORTEST_GREETING_MILLIS) {
                        state = State.GREETING_INTRO;
                        say(new Phrase.RecordingTooShort(recordingTemporary));
                    } else {
                        state = State.REVIEW;
                        say(new Phrase.ReviewRecording());
                    }
                }
            }
            case REVIEW -> menuKeys(event, new Phrase.ReviewRecording(), this::reviewKey);
            case LISTENING -> {
                if (event instanceof PlaybackFinished) {
                    state = State.REVIEW;
                    say(new Phrase.ReviewRecording());
                } else if (event instanceof Digit d) {
                    silence();
                    state = State.REVIEW;
                    reviewKey(d.key());
                }
            }
            case STORING -> {
                if (event instanceof GreetingStored stored) {
                    if (stored.done()) {
                        temporaryGreeting = !clearing && (recordingTemporary || temporaryGreeting);
                    }
                    options(
                            !stored.done()
                                    ? new Phrase.Failed()
                                    : clearing
                                            ? new Phrase.TemporaryGreetingRemoved()
                                            : new Phrase.GreetingSaved());
                }
            }
            case CHANGING_PIN -> {
                if (event instanceof PinChangeAnswered answered) {
                    options(
                            switch (answered.result()) {
                                case CHANGED -> new Phrase.PinChanged();
                                case REFUSED -> new Phrase.PinRefused();
                                case FAILED -> new Phrase.Failed();
                            });
                }
            }
            case GOODBYE -> {
                if (event instanceof PlaybackFinished) {
                    out.add(new HangUp());
                    end();
                }
            }
            case ENDED -> {}
        }
    }

    private void checking(CallEvent event) {
        if (event instanceof Digit d) {
            typedAhead.append(d.key()); // keys for the menu, pressed before it came
        } else if (event instanceof LoggedIn in) {
            in.messages().forEach(m -> messages.add(new Entry(m)));
            temporaryGreeting = in.temporaryGreeting();
            state = State.MENU;
            silences = 0;
            say(new Phrase.Counts(count(true), count(false), temporaryGreeting));
            replayTypedAhead();
        } else if (event instanceof CallEvent.LoginUnavailable) {
            typedAhead.setLength(0); // "sorry, that did not work, try again later", goodbye
            state = State.GOODBYE;
            say(new Phrase.Failed());
        } else if (event instanceof LoginRefused) {
            typedAhead.setLength(0);
            loginFailures++;
            if (loginFailures >= LOGIN_ATTEMPTS) {
                state = State.GOODBYE;
                say(new Phrase.LoginIncorrect(false));
            } else {
                state = State.MAILBOX;
                silences = 0;
                say(new Phrase.LoginIncorrect(true));
            }
        }
    }

    /** The keys pressed while nothing could take them, handled now, in order (type-ahead). */
    private void replayTypedAhead() {
        String keys = typedAhead.toString();
        typedAhead.setLength(0);
        for (char key : keys.toCharArray()) {
            handle(new Digit(key));
        }
    }

    /** Keys of a number keyed in (mailbox, PIN, extension), ended by {@code #} (or by a pause). */
    private void entry(CallEvent event) {
        if (event instanceof PlaybackFinished) {
            out.add(new AwaitDigit());
        } else if (event instanceof Digit d) {
            silence();
            if (d.key() == '#') {
                entered();
            } else if (d.key() == '*') {
                keyed.setLength(0);
                out.add(new CancelDigitWait());
                star();
            } else {
                if (keyed.length() < MAX_KEYS) {
                    keyed.append(d.key());
                }
                out.add(new AwaitDigit());
            }
        } else if (event instanceof DigitTimedOut) {
            if (keyed.length() > 0) {
                entered();
            } else {
                askAgainOrGoodbye(null);
            }
        }
    }

    /**
     * {@code *} while keying a number: log in instead (attendant), cancel (new PIN), start over.
     */
    private void star() {
        silences = 0;
        switch (state) {
            case EXTENSION, PIN -> {
                state = State.MAILBOX; // the login instead; or another mailbox than the phone's
                ask();
            }
            case NEW_PIN, REPEAT_PIN -> options(new Phrase.Options());
            default -> ask();
        }
    }

    private void entered() {
        if (keyed.length() == 0) {
            askAgainOrGoodbye(null); // '#' alone: the question again, counted like a pause
            return;
        }
        String value = keyed.toString();
        keyed.setLength(0);
        silences = 0;
        out.add(new CancelDigitWait());
        switch (state) {
            case EXTENSION -> {
                state = State.FINDING;
                out.add(new DepositTo(value));
            }
            case MAILBOX -> {
                mailbox = value;
                state = State.PIN;
                say(new Phrase.AskPin());
            }
            case PIN -> {
                state = State.CHECKING;
                out.add(new LogIn(mailbox, value));
            }
            case NEW_PIN -> {
                newPin = value;
                state = State.REPEAT_PIN;
                say(new Phrase.RepeatPin());
            }
            default -> { // REPEAT_PIN
                String first = newPin;
                newPin = null;
                if (first.equals(value)) {
                    state = State.CHANGING_PIN;
                    out.add(new ChangePin(value));
                } else {
                    options(new Phrase.PinMismatch());
                }
            }
        }
    }

    private void ask() {
        switch (state) {
            case EXTENSION -> say(new Phrase.AskExtension());
            case PIN -> say(new Phrase.AskPin());
            case NEW_PIN -> say(new Phrase.NewPin());
            case REPEAT_PIN -> say(new Phrase.RepeatPin());
            default -> say(new Phrase.AskMailbox());
        }
    }

    private void menu(CallEvent event) {
        if (event instanceof PlaybackFinished) {
            out.add(new AwaitDigit());
        } else if (event instanceof DigitTimedOut) {
            askAgainOrGoodbye(new Phrase.MainMenu());
        } else if (event instanceof Digit d) {
            silence();
            out.add(new CancelDigitWait());
            silences = 0;
            switch (d.key()) {
                case '1' -> {
                    int first = firstFresh();
                    if (first < 0) {
                        first = nextPlayable(-1);
                    }
                    if (first < 0) {
                        say(new Phrase.NoMoreMessages());
                    } else {
                        play(first);
                    }
                }
                case '0' -> options(new Phrase.Options());
                case '*' -> say(new Phrase.MainMenu());
                case '#' -> goodbye();
                default -> say(new Phrase.NotAnOption(Menu.MAIN));
            }
        }
    }

    /**
     * A menu that waits for a key once it has been said: the key goes to {@code keys}, no key
     * repeats {@code question} (twice, then goodbye).
     */
    private void menuKeys(
            CallEvent event, Phrase question, java.util.function.Consumer<Character> keys) {
        if (event instanceof PlaybackFinished) {
            out.add(new AwaitDigit());
        } else if (event instanceof Digit d) {
            silence();
            out.add(new CancelDigitWait());
            silences = 0;
            keys.accept(d.key());
        } else if (event instanceof DigitTimedOut) {
            askAgainOrGoodbye(question);
        }
    }

    private void playing(CallEvent event) {
        if (event instanceof PlaybackFinished || event instanceof MessageUnavailable) {
            state = State.MESSAGE;
            silences = 0;
            say(new Phrase.MessageMenu());
        } else if (event instanceof Digit d) {
            switch (d.key()) {
                case '*' -> out.add(new Rewind(REWIND_MILLIS));
                case '0' -> {
                    state = State.PAUSED;
                    sounding = false;
                    out.add(new PausePlayback());
                }
                case '#' -> {
                    silence();
                    next();
                }
                default -> {
                    silence();
                    messageKey(d.key());
                }
            }
        }
    }

    private void messageKey(char key) {
        switch (key) {
            case '4' -> {
                int previous = previousPlayable(current);
                play(previous < 0 ? current : previous);
            }
            case '5' -> play(current);
            case '6' -> next();
            case '7' -> {
                Entry entry = messages.get(current);
                entry.deleted = !entry.deleted;
                out.add(
                        new Mark(
                                entry.id,
                                entry.deleted ? MessageMark.DELETED : MessageMark.UNDELETED));
                state = State.MESSAGE;
                say(entry.deleted ? new Phrase.Deleted() : new Phrase.Undeleted());
            }
            case '9' -> {
                Entry entry = messages.get(current);
                entry.saved = true;
                entry.deleted = false;
                out.add(new Mark(entry.id, MessageMark.SAVED));
                state = State.MESSAGE;
                say(new Phrase.Saved());
            }
            case '3' -> {
                state = State.ADVANCED;
                say(new Phrase.AdvancedOptions());
            }
            case '*' -> {
                state = State.MESSAGE;
                say(new Phrase.MessageMenu());
            }
            case '#' -> goodbye();
            default -> {
                state = State.MESSAGE;
                say(new Phrase.NotAnOption(Menu.MESSAGE));
            }
        }
    }

    private void advancedKey(char key) {
        state = State.MESSAGE;
        switch (key) {
            case '3' -> {
                Entry entry = messages.get(current);
                say(new Phrase.Envelope(entry.receivedAt, entry.callerNumber));
            }
            case '*', '#' -> say(new Phrase.MessageMenu());
            default -> {
                state = State.ADVANCED;
                say(new Phrase.NotAnOption(Menu.ADVANCED));
            }
        }
    }

    private void optionsKey(char key) {
        switch (key) {
            case '1' -> recordIntro(false);
            case '4' -> {
                if (temporaryGreeting) {
                    state = State.TEMPORARY;
                    say(new Phrase.TemporaryGreetingMenu());
                } else {
                    recordIntro(true);
                }
            }
            case '5' -> {
                state = State.NEW_PIN;
                say(new Phrase.NewPin());
            }
            case '*', '#' -> {
                state = State.MENU;
                say(new Phrase.MainMenu());
            }
            default -> say(new Phrase.NotAnOption(Menu.OPTIONS));
        }
    }

    private void temporaryKey(char key) {
        switch (key) {
            case '1' -> recordIntro(true);
            case '2' -> {
                state = State.STORING;
                clearing = true;
                out.add(new ClearTemporaryGreeting());
            }
            case '*', '#' -> options(new Phrase.Options());
            default -> say(new Phrase.NotAnOption(Menu.TEMPORARY_GREETING));
        }
    }

    private void reviewKey(char key) {
        switch (key) {
            case '1' -> {
                state = State.STORING;
                clearing = false;
                out.add(new SaveGreeting(recordingTemporary));
            }
            case '2' -> {
                state = State.LISTENING;
                sounding = true;
                out.add(new PlayRecordedGreeting());
            }
            case '3' -> recordIntro(recordingTemporary);
            case '*' -> options(new Phrase.Options());
            default -> say(new Phrase.NotAnOption(Menu.REVIEW));
        }
    }

    private void recordIntro(boolean temporary) {
        recordingTemporary = temporary;
        state = State.GREETING_INTRO;
        say(new Phrase.RecordGreeting(temporary));
    }

    private void record() {
        state = State.RECORDING;
        out.add(new RecordGreeting());
    }

    /** Back in the options menu, after {@code phrase} (which ends with the options). */
    private void options(Phrase phrase) {
        state = State.OPTIONS;
        silences = 0;
        say(phrase);
    }

    private void next() {
        int next = nextPlayable(current);
        if (next < 0) {
            state = State.MENU;
            silences = 0;
            say(new Phrase.NoMoreMessages());
        } else {
            play(next);
        }
    }

    private void play(int index) {
        current = index;
        Entry entry = messages.get(index);
        state = State.PLAYING;
        out.add(new PlayMessage(entry.id));
        sounding = true;
        if (entry.fresh) {
            entry.fresh = false;
            out.add(new Mark(entry.id, MessageMark.HEARD));
        }
    }

    private int firstFresh() {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).fresh && !messages.get(i).deleted) {
                return i;
            }
        }
        return -1;
    }

    private int nextPlayable(int after) {
        for (int i = after + 1; i < messages.size(); i++) {
            if (!messages.get(i).deleted) {
                return i;
            }
        }
        return -1;
    }

    private int previousPlayable(int before) {
        for (int i = before - 1; i >= 0; i--) {
            if (!messages.get(i).deleted) {
                return i;
            }
        }
        return -1;
    }

    private int count(boolean fresh) {
        return (int) messages.stream().filter(m -> !m.deleted && m.fresh == fresh).count();
    }

    private void askAgainOrGoodbye(Phrase question) {
        silences++;
        if (silences > REPEATS) {
            goodbye();
        } else if (question == null) {
            ask();
        } else {
            say(question);
        }
    }

    private void goodbye() {
        silence();
        out.add(new CancelDigitWait());
        state = State.GOODBYE;
        say(new Phrase.Goodbye());
    }

    private void say(Phrase phrase) {
        out.add(new Say(phrase));
        sounding = true;
    }

    /** Type-ahead: a key stops what is being said or played. */
    private void silence() {
        if (sounding) {
            out.add(new StopPlayback());
            sounding = false;
        }
    }

    private void end() {
        state = State.ENDED;
        out.add(new Release());
    }
}
