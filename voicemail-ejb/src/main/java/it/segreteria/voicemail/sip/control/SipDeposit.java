package it.segreteria.voicemail.sip.control;

import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.audio.Prompt;
import it.segreteria.voicemail.audio.Recording;
import it.segreteria.voicemail.audio.Wav;
import it.segreteria.voicemail.call.control.DepositSettings;
import it.segreteria.voicemail.call.control.Deposits.CallRecord;
import it.segreteria.voicemail.call.control.Destination;
import it.segreteria.voicemail.call.control.SerialExecutor;
import it.segreteria.voicemail.call.entity.CallAction;
import it.segreteria.voicemail.call.entity.CallAction.Play;
import it.segreteria.voicemail.call.entity.CallAction.RecordingEnd;
import it.segreteria.voicemail.call.entity.CallAction.StoreMessage;
import it.segreteria.voicemail.call.entity.CallEvent;
import it.segreteria.voicemail.call.entity.CallState;
import it.segreteria.voicemail.call.entity.DepositCall;
import it.segreteria.voicemail.media.control.MediaListener;
import it.segreteria.voicemail.media.control.RtpSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;

/**
 * One deposit call on the SIP side: its state machine, its media session and its SIP dialog. Every
 * event goes through the call's {@link SerialExecutor}; {@link #handle} feeds the machine and
 * carries out the actions it returns. Log lines name the tenant and the SIP Call-ID.
 */
final class SipDeposit implements MediaListener {

    private static final Logger LOG = Logger.getLogger(SipDeposit.class.getName());

    /**
     * What is kept of the silence that ended a message: the caller's last breath, not ten seconds
     * of nothing.
     */
    private static final int SILENCE_KEPT = Codec.SAMPLE_RATE / 2;

    /**
     * RTP sent just before a BYE can arrive just after it: a message ended by a hang-up is closed
     * this much later, so that the caller's last words are in it.
     */
    private static final long HANGUP_GRACE_MILLIS = 300;

    final String callId;
    final ServerTransaction invite;
    final Instant arrivedAt = Instant.now();
    final SerialExecutor events;
    private final SipCallAgent agent;
    private final DepositCall machine = new DepositCall();
    private final List<CallEvent> earlyKeys = new ArrayList<>();

    Destination destination;
    CallRecord record;
    RtpSession media;
    Sdp.Offer offer; // null until negotiated (late offer: from the ACK)
    Dialog dialog;
    volatile boolean cancelled;
    private boolean releaseAfterStore;

    SipDeposit(SipCallAgent agent, String callId, ServerTransaction invite, SerialExecutor events) {
        this.agent = agent;
        this.callId = callId;
        this.invite = invite;
        this.events = events;
    }

    CallState state() {
        return machine.state();
    }

    /** Queues an event for this call. */
    void post(CallEvent event) {
        events.execute(() -> handle(event));
    }

    /** Runs on the call's executor only. */
    void handle(CallEvent event) {
        if (event instanceof CallEvent.Digit && machine.state() == CallState.WAITING_ACK) {
            earlyKeys.add(
                    event); // overtook the ACK inside the stack's thread pool: replayed once it is
            // handled
            return;
        }
        process(event);
        if (event instanceof CallEvent.Acked) {
            List<CallEvent> keys = List.copyOf(earlyKeys);
            earlyKeys.clear();
            keys.forEach(this::process);
        }
    }

    private void process(CallEvent event) {
        for (CallAction action : machine.on(event)) {
            try {
                perform(action);
            } catch (Exception e) {
                LOG.log(Level.WARNING, this + ": " + action + " failed", e);
            }
        }
    }

