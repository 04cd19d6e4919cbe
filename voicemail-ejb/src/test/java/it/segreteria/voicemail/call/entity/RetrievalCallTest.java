package it.segreteria.voicemail.call.entity;

import static org.assertj.core.api.Assertions.assertThat;

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
import it.segreteria.voicemail.call.entity.CallEvent.Acked;
import it.segreteria.voicemail.call.entity.CallEvent.CallerIdentified;
import it.segreteria.voicemail.call.entity.CallEvent.Digit;
import it.segreteria.voicemail.call.entity.CallEvent.DigitTimedOut;
import it.segreteria.voicemail.call.entity.CallEvent.ExtensionNotFound;
import it.segreteria.voicemail.call.entity.CallEvent.GreetingRecorded;
import it.segreteria.voicemail.call.entity.CallEvent.GreetingStored;
import it.segreteria.voicemail.call.entity.CallEvent.HungUp;
import it.segreteria.voicemail.call.entity.CallEvent.Invited;
import it.segreteria.voicemail.call.entity.CallEvent.LoggedIn;
import it.segreteria.voicemail.call.entity.CallEvent.LoginRefused;
import it.segreteria.voicemail.call.entity.CallEvent.PinChange;
import it.segreteria.voicemail.call.entity.CallEvent.PinChangeAnswered;
import it.segreteria.voicemail.call.entity.CallEvent.PlaybackFinished;
import it.segreteria.voicemail.call.entity.CallEvent.SilenceTimedOut;
import it.segreteria.voicemail.call.entity.RetrievalCall.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The phone menu, event by event, as a mailbox owner keys it. */
class RetrievalCallTest {

    private final RetrievalCall call = new RetrievalCall();

    private List<CallAction> keys(String keys) {
        List<CallAction> actions = new ArrayList<>();
        for (char key : keys.toCharArray()) {
            actions.addAll(call.on(new Digit(key)));
        }
        return actions;
    }

    private void answered() {
        call.on(new Invited());
        assertThat(call.on(new Acked())).containsExactly(new Say(new Phrase.AskMailbox()));
    }

    private void loggedIn(MessageSummary... messages) {
        answered();
        keys("100#");
        assertThat(keys("4826#")).endsWith(new CancelDigitWait(), new LogIn("100", "4826"));
        assertThat(call.on(new LoggedIn(List.of(messages)))).hasSize(1);
        assertThat(call.state()).isEqualTo(State.MENU);
    }

    @Test
    void theMailboxThenThePinEachEndedByHash() {
        answered();
        assertThat(call.on(new PlaybackFinished())).containsExactly(new AwaitDigit());
        assertThat(keys("10")).containsExactly(new AwaitDigit(), new AwaitDigit());
        assertThat(keys("0#"))
                .containsExactly(
                        new AwaitDigit(), new CancelDigitWait(), new Say(new Phrase.AskPin()));
        assertThat(keys("4826#")).endsWith(new LogIn("100", "4826"));
        assertThat(call.state()).isEqualTo(State.CHECKING);
    }

    @Test
    void anEmployeesOwnPhoneIsAskedOnlyForThePin() {
        RetrievalCall known = new RetrievalCall(false, true);
        known.on(new Invited());
        assertThat(known.on(new Acked())).containsExactly(new IdentifyCaller());
        assertThat(known.on(new Digit('4'))).isEmpty(); // keyed before any question: kept
        assertThat(known.on(new CallerIdentified(Optional.of("100"))))
                .containsExactly(
                        new Say(new Phrase.AskPin()), new StopPlayback(), new AwaitDigit());
        List<CallAction> actions = new ArrayList<>();
        for (char key : "826#".toCharArray()) {
            actions.addAll(known.on(new Digit(key)));
        }
        assertThat(actions).endsWith(new LogIn("100", "4826"));
    }

    @Test
    void aNumberThatIsNobodysPhoneIsAskedForTheMailbox() {
        RetrievalCall unknown = new RetrievalCall(false, true);
        unknown.on(new Invited());
        unknown.on(new Acked());
        assertThat(unknown.on(new CallerIdentified(Optional.empty())))
                .containsExactly(new Say(new Phrase.AskMailbox()));
        assertThat(unknown.state()).isEqualTo(State.MAILBOX);
    }

