package it.segreteria.voicemail.call.entity;

import it.segreteria.voicemail.call.entity.CallAction.AwaitDigit;
import it.segreteria.voicemail.call.entity.CallAction.CancelDigitWait;
import it.segreteria.voicemail.call.entity.CallAction.HangUp;
import it.segreteria.voicemail.call.entity.CallAction.LogIn;
import it.segreteria.voicemail.call.entity.CallAction.Mark;
import it.segreteria.voicemail.call.entity.CallAction.MessageMark;
import it.segreteria.voicemail.call.entity.CallAction.Phrase;
import it.segreteria.voicemail.call.entity.CallAction.PlayMessage;
import it.segreteria.voicemail.call.entity.CallAction.Release;
import it.segreteria.voicemail.call.entity.CallAction.Say;
import it.segreteria.voicemail.call.entity.CallAction.StopPlayback;
import it.segreteria.voicemail.call.entity.CallEvent.AckTimedOut;
import it.segreteria.voicemail.call.entity.CallEvent.Acked;
import it.segreteria.voicemail.call.entity.CallEvent.Cancelled;
import it.segreteria.voicemail.call.entity.CallEvent.Digit;
import it.segreteria.voicemail.call.entity.CallEvent.DigitTimedOut;
import it.segreteria.voicemail.call.entity.CallEvent.HungUp;
import it.segreteria.voicemail.call.entity.CallEvent.Invited;
import it.segreteria.voicemail.call.entity.CallEvent.LoggedIn;
import it.segreteria.voicemail.call.entity.CallEvent.LoginRefused;
import it.segreteria.voicemail.call.entity.CallEvent.MessageUnavailable;
import it.segreteria.voicemail.call.entity.CallEvent.PlaybackFinished;
import it.segreteria.voicemail.call.entity.CallEvent.TimedOut;
import java.util.ArrayList;
import java.util.List;

/**
 * A mailbox owner listening to their messages by phone, as a state machine: events in, actions out,
 * no I/O. The keys are Asterisk's (../shared/research/anchors-features.md), so nobody learns a new
 * menu.
 *
 * <pre>
 * ANSWERING --Invited/Answer--> WAITING_ACK --Acked/"mailbox?"--> MAILBOX --digits #--> PIN
 * PIN --digits #/LogIn--> CHECKING --LoggedIn/"you have N new and M saved"--> MENU
 * CHECKING --LoginRefused--> MAILBOX ("login incorrect"), the third time GOODBYE
 * MENU --1--> PLAYING (first new, else first saved) --finished--> MESSAGE (message menu)
 * PLAYING/MESSAGE: 4 previous, 5 repeat, 6 or # (while playing) next, 7 delete/undelete, 9 save
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

    /** Where the call is. */
    public enum State {
        ANSWERING,
        WAITING_ACK,
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
        /** The menu of the message just played. */
        MESSAGE,
        /** Saying goodbye before hanging up. */
        GOODBYE,
        ENDED
    }

    private static final class Entry {
        final long id;
        boolean fresh;
        boolean saved;
        boolean deleted;

        Entry(MessageSummary summary) {
            id = summary.id();
            fresh = summary.fresh();
            saved = summary.saved();
        }
    }

    private State state = State.ANSWERING;
    private final StringBuilder keyed = new StringBuilder();
    private final StringBuilder typedAhead = new StringBuilder();
    private String mailbox;
    private int loginFailures;
    private int silences;
    private boolean sounding;
    private final List<Entry> messages = new ArrayList<>();
    private int current = -1;
    private List<CallAction> out;

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
                if (event instanceof Acked) {
                    state = State.MAILBOX;
                    say(new Phrase.AskMailbox());
                } else if (event instanceof AckTimedOut) {
                    out.add(new HangUp());
                    end();
                }
            }
            case MAILBOX, PIN -> entry(event);
            case CHECKING -> {
                if (event instanceof Digit d) {
                    typedAhead.append(d.key()); // keys for the menu, pressed before it came
                } else if (event instanceof LoggedIn in) {
                    in.messages().forEach(m -> messages.add(new Entry(m)));
                    state = State.MENU;
                    silences = 0;
                    say(new Phrase.Counts(count(true), count(false)));
                    String keys = typedAhead.toString();
                    typedAhead.setLength(0);
                    for (char key : keys.toCharArray()) {
                        handle(new Digit(key));
                    }
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
            case MENU -> menu(event);
            case PLAYING -> {
                if (event instanceof PlaybackFinished || event instanceof MessageUnavailable) {
                    state = State.MESSAGE;
                    silences = 0;
                    say(new Phrase.MessageMenu());
                } else if (event instanceof Digit d) {
                    silence();
                    if (d.key() == '#') {
                        next();
                    } else {
                        messageKey(d.key());
                    }
                }
            }
            case MESSAGE -> {
                if (event instanceof PlaybackFinished) {
                    out.add(new AwaitDigit());
                } else if (event instanceof Digit d) {
                    silence();
                    out.add(new CancelDigitWait());
                    silences = 0;
                    messageKey(d.key());
                } else if (event instanceof DigitTimedOut) {
                    askAgainOrGoodbye(new Phrase.MessageMenu());
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

    /** The mailbox number or the PIN, key by key, ended by {@code #} (or by a pause). */
    private void entry(CallEvent event) {
        if (event instanceof PlaybackFinished) {
            out.add(new AwaitDigit());
        } else if (event instanceof Digit d) {
            silence();
            if (d.key() == '#') {
                entered();
            } else if (d.key() == '*') {
                keyed.setLength(0);
                ask();
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

    private void entered() {
        if (keyed.length() == 0) {
            askAgainOrGoodbye(null); // '#' alone: the question again, counted like a pause
            return;
        }
        String value = keyed.toString();
        keyed.setLength(0);
        silences = 0;
        if (state == State.MAILBOX) {
            mailbox = value;
            state = State.PIN;
            say(new Phrase.AskPin());
        } else {
            state = State.CHECKING;
            out.add(new CancelDigitWait());
            out.add(new LogIn(mailbox, value));
        }
    }

    private void ask() {
        say(state == State.MAILBOX ? new Phrase.AskMailbox() : new Phrase.AskPin());
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
                case '*' -> say(new Phrase.MainMenu());
                case '#' -> goodbye();
                default -> say(new Phrase.NotAnOption(false));
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
            case '*' -> {
                state = State.MESSAGE;
                say(new Phrase.MessageMenu());
            }
            case '#' -> goodbye();
            default -> {
                state = State.MESSAGE;
                say(new Phrase.NotAnOption(true));
            }
        }
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