    private void perform(CallAction action) throws Exception {
        if (action instanceof CallAction.Answer) {
            agent.answer(this);
        } else if (action instanceof CallAction.RejectCancelled) {
            agent.respond(invite, 487);
        } else if (action instanceof Play play) {
            media.play(prompt(play.prompt()));
        } else if (action instanceof CallAction.StopPlayback) {
            media.stopPlayback();
        } else if (action instanceof CallAction.StartRecording) {
            agent.startRecording(this);
        } else if (action instanceof StoreMessage store && store.end() == RecordingEnd.HANGUP) {
            releaseAfterStore = true;
            agent.timers()
                    .schedule(
                            () ->
                                    events.execute(
                                            () -> {
                                                store(RecordingEnd.HANGUP);
                                                release();
                                            }),
                            HANGUP_GRACE_MILLIS,
                            java.util.concurrent.TimeUnit.MILLISECONDS);
        } else if (action instanceof StoreMessage store) {
            store(store.end());
        } else if (action instanceof CallAction.AuditNoMessage none) {
            agent.deposits().noMessage(destination, record, none.reason());
            LOG.fine(() -> this + ": ended without a message (" + none.reason() + ")");
        } else if (action instanceof CallAction.HangUp) {
            hangUp();
        } else if (action instanceof CallAction.Release && !releaseAfterStore) {
            release();
        }
    }

    private Prompt prompt(CallAction.Prompt prompt) {
        return switch (prompt) {
            case GREETING ->
                    destination
                            .greeting()
                            .orElseGet(
                                    () ->
                                            agent.prompts()
                                                    .greeting(
                                                            destination.language(),
                                                            destination.mailboxNumber()));
            case BEEP -> agent.prompts().beep();
            case GOODBYE -> agent.prompts().goodbye(destination.language());
        };
    }

    private void store(RecordingEnd end) {
        try {
            storeRecording(end);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, this + ": the message could not be stored", e);
        }
    }

    private void storeRecording(RecordingEnd end) {
        Recording recording = media.stopRecording();
        if (recording == null) {
            return;
        }
        if (end == RecordingEnd.SILENCE) {
            recording.truncate(recording.endOfSpeech() + SILENCE_KEPT);
        }
        Duration duration = Duration.ofMillis(recording.samples() * 1000L / Codec.SAMPLE_RATE);
        if (duration.compareTo(settings().minLength()) < 0) {
            agent.deposits()
                    .noMessage(
                            destination,
                            record,
                            "message of "
                                    + duration.toMillis()
                                    + " ms is shorter than the minimum");
            return;
        }
        long id =
                agent.deposits()
                        .store(
                                destination,
                                record,
                                arrivedAt,
                                duration,
                                Wav.write(recording.pcm()));
        LOG.info(
                () ->
                        this
                                + (id < 0
                                        ? ": message spooled (database unavailable), "
                                        : ": message " + id + " stored, ")
                                + duration.toMillis()
                                + " ms, ended by "
                                + end);
    }

    /** The service's limits with the tenant's own where it has them. */
    DepositSettings settings() {
        return agent.settings().forTenant(destination.limits());
    }

    private void hangUp() throws Exception {
        if (dialog == null) {
            return;
        }
        Request bye = dialog.createRequest(Request.BYE);
        ClientTransaction transaction = agent.provider().getNewClientTransaction(bye);
        dialog.sendRequest(transaction);
    }

    private void release() {
        if (media != null) {
            media.close();
        }
        agent.forget(this);
    }

    // media events arrive on the media threads: queue them

    @Override
    public void playbackFinished() {
        post(new CallEvent.PlaybackFinished());
    }

    @Override
    public void digit(char key) {
        post(new CallEvent.Digit(key));
    }

    @Override
    public void silenceTimedOut() {
        post(new CallEvent.SilenceTimedOut());
    }

    @Override
    public void recordingFull() {
        post(new CallEvent.RecordingFull());
    }

    @Override
    public String toString() {
        return "call "
                + callId
                + (destination == null
                        ? ""
                        : " ["
                                + destination.tenant()
                                + " mailbox "
                                + destination.mailboxNumber()
                                + "]");
    }
}