    @Test
    void starWhileKeyingThePinGoesBackToTheMailboxQuestion() {
        RetrievalCall known = new RetrievalCall(false, true);
        known.on(new Invited());
        known.on(new Acked());
        known.on(new CallerIdentified(Optional.of("100")));
        known.on(new PlaybackFinished());
        known.on(new Digit('1'));
        assertThat(known.on(new Digit('*'))).endsWith(new Say(new Phrase.AskMailbox()));
        for (char key : "101#7391#".toCharArray()) {
            known.on(new Digit(key));
        }
        assertThat(known.state()).isEqualTo(State.CHECKING);
    }

    @Test
    void theAttendantOnTheTenantNumberNeverIdentifiesTheCaller() {
        RetrievalCall attendant = new RetrievalCall(true, true);
        attendant.on(new Invited());
        assertThat(attendant.on(new Acked())).containsExactly(new Say(new Phrase.AskExtension()));
    }

    @Test
    void aKeyDuringAQuestionStopsIt() {
        answered(); // the question is being read
        assertThat(keys("1")).containsExactly(new StopPlayback(), new AwaitDigit());
    }

    @Test
    void aPauseEndsAnEntryThatHasDigits() {
        answered();
        keys("100");
        assertThat(call.on(new DigitTimedOut()))
                .containsExactly(new CancelDigitWait(), new Say(new Phrase.AskPin()));
    }

    @Test
    void noKeyAtAllRepeatsTheQuestionTwiceThenSaysGoodbye() {
        answered();
        call.on(new PlaybackFinished());
        assertThat(call.on(new DigitTimedOut())).containsExactly(new Say(new Phrase.AskMailbox()));
        call.on(new PlaybackFinished());
        assertThat(call.on(new DigitTimedOut())).containsExactly(new Say(new Phrase.AskMailbox()));
        call.on(new PlaybackFinished());
        assertThat(call.on(new DigitTimedOut()))
                .containsExactly(new CancelDigitWait(), new Say(new Phrase.Goodbye()));
        assertThat(call.on(new PlaybackFinished())).containsExactly(new HangUp(), new Release());
        assertThat(call.ended()).isTrue();
    }

    @Test
    void aLoginThatCannotBeCheckedIsNotCalledIncorrect() {
        answered();
        keys("100#");
        keys("4826#");
        assertThat(call.on(new CallEvent.LoginUnavailable()))
                .containsExactly(new Say(new Phrase.Failed()));
        assertThat(call.state()).isEqualTo(State.GOODBYE);
        assertThat(call.on(new PlaybackFinished())).containsExactly(new HangUp(), new Release());
    }

    @Test
    void threeRefusedLoginsEndTheCall() {
        answered();
        for (int attempt = 1; attempt <= 3; attempt++) {
            keys("100#");
            keys("1111#");
            List<CallAction> refused = call.on(new LoginRefused());
            assertThat(refused).containsExactly(new Say(new Phrase.LoginIncorrect(attempt < 3)));
        }
        assertThat(call.state()).isEqualTo(State.GOODBYE);
        assertThat(call.on(new PlaybackFinished())).containsExactly(new HangUp(), new Release());
    }

    @Test
    void theCountsThenOnePlaysTheFirstNewMessageAndMarksItHeard() {
        answered();
        keys("100#");
        keys("4826#");
        List<CallAction> in =
                call.on(
                        new LoggedIn(
                                List.of(
                                        new MessageSummary(5, true, false),
                                        new MessageSummary(6, true, false),
                                        new MessageSummary(2, false, true))));
        assertThat(in).containsExactly(new Say(new Phrase.Counts(2, 1)));
        assertThat(keys("1"))
                .containsExactly(
                        new StopPlayback(),
                        new CancelDigitWait(),
                        new PlayMessage(5),
                        new Mark(5, MessageMark.HEARD));
        assertThat(call.on(new PlaybackFinished()))
                .containsExactly(new Say(new Phrase.MessageMenu()));
    }

    @Test
    void withoutNewMessagesOnePlaysTheFirstSavedOne() {
        loggedIn(new MessageSummary(2, false, true));
        call.on(new PlaybackFinished());
        assertThat(keys("1")).containsExactly(new CancelDigitWait(), new PlayMessage(2));
    }

