package it.segreteria.voicemail.call.entity;

import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.call.entity.CallAction.Announce;
import it.segreteria.voicemail.call.entity.CallAction.Bridge;
import it.segreteria.voicemail.call.entity.CallAction.Dial;
import it.segreteria.voicemail.call.entity.CallAction.EndLeg;
import it.segreteria.voicemail.call.entity.CallAction.ToMailbox;
import it.segreteria.voicemail.call.entity.CallEvent.Acked;
import it.segreteria.voicemail.call.entity.CallEvent.Digit;
import it.segreteria.voicemail.call.entity.CallEvent.HungUp;
import it.segreteria.voicemail.call.entity.CallEvent.Invited;
import it.segreteria.voicemail.call.entity.CallEvent.LegAcceptTimedOut;
import it.segreteria.voicemail.call.entity.CallEvent.LegAnswered;
import it.segreteria.voicemail.call.entity.CallEvent.LegFailed;
import it.segreteria.voicemail.call.entity.CallEvent.LegHungUp;
import it.segreteria.voicemail.call.entity.CallEvent.LegKey;
import it.segreteria.voicemail.call.entity.CallEvent.LegRingTimedOut;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An outage call's phones: in turn or together, 1 to accept, the mailbox when nobody does. */
class ForwardingCallTest {

    private static ForwardingCall ringing(int phones, boolean together) {
        ForwardingCall call = new ForwardingCall(phones, together);
        call.on(new Invited());
        return call;
    }

    @Test
    void inTurnTheNextPhoneRingsWhenOneIsBusyOrUnanswered() {
        ForwardingCall call = ringing(3, false);
        assertThat(call.on(new Acked())).contains(new Dial(0)).doesNotContain(new Dial(1));
        assertThat(call.on(new LegFailed(0, 486))).containsExactly(new Dial(1));
        assertThat(call.on(new LegRingTimedOut(1))).containsExactly(new EndLeg(1), new Dial(2));
        List<CallAction> last = call.on(new LegRingTimedOut(2));
        assertThat(last).contains(new EndLeg(2), new ToMailbox());
        assertThat(call.ended()).as("the deposit machine takes over").isTrue();
    }

    @Test
    void onlyOneMeansYesAndTheOthersStopRinging() {
        ForwardingCall call = ringing(2, true);
        assertThat(call.on(new Acked())).contains(new Dial(0), new Dial(1));
        assertThat(call.on(new LegKey(0, '1'))).as("not answered yet").isEmpty();
        assertThat(call.on(new LegAnswered(0))).containsExactly(new Announce(0));
        assertThat(call.on(new LegKey(0, '5'))).isEmpty();
        assertThat(call.on(new LegKey(0, '1'))).contains(new EndLeg(1), new Bridge(0));
        assertThat(call.bridged()).isZero();
        assertThat(call.on(new LegHungUp(0)))
                .contains(new CallAction.HangUp(), new CallAction.Release());
        assertThat(call.ended()).isTrue();
    }

    @Test
    void aMobileVoicemailThatNeverPressesOneIsHungUp() {
        ForwardingCall call = ringing(1, false);
        call.on(new Acked());
        call.on(new LegAnswered(0));
        assertThat(call.on(new LegAcceptTimedOut(0))).contains(new EndLeg(0), new ToMailbox());
    }

    @Test
    void theCallerMayGoStraightToTheMailboxOrHangUp() {
        ForwardingCall impatient = ringing(2, true);
        impatient.on(new Acked());
        assertThat(impatient.on(new Digit('#')))
                .contains(new EndLeg(0), new EndLeg(1), new ToMailbox());

        ForwardingCall gone = ringing(2, true);
        gone.on(new Acked());
        assertThat(gone.on(new HungUp()))
                .contains(new EndLeg(0), new EndLeg(1), new CallAction.Release())
                .doesNotContain(new ToMailbox());
    }
}
