package it.segreteria.voicemail.call.entity;

import static it.segreteria.voicemail.call.entity.CallAction.Prompt.BEEP;
import static it.segreteria.voicemail.call.entity.CallAction.Prompt.GOODBYE;
import static it.segreteria.voicemail.call.entity.CallAction.Prompt.GREETING;
import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.call.entity.CallAction.Answer;
import it.segreteria.voicemail.call.entity.CallAction.AuditNoMessage;
import it.segreteria.voicemail.call.entity.CallAction.HangUp;
import it.segreteria.voicemail.call.entity.CallAction.Play;
import it.segreteria.voicemail.call.entity.CallAction.RecordingEnd;
import it.segreteria.voicemail.call.entity.CallAction.RejectCancelled;
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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The deposit call as a table: from a state, an event gives a next state and actions. */
class DepositCallTest {

    static Stream<Arguments> transitions() {
        return Stream.of(
                row(CallState.ANSWERING, new Invited(), CallState.WAITING_ACK, new Answer()),
                row(
                        CallState.ANSWERING,
                        new Cancelled(),
                        CallState.ENDED,
                        new RejectCancelled(),
                        new AuditNoMessage("cancelled before the answer"),
                        new Release()),
                row(CallState.WAITING_ACK, new Acked(), CallState.GREETING, new Play(GREETING)),
                row(
                        CallState.WAITING_ACK,
                        new AckTimedOut(),
                        CallState.ENDED,
                        new AuditNoMessage("no ACK for the answer"),
                        new HangUp(),
                        new Release()),
                row(
                        CallState.WAITING_ACK,
                        new HungUp(),
                        CallState.ENDED,
                        new AuditNoMessage("hung up before the greeting"),
                        new Release()),
                row(CallState.WAITING_ACK, new Cancelled(), CallState.WAITING_ACK),
                row(CallState.GREETING, new PlaybackFinished(), CallState.BEEP, new Play(BEEP)),
                row(
                        CallState.GREETING,
                        new Digit('#'),
                        CallState.BEEP,
                        new StopPlayback(),
                        new Play(BEEP)),
                row(CallState.GREETING, new Digit('5'), CallState.GREETING),
                row(
                        CallState.GREETING,
                        new HungUp(),
                        CallState.ENDED,
                        new StopPlayback(),
                        new AuditNoMessage("hung up during the greeting"),
                        new Release()),
                row(
                        CallState.BEEP,
                        new PlaybackFinished(),
                        CallState.RECORDING,
                        new StartRecording()),
                row(CallState.BEEP, new Digit('#'), CallState.BEEP),
                row(
                        CallState.BEEP,
                        new HungUp(),
                        CallState.ENDED,
                        new StopPlayback(),
                        new AuditNoMessage("hung up before the tone ended"),
                        new Release()),
                row(
                        CallState.RECORDING,
                        new HungUp(),
                        CallState.ENDED,
                        new StoreMessage(RecordingEnd.HANGUP),
                        new Release()),
                row(
                        CallState.RECORDING,
                        new Digit('#'),
                        CallState.GOODBYE,
                        new StoreMessage(RecordingEnd.KEY),
                        new Play(GOODBYE)),
                row(CallState.RECORDING, new Digit('1'), CallState.RECORDING),
                row(
                        CallState.RECORDING,
                        new RecordingFull(),
                        CallState.GOODBYE,
                        new StoreMessage(RecordingEnd.MAX_LENGTH),
                        new Play(GOODBYE)),
                row(
                        CallState.RECORDING,
                        new SilenceTimedOut(),
                        CallState.GOODBYE,
                        new StoreMessage(RecordingEnd.SILENCE),
                        new Play(GOODBYE)),
                row(
                        CallState.WAITING_ACK,
                        new TimedOut("no audio"),
                        CallState.ENDED,
                        new AuditNoMessage("no audio"),
                        new HangUp(),
                        new Release()),
                row(
                        CallState.GREETING,
                        new TimedOut("no audio"),
                        CallState.ENDED,
                        new StopPlayback(),
                        new AuditNoMessage("no audio"),
                        new HangUp(),
                        new Release()),
                row(
                        CallState.BEEP,
                        new TimedOut("session expired"),
                        CallState.ENDED,
                        new StopPlayback(),
                        new AuditNoMessage("session expired"),
                        new HangUp(),
                        new Release()),
                row(
                        CallState.RECORDING,
                        new TimedOut("no audio"),
                        CallState.ENDED,
                        new StoreMessage(RecordingEnd.TIMEOUT),
                        new HangUp(),
                        new Release()),
                row(
                        CallState.GOODBYE,
                        new TimedOut("call too long"),
                        CallState.ENDED,
                        new StopPlayback(),
                        new HangUp(),
                        new Release()),
                row(
                        CallState.GOODBYE,
                        new PlaybackFinished(),
                        CallState.ENDED,
                        new HangUp(),
                        new Release()),
                row(
                        CallState.GOODBYE,
                        new HungUp(),
                        CallState.ENDED,
                        new StopPlayback(),
                        new Release()),
                row(CallState.ENDED, new HungUp(), CallState.ENDED),
                row(CallState.ENDED, new Digit('#'), CallState.ENDED));
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @MethodSource("transitions")
    void transition(CallState from, CallEvent event, CallState to, List<CallAction> actions) {
        DepositCall call = callIn(from);

        assertThat(call.on(event)).containsExactlyElementsOf(actions);
        assertThat(call.state()).isEqualTo(to);
    }

    @Test
    void aWholeCallStoresExactlyOneMessage() {
        DepositCall call = new DepositCall();
        List<CallAction> all = new ArrayList<>();
        for (CallEvent event :
                List.of(
                        new Invited(),
                        new Acked(),
                        new PlaybackFinished(),
                        new PlaybackFinished(),
                        new Digit('3'),
                        new HungUp(),
                        new HungUp(),
                        new Digit('#'))) {
            all.addAll(call.on(event));
        }
        assertThat(all.stream().filter(StoreMessage.class::isInstance)).hasSize(1);
        assertThat(all.stream().filter(Release.class::isInstance)).hasSize(1);
        assertThat(call.state()).isEqualTo(CallState.ENDED);
    }

    /** Drives a fresh call to the given state along the main path. */
    private static DepositCall callIn(CallState state) {
        DepositCall call = new DepositCall();
        List<CallEvent> path =
                List.of(
                        new Invited(),
                        new Acked(),
                        new PlaybackFinished(),
                        new PlaybackFinished(),
                        new Digit('#'),
                        new PlaybackFinished());
        for (CallEvent step : path) {
            if (call.state() == state) {
                return call;
            }
            call.on(step);
        }
        assertThat(call.state()).isEqualTo(state);
        return call;
    }

    private static Arguments row(
            CallState from, CallEvent event, CallState to, CallAction... actions) {
        return Arguments.of(from, event, to, List.of(actions));
    }
}