    @Test
    void theMessageKeys() {
        loggedIn(
                new MessageSummary(5, true, false),
                new MessageSummary(6, false, false),
                new MessageSummary(7, false, true));
        call.on(new PlaybackFinished());
        keys("1"); // plays 5
        assertThat(keys("#")).contains(new PlayMessage(6)); // skips to the next while playing
        call.on(new PlaybackFinished()); // the message menu
        assertThat(keys("7"))
                .contains(new Mark(6, MessageMark.DELETED), new Say(new Phrase.Deleted()));
        assertThat(keys("7"))
                .contains(new Mark(6, MessageMark.UNDELETED), new Say(new Phrase.Undeleted()));
        assertThat(keys("9")).contains(new Mark(6, MessageMark.SAVED), new Say(new Phrase.Saved()));
        assertThat(keys("4"))
                .contains(new PlayMessage(5))
                .doesNotContain(new Mark(5, MessageMark.HEARD));
        assertThat(keys("5")).contains(new PlayMessage(5));
        assertThat(keys("6")).contains(new PlayMessage(6));
        assertThat(keys("6")).contains(new PlayMessage(7));
        assertThat(keys("6")).contains(new Say(new Phrase.NoMoreMessages()));
        assertThat(call.state()).isEqualTo(State.MENU);
    }

    @Test
    void aDeletedMessageIsSkippedAndNotCounted() {
        loggedIn(new MessageSummary(5, true, false), new MessageSummary(6, true, false));
        call.on(new PlaybackFinished());
        keys("1");
        keys("7"); // 5 deleted
        assertThat(keys("6")).contains(new PlayMessage(6));
        assertThat(keys("4")).contains(new PlayMessage(6)).doesNotContain(new PlayMessage(5));
    }

    @Test
    void keysPressedWhileThePinIsCheckedCountOnceTheMailboxIsOpen() {
        answered();
        keys("100#");
        keys("4826#");
        assertThat(keys("1")).isEmpty();
        assertThat(call.on(new LoggedIn(List.of(new MessageSummary(5, true, false)))))
                .containsExactly(
                        new Say(new Phrase.Counts(1, 0)),
                        new StopPlayback(),
                        new CancelDigitWait(),
                        new PlayMessage(5),
                        new Mark(5, MessageMark.HEARD));
    }

    @Test
    void anUnknownKeyIsNotAnOption() {
        loggedIn(new MessageSummary(5, true, false));
        call.on(new PlaybackFinished());
        assertThat(keys("8"))
                .containsExactly(new CancelDigitWait(), new Say(new Phrase.NotAnOption(false)));
        assertThat(keys("*"))
                .containsExactly(
                        new StopPlayback(), new CancelDigitWait(), new Say(new Phrase.MainMenu()));
    }

    @Test
    void aHangUpAnywhereReleasesTheCall() {
        loggedIn(new MessageSummary(5, true, false));
        keys("1");
        assertThat(call.on(new HungUp()))
                .containsExactly(new StopPlayback(), new CancelDigitWait(), new Release());
        assertThat(call.on(new Digit('1'))).isEmpty();
    }

    private void inOptions() {
        loggedIn(new MessageSummary(6, true, false));
        assertThat(keys("0"))
                .containsExactly(
                        new StopPlayback(), new CancelDigitWait(), new Say(new Phrase.Options()));
        call.on(new PlaybackFinished());
    }

    @Test
    void aGreetingIsRecordedAfterTheToneReviewedAndKept() {
        inOptions();
        assertThat(keys("1")).endsWith(new Say(new Phrase.RecordGreeting(false)));
        assertThat(call.on(new PlaybackFinished())).containsExactly(new RecordGreeting());
        assertThat(keys("#")).containsExactly(new StopGreetingRecording());
        assertThat(call.on(new GreetingRecorded(2400)))
                .containsExactly(new Say(new Phrase.ReviewRecording()));
        call.on(new PlaybackFinished());
        assertThat(keys("2")).endsWith(new PlayRecordedGreeting());
        assertThat(call.on(new PlaybackFinished()))
                .containsExactly(new Say(new Phrase.ReviewRecording()));
        assertThat(keys("1")).endsWith(new SaveGreeting(false));
        assertThat(call.state()).isEqualTo(State.STORING);
        assertThat(call.on(new GreetingStored(true)))
                .containsExactly(new Say(new Phrase.GreetingSaved()));
        assertThat(call.state()).isEqualTo(State.OPTIONS);
    }

    @Test
    void silenceEndsAGreetingAndOneTooShortIsRecordedAgain() {
        inOptions();
        keys("1");
        call.on(new PlaybackFinished());
        assertThat(call.on(new SilenceTimedOut())).containsExactly(new StopGreetingRecording());
        assertThat(call.on(new GreetingRecorded(RetrievalCall.SHORTEST_GREETING_MILLIS - 1)))
                .containsExactly(new Say(new Phrase.RecordingTooShort(false)));
        assertThat(call.on(new PlaybackFinished())).containsExactly(new RecordGreeting());
    }

