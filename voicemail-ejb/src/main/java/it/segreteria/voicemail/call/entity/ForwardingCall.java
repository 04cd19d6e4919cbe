package it.segreteria.voicemail.call.entity;

import it.segreteria.voicemail.call.entity.CallAction.Announce;
import it.segreteria.voicemail.call.entity.CallAction.AuditNoMessage;
import it.segreteria.voicemail.call.entity.CallAction.Bridge;
import it.segreteria.voicemail.call.entity.CallAction.Dial;
import it.segreteria.voicemail.call.entity.CallAction.EndLeg;
import it.segreteria.voicemail.call.entity.CallAction.HangUp;
import it.segreteria.voicemail.call.entity.CallAction.Play;
import it.segreteria.voicemail.call.entity.CallAction.Prompt;
import it.segreteria.voicemail.call.entity.CallAction.Release;
import it.segreteria.voicemail.call.entity.CallAction.StopPlayback;
import it.segreteria.voicemail.call.entity.CallAction.ToMailbox;
import it.segreteria.voicemail.call.entity.CallEvent.AckTimedOut;
import it.segreteria.voicemail.call.entity.CallEvent.Acked;
import it.segreteria.voicemail.call.entity.CallEvent.Cancelled;
import it.segreteria.voicemail.call.entity.CallEvent.Digit;
import it.segreteria.voicemail.call.entity.CallEvent.HungUp;
import it.segreteria.voicemail.call.entity.CallEvent.Invited;
import it.segreteria.voicemail.call.entity.CallEvent.LegAcceptTimedOut;
import it.segreteria.voicemail.call.entity.CallEvent.LegAnswered;
import it.segreteria.voicemail.call.entity.CallEvent.LegFailed;
import it.segreteria.voicemail.call.entity.CallEvent.LegHungUp;
import it.segreteria.voicemail.call.entity.CallEvent.LegKey;
import it.segreteria.voicemail.call.entity.CallEvent.LegRingTimedOut;
import it.segreteria.voicemail.call.entity.CallEvent.PlaybackFinished;
import it.segreteria.voicemail.call.entity.CallEvent.TimedOut;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A call taken over during an outage whose plan rings phones first (key staff's mobiles through the
 * tenant's trunk), as a state machine: events in, actions out, no I/O.
 *
 * <pre>
 * ANSWERING --Invited/Answer--> WAITING_ACK --Acked: Play(connecting), Dial--> RINGING
 * RINGING: ringback to the caller; a phone that answers hears "press 1 to accept";
 *   1 pressed --> end the other phones, Bridge --> BRIDGED (either side's hang-up ends both)
 *   busy, no answer in its rings, no 1 in time, hung up --> the next phone (in turn), or, when none
 *   is left ringing, ToMailbox: the call goes on as a deposit (greeting, tone, message)
 *   # from the caller --> straight to the mailbox
 * </pre>
 */
public final class ForwardingCall implements CallMachine {

    private enum State {
        ANSWERING,
        WAITING_ACK,
        RINGING,
        BRIDGED,
        ENDED
    }

    private final int phones;
    private final boolean together;
    private State state = State.ANSWERING;
    private int next; // the next phone to ring in turn
    private final Set<Integer> live = new TreeSet<>(); // rung or answered, not ended
    private final Set<Integer> answered = new TreeSet<>();
    private int bridged = -1;

    /** {@code phones} to ring (at least one), all at once if {@code together}. */
    public ForwardingCall(int phones, boolean together) {
        if (phones < 1) {
            throw new IllegalArgumentException("no phone to ring");
        }
        this.phones = phones;
        this.together = together;
    }

    @Override
    public boolean waitingForAck() {
        return state == State.WAITING_ACK;
    }

    @Override
    public boolean ended() {
        return state == State.ENDED;
    }

    /** The phone that took the call, or -1. */
    public int bridged() {
        return bridged;
    }

    @Override
    public List<CallAction> on(CallEvent event) {
        List<CallAction> actions = new ArrayList<>();
        switch (state) {
            case ANSWERING -> {
                if (event instanceof Invited) {
                    state = State.WAITING_ACK;
                    actions.add(new CallAction.Answer());
                } else if (event instanceof Cancelled) {
                    end(actions, "cancelled before the answer");
                    actions.add(0, new CallAction.RejectCancelled());
                } else if (event instanceof HungUp) {
                    end(actions, "gone before the answer");
                }
            }
            case WAITING_ACK -> {
                if (event instanceof Acked) {
                    state = State.RINGING;
                    actions.add(new Play(Prompt.CONNECTING));
                    if (together) {
                        for (int leg = 0; leg < phones; leg++) {
                            dial(leg, actions);
                        }
                        next = phones;
                    } else {
                        dial(next++, actions);
                    }
                } else if (event instanceof AckTimedOut) {
                    end(actions, "no ACK for the answer");
                    actions.add(actions.size() - 1, new HangUp());
                } else if (event instanceof HungUp) {
                    end(actions, "hung up before the phones rang");
                }
            }
            case RINGING -> ringing(event, actions);
            case BRIDGED -> {
                if (event instanceof HungUp) {
                    actions.add(new EndLeg(bridged));
                    end(actions, "answered by phone " + (bridged + 1) + " of the outage plan");
                } else if (event instanceof LegHungUp hung && hung.leg() == bridged) {
                    actions.add(new HangUp());
                    end(actions, "answered by phone " + (bridged + 1) + " of the outage plan");
                } else if (event instanceof TimedOut timeout) {
                    actions.add(new EndLeg(bridged));
                    actions.add(new HangUp());
                    end(actions, timeout.reason());
                }
            }
            case ENDED -> {}
        }
        return actions;
    }

    private void ringing(CallEvent event, List<CallAction> actions) {
        if (event instanceof PlaybackFinished) {
            actions.add(new Play(Prompt.RINGBACK));
        } else if (event instanceof LegAnswered a && live.contains(a.leg())) {
            answered.add(a.leg());
            actions.add(new Announce(a.leg()));
        } else if (event instanceof LegKey key
                && answered.contains(key.leg())
                && key.key() == '1') {
            bridged = key.leg();
            for (int leg : List.copyOf(live)) {
                if (leg != bridged) {
                    actions.add(new EndLeg(leg));
                }
            }
            live.clear();
            live.add(bridged);
            actions.add(new StopPlayback());
            actions.add(new Bridge(bridged));
            state = State.BRIDGED;
        } else if (event instanceof LegFailed f && live.remove(f.leg())) {
            answered.remove(f.leg());
            onLegGone(actions);
        } else if ((event instanceof LegRingTimedOut t && live.contains(t.leg()))
                || (event instanceof LegAcceptTimedOut x && live.contains(x.leg()))
                || (event instanceof LegHungUp h && live.contains(h.leg()))) {
            int leg = legOf(event);
            live.remove(leg);
            answered.remove(leg);
            if (!(event instanceof LegHungUp)) {
                actions.add(new EndLeg(leg));
            }
            onLegGone(actions);
        } else if (event instanceof Digit d && d.key() == '#') {
            toMailbox(actions); // the caller would rather leave a message
        } else if (event instanceof HungUp) {
            for (int leg : List.copyOf(live)) {
                actions.add(new EndLeg(leg));
            }
            live.clear();
            end(actions, "hung up while the outage plan's phones rang");
        } else if (event instanceof TimedOut timeout) {
            for (int leg : List.copyOf(live)) {
                actions.add(new EndLeg(leg));
            }
            live.clear();
            actions.add(new HangUp());
            end(actions, timeout.reason());
        }
    }

    private static int legOf(CallEvent event) {
        if (event instanceof LegRingTimedOut t) return t.leg();
        if (event instanceof LegAcceptTimedOut x) return x.leg();
        return ((LegHungUp) event).leg();
    }

    /** A phone is out of the running: ring the next one in turn, or give up on phones. */
    private void onLegGone(List<CallAction> actions) {
        if (!together && next < phones) {
            dial(next++, actions);
        } else if (live.isEmpty()) {
            toMailbox(actions);
        }
    }

    private void dial(int leg, List<CallAction> actions) {
        live.add(leg);
        actions.add(new Dial(leg));
    }

    private void toMailbox(List<CallAction> actions) {
        for (int leg : List.copyOf(live)) {
            actions.add(new EndLeg(leg));
        }
        live.clear();
        actions.add(new StopPlayback());
        actions.add(new ToMailbox());
        state = State.ENDED; // the deposit machine takes the call over
    }

    private void end(List<CallAction> actions, String reason) {
        state = State.ENDED;
        actions.add(new AuditNoMessage(reason));
        actions.add(new Release());
    }
}
