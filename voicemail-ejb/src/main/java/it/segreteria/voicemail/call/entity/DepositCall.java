package it.segreteria.voicemail.call.entity;

import static it.segreteria.voicemail.call.entity.CallState.*;

import it.segreteria.voicemail.call.entity.CallAction.AuditNoMessage;
import it.segreteria.voicemail.call.entity.CallAction.HangUp;
import it.segreteria.voicemail.call.entity.CallAction.Play;
import it.segreteria.voicemail.call.entity.CallAction.Prompt;
import it.segreteria.voicemail.call.entity.CallAction.RecordingEnd;
import it.segreteria.voicemail.call.entity.CallAction.Release;
import it.segreteria.voicemail.call.entity.CallAction.StartRecording;
import it.segreteria.voicemail.call.entity.CallAction.StopPlayback;
import it.segreteria.voicemail.call.entity.CallAction.StoreMessage;
import it.segreteria.voicemail.call.entity.CallEvent.AckTimedOut;
import it.segreteria.voicemail.call.entity.CallEvent.Acked;
import it.segreteria.voicemail.call.entity.CallEvent.Cancelled;
import it.segreteria.voicemail.call.entity.CallEvent.Digit;
import it.segreteria.voicemail.call.entity.CallEvent.HungUp;
import it.segreteria.voicemail.call.entity.CallEvent.Invited;
import it.segreteria.voicemail.call.entity.CallEvent.PlaybackFinished;
import it.segreteria.voicemail.call.entity.CallEvent.RecordingFull;
import it.segreteria.voicemail.call.entity.CallEvent.SilenceTimedOut;
import it.segreteria.voicemail.call.entity.CallEvent.TimedOut;
import java.util.List;

/**
 * A caller leaving a message, as a state machine: events in, actions out, no I/O. Every transition
 * is in {@link #on}; anything not listed there leaves the call as it is. Not thread-safe: the
 * events of one call are handled one at a time.
 *
 * <pre>
 * ANSWERING --Invited/Answer--> WAITING_ACK --Acked/Play(greeting)--> GREETING
 * GREETING --finished or #--> BEEP --finished/StartRecording--> RECORDING
 * RECORDING --BYE/Store--> ENDED;  --# / full / silence: Store, Play(goodbye)--> GOODBYE --finished/BYE--> ENDED
 * before RECORDING, a hang-up, a CANCEL or a lost ACK ends the call without a message (audited)
 * a time-out (no RTP, call too long, session expired) ends the call from our side, keeping the message
 * </pre>
 */
public final class DepositCall implements CallMachine {

    private CallState state = ANSWERING;

    public DepositCall() {}

    private DepositCall(CallState state) {
        this.state = state;
    }

    /**
     * A call already answered and acknowledged by another machine (the tenant number's attendant,
     * once the caller keyed an extension): the next {@link Acked} plays the greeting.
     */
    public static DepositCall answered() {
        return new DepositCall(WAITING_ACK);
    }

    public CallState state() {
        return state;
    }

    @Override
    public boolean waitingForAck() {
        return state == WAITING_ACK;
    }

    @Override
    public boolean ended() {
        return state == ENDED;
    }

    @Override
    public List<CallAction> on(CallEvent event) {
        boolean hash = event instanceof Digit d && d.key() == '#';
        switch (state) {
            case ANSWERING:
                if (event instanceof Invited) return to(WAITING_ACK, new CallAction.Answer());
                if (event instanceof Cancelled)
                    return to(
                            ENDED,
                            new CallAction.RejectCancelled(),
                            noMessage("cancelled before the answer"),
                            new Release());
                if (event instanceof HungUp)
                    return to(ENDED, noMessage("gone before the answer"), new Release());
                break;
            case WAITING_ACK:
                if (event instanceof Acked) return to(GREETING, new Play(Prompt.GREETING));
                if (event instanceof AckTimedOut)
                    return to(
                            ENDED, noMessage("no ACK for the answer"), new HangUp(), new Release());
                if (event instanceof HungUp)
                    return to(ENDED, noMessage("hung up before the greeting"), new Release());
                if (event instanceof TimedOut t)
                    return to(ENDED, noMessage(t.reason()), new HangUp(), new Release());
                break;
            case GREETING:
                if (event instanceof PlaybackFinished) return to(BEEP, new Play(Prompt.BEEP));
                if (hash) return to(BEEP, new StopPlayback(), new Play(Prompt.BEEP));
                if (event instanceof HungUp)
                    return to(
                            ENDED,
                            new StopPlayback(),
                            noMessage("hung up during the greeting"),
                            new Release());
                if (event instanceof TimedOut t) return timedOutBeforeRecording(t);
                break;
            case BEEP:
                if (event instanceof PlaybackFinished) return to(RECORDING, new StartRecording());
                if (event instanceof HungUp)
                    return to(
                            ENDED,
                            new StopPlayback(),
                            noMessage("hung up before the tone ended"),
                            new Release());
                if (event instanceof TimedOut t) return timedOutBeforeRecording(t);
                break;
            case RECORDING:
                if (event instanceof HungUp)
                    return to(ENDED, new StoreMessage(RecordingEnd.HANGUP), new Release());
                if (hash) return goodbye(RecordingEnd.KEY);
                if (event instanceof RecordingFull) return goodbye(RecordingEnd.MAX_LENGTH);
                if (event instanceof SilenceTimedOut) return goodbye(RecordingEnd.SILENCE);
                if (event instanceof TimedOut)
                    return to(
                            ENDED,
                            new StoreMessage(RecordingEnd.TIMEOUT),
                            new HangUp(),
                            new Release());
                break;
            case GOODBYE:
                if (event instanceof PlaybackFinished)
                    return to(ENDED, new HangUp(), new Release());
                if (event instanceof HungUp) return to(ENDED, new StopPlayback(), new Release());
                if (event instanceof TimedOut)
                    return to(ENDED, new StopPlayback(), new HangUp(), new Release());
                break;
            case ENDED:
                break;
        }
        return List.of(); // not a transition: the call stays as it is
    }

    private List<CallAction> timedOutBeforeRecording(TimedOut timeout) {
        return to(
                ENDED,
                new StopPlayback(),
                noMessage(timeout.reason()),
                new HangUp(),
                new Release());
    }

    private List<CallAction> goodbye(RecordingEnd end) {
        return to(GOODBYE, new StoreMessage(end), new Play(Prompt.GOODBYE));
    }

    private static AuditNoMessage noMessage(String reason) {
        return new AuditNoMessage(reason);
    }

    private List<CallAction> to(CallState next, CallAction... actions) {
        state = next;
        return List.of(actions);
    }
}