    @Test
    void theTemporaryGreetingIsRecordedThenOfferedForRemovalAndAnnouncedAtLogin() {
        answered();
        keys("100#");
        keys("4826#");
        assertThat(call.on(new LoggedIn(List.of(), true)))
                .containsExactly(new Say(new Phrase.Counts(0, 0, true)));
        keys("0");
        assertThat(keys("4")).endsWith(new Say(new Phrase.TemporaryGreetingMenu()));
        assertThat(keys("2")).endsWith(new ClearTemporaryGreeting());
        assertThat(call.on(new GreetingStored(true)))
                .containsExactly(new Say(new Phrase.TemporaryGreetingRemoved()));
        // none left: 4 records one at once, and then 4 offers to remove it
        assertThat(keys("4")).endsWith(new Say(new Phrase.RecordGreeting(true)));
        call.on(new PlaybackFinished());
        keys("#");
        call.on(new GreetingRecorded(3000));
        assertThat(keys("1")).endsWith(new SaveGreeting(true));
        call.on(new GreetingStored(true));
        assertThat(keys("4")).endsWith(new Say(new Phrase.TemporaryGreetingMenu()));
    }

    @Test
    void aNewPinIsKeyedTwiceAndMustMatch() {
        inOptions();
        assertThat(keys("5")).endsWith(new Say(new Phrase.NewPin()));
        keys("2468#");
        assertThat(call.state()).isEqualTo(State.REPEAT_PIN);
        assertThat(keys("2469#")).endsWith(new Say(new Phrase.PinMismatch()));
        assertThat(call.state()).isEqualTo(State.OPTIONS);
        keys("5");
        keys("2468#");
        assertThat(keys("2468#")).endsWith(new ChangePin("2468"));
        assertThat(call.on(new PinChangeAnswered(PinChange.REFUSED)))
                .containsExactly(new Say(new Phrase.PinRefused()));
        keys("5");
        keys("2468#");
        keys("2468#");
        assertThat(call.on(new PinChangeAnswered(PinChange.CHANGED)))
                .containsExactly(new Say(new Phrase.PinChanged()));
        assertThat(new ChangePin("2468").toString()).doesNotContain("2468");
    }

    @Test
    void starRewindsZeroPausesAndAnyKeyPlaysOn() {
        loggedIn(new MessageSummary(6, true, false), new MessageSummary(7, true, false));
        keys("1");
        assertThat(keys("*")).containsExactly(new Rewind(RetrievalCall.REWIND_MILLIS));
        assertThat(keys("0")).containsExactly(new PausePlayback());
        assertThat(call.state()).isEqualTo(State.PAUSED);
        assertThat(keys("5")).containsExactly(new ResumePlayback());
        assertThat(call.state()).isEqualTo(State.PLAYING);
        keys("0");
        assertThat(keys("#")).contains(new PlayMessage(7));
    }

    @Test
    void threeThenThreeSaysTheEnvelope() {
        Instant received = Instant.parse("2026-12-02T13:05:00Z");
        loggedIn(new MessageSummary(6, true, false, received, "+390212345678"));
        keys("1");
        assertThat(keys("3")).endsWith(new Say(new Phrase.AdvancedOptions()));
        call.on(new PlaybackFinished());
        assertThat(keys("3")).endsWith(new Say(new Phrase.Envelope(received, "+390212345678")));
        assertThat(call.state()).isEqualTo(State.MESSAGE);
    }

    @Test
    void theAttendantAsksForTheExtensionAndStarLogsIn() {
        RetrievalCall attendant = new RetrievalCall(true);
        attendant.on(new Invited());
        assertThat(attendant.on(new Acked())).containsExactly(new Say(new Phrase.AskExtension()));
        attendant.on(new Digit('1'));
        attendant.on(new Digit('0'));
        assertThat(attendant.on(new Digit('#'))).endsWith(new DepositTo("10"));
        assertThat(attendant.on(new ExtensionNotFound()))
                .containsExactly(new Say(new Phrase.NoSuchExtension(true)));
        assertThat(attendant.on(new Digit('*'))).endsWith(new Say(new Phrase.AskMailbox()));
        assertThat(attendant.state()).isEqualTo(State.MAILBOX);
    }
}
