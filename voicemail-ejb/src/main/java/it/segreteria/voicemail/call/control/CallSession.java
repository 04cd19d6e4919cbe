package it.segreteria.voicemail.call.control;

import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.audio.MediaDescription;
import it.segreteria.voicemail.audio.Prompt;
import it.segreteria.voicemail.audio.Recording;
import it.segreteria.voicemail.audio.Wav;
import it.segreteria.voicemail.call.control.Deposits.CallRecord;
import it.segreteria.voicemail.call.control.Deposits.Draft;
import it.segreteria.voicemail.call.entity.CallAction;
import it.segreteria.voicemail.call.entity.CallAction.RecordingEnd;
import it.segreteria.voicemail.call.entity.CallEvent;
import it.segreteria.voicemail.call.entity.CallMachine;
import it.segreteria.voicemail.call.entity.DepositCall;
import it.segreteria.voicemail.call.entity.ForwardingCall;
import it.segreteria.voicemail.call.entity.RetrievalCall;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One call: its state machine, carried out through the ports of the call (signalling, media,
 * deposits). Every event of the call runs on the call's {@link SerialExecutor}, one at a time, in
 * order; nothing here runs on a signalling or media thread. Log lines name the tenant and the SIP
 * Call-ID.
 *
 * <p>Life cycle: created by {@link CallSessions} for an INVITE, routed, answered, and released when
 * the machine says so; a watchdog ends it when its media stops, its session expires or it lasts too
 * long, so every call ends.
 */
final class CallSession implements MediaEvents {

    private static final Logger LOG = Logger.getLogger(CallSession.class.getName());

    /**
     * What is kept of the silence that ended a message: the caller's last breath, not ten seconds
     * of nothing.
     */
    private static final int SILENCE_KEPT = Codec.SAMPLE_RATE / 2;

    /**
     * RTP sent just before a BYE can arrive after it: a message ended by a hang-up is closed once
     * the packets already at its port are read and none has come for {@link #HANGUP_QUIET_MILLIS}
     * (four packets' time), at the latest this much after the BYE, so that the caller's last words
     * are in it. On a loaded machine a caller's audio trailed its BYE by up to seconds (SIPp at 2
     * 000 calls at once; 300 ms cut one message in ten there): waiting costs nothing when the audio
     * has stopped, so the bound is generous.
     */
    static final long HANGUP_GRACE_MILLIS = 2000;

    /** See {@link #HANGUP_GRACE_MILLIS}. */
    static final long HANGUP_QUIET_MILLIS = 80;

    /**
     * How long we wait for the ACK of our 200 before the call is released: our 200 has been
     * retransmitted four times by then (0.5, 1.5, 3.5 and 7.5 s, RFC 3261 17.2.1), so an ACK lost
     * that often is not coming; a flood of INVITEs that never ACK holds its slots for 8 s, not the
     * 32 s of Timer H.
     */
    static final long ACK_TIMEOUT_SECONDS = 8;

    private final CallSessions service;
    private final InboundCall call;
    private final Signalling signalling;
    private final SerialExecutor events;
    private CallMachine machine = new DepositCall();
    private final List<CallEvent> earlyKeys = new ArrayList<>();
    private final Instant arrivedAt = Instant.now();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();

    private Destination destination;
    private CallRecord record;
    private MediaChannel media;
    private MediaDescription remote; // null until negotiated (late offer: from the ACK)
    private boolean onHold;
    private long answeredNanos;
    private long refreshedNanos;
    private Draft draft;
    private int checkpointed;
    private long lastCheckpointNanos;
    private boolean releaseAfterStore;
    private volatile Object tenantCounted;

    /** Whether this call counts as connected (its answer acknowledged: it has media). */
    private final java.util.concurrent.atomic.AtomicBoolean connected =
            new java.util.concurrent.atomic.AtomicBoolean();

    private final long createdNanos = System.nanoTime();
    private String
            outcome; // for the call's log line; on the call's executor // the tenant this call
    // counts against, once routed
    private volatile boolean cancelled;
    private boolean refused;

    // the phone menu (a call to an access number)
    private PhoneAccess.Session opened;
    private ScheduledFuture<?> digitWait;
    private int digitWaits;
    private int messageLoads;
    private Prompt message; // the message playing (or paused), for rewind and pause
    private int messageFrom;
    private int pausedAt;
    private short[] recordedGreeting = new short[0];

    /**
     * Counts the prompts started: a "finished" the media reported for a prompt that a key stopped
     * just after (both queued) is recognised as stale by its number and dropped.
     */
    private volatile int plays;

    CallSession(CallSessions service, InboundCall call, Signalling signalling) {
        this.service = service;
        this.call = call;
        this.signalling = signalling;
        this.events = new SerialExecutor(service.pool());
        this.remote = call.offer().orElse(null);
    }

    String callId() {
        return call.callId();
    }

    /** Queues a task of this call. */
    void post(Runnable task) {
        events.execute(task);
    }

    /** Queues an event for this call. */
    void post(CallEvent event) {
        events.execute(() -> handle(event));
    }

    // entry points, each queued by CallSessions

    /** Finds the mailbox, opens the media, answers. */
    void route() {
        try {
            Optional<Destination> found = service.routing().route(call.calledNumbers());
            if (found.isEmpty()) {
                LOG.fine(() -> this + ": no mailbox for " + call.calledNumbers());
                outcome = cancelled ? "cancelled" : "refused 404, no mailbox for the number called";
                refuse(cancelled ? 487 : 404);
                return;
            }
            destination = found.get();
            if (call.failover().isPresent()
                    && !destination.outage()
                    && !destination.access()
                    && call.source() != null
                    && service.trustedSource(call.source())) {
                // our edge proxy (or the carrier) sent it here because the PBX failed it
                destination =
                        service.routing()
                                .failedOver(
                                        call.calledNumbers(),
                                        destination,
                                        "call "
                                                + call.callId()
                                                + " failed over to the service ("
                                                + call.failover().get()
                                                + ")",
                                        "sip:" + call.source().getHostAddress());
            }
            Optional<Destination> drill =
                    service.routing()
                            .drill(
                                    call.calledNumbers(),
                                    destination,
                                    call.callerNumber(),
                                    call.callId());
            if (drill.isPresent()) {
                destination = drill.get(); // a failover drill's test call: as in an outage
            }
            if (!service.startTenantCall(this, destination.tenant())) {
                outcome = "refused 503, the tenant has its maximum of calls";
                refuse(503);
                return;
            }
            tenantCounted = destination.tenant();
            if (destination.access()) {
                machine = new RetrievalCall(destination.attendant(), destination.identifyCaller());
            } else if (destination.forwarding().isPresent()) {
                Destination.Forwarding plan = destination.forwarding().get();
                machine = new ForwardingCall(plan.numbers().size(), plan.together());
            }
            record =
                    new CallRecord(
                            call.callId(),
                            call.callerNumber(),
                            call.callerName(),
                            destination.calledNumber(),
                            call.originalCalledNumber());
            if (cancelled) {
                return; // the queued Cancelled event answers 487 and audits the call
            }
            media = service.media().open(this);
            handle(new CallEvent.Invited());
        } catch (MediaPorts.NoMediaPortException busy) {
            outcome = "refused 503, no free RTP port";
            LOG.warning(() -> this + ": no free RTP port, call refused");
            refuse(503);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, this + ": could not be set up", e);
            refuse(500);
        }
    }

    void cancel() {
        cancelled = true; // seen by a routing still in progress
        post(new CallEvent.Cancelled());
    }

    void acked(Optional<MediaDescription> answer) {
        if (!machine.waitingForAck()) {
            return; // the ACK of a re-INVITE, or a late retransmission
        }
        if (remote == null) { // late offer: the answer is in the ACK
            if (answer.isEmpty()) {
                LOG.info(() -> this + ": the ACK carried no usable SDP answer, hanging up");
                handle(new CallEvent.AckTimedOut());
                return;
            }
            remote = answer.get();
            media.connect(remote, confirmed(remote));
        }
        handle(new CallEvent.Acked());
        if (!machine.waitingForAck() && !machine.ended() && connected.compareAndSet(false, true)) {
            service.connected(this);
        }
    }

    /** A re-INVITE: follow the new offer (hold, unhold, new address) and answer it. */
    void reOffered(Optional<MediaDescription> offer, boolean hold, CallSessions.ReOffer reply) {
        if (media == null || machine.ended()) {
            reply.refuse(481);
            return;
        }
        if (offer.isPresent()) {
            remote = offer.get();
            media.connect(remote, confirmed(remote));
            onHold = hold;
        }
        refreshedNanos = System.nanoTime();
        reply.accept(media.localPort());
    }

    /** The caller refreshed the session (RFC 4028) without changing the media. */
    void refreshed() {
        refreshedNanos = System.nanoTime();
    }

    /** Every second while answered: the limits of the call, and the recording's checkpoints. */
    private void watch() {
        if (machine.ended()) {
            return;
        }
        long now = System.nanoTime();
        CallSettings limits = service.settings();
        if (draft != null && now - lastCheckpointNanos >= limits.checkpointInterval().toNanos()) {
            checkpoint(now);
        }
        if (!onHold && now - media.lastReceivedNanos() > limits.rtpTimeout().toNanos()) {
            handle(
                    new CallEvent.TimedOut(
                            "no audio from the caller for "
                                    + limits.rtpTimeout().toSeconds()
                                    + " s"));
        } else if (now - answeredNanos > limits.maxCallTime().toNanos()) {
            handle(
                    new CallEvent.TimedOut(
                            "call longer than " + limits.maxCallTime().toSeconds() + " s"));
        } else if (call.sessionExpires().isPresent()
                && now - refreshedNanos > call.sessionExpires().get().toNanos()) {
            handle(new CallEvent.TimedOut("session not refreshed (RFC 4028)"));
        }
    }

    private void checkpoint(long now) {
        lastCheckpointNanos = now;
        try {
            byte[] settled = media.settledAudio(checkpointed);
            draft.checkpoint(settled);
            checkpointed += settled.length;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, this + ": checkpoint of the recording failed", e);
        }
    }

    /** Runs on the call's executor only. */
    void handle(CallEvent event) {
        if (refused) {
            return; // answered with a final status before it was routed: nothing more to do
        }
        if (event instanceof CallEvent.Digit && machine.waitingForAck()) {
            // overtook the ACK inside the signalling stack: replayed once the ACK is handled
            earlyKeys.add(event);
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
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, this + ": " + action + " failed", e);
            }
        }
    }

    private void perform(CallAction action) {
        if (action instanceof CallAction.Answer) {
            answer();
        } else if (action instanceof CallAction.RejectCancelled) {
            signalling.reject(487);
        } else if (action instanceof CallAction.Play play) {
            play(prompt(play.prompt()));
        } else if (action instanceof CallAction.Say say) {
            play(service.prompts().say(language(), timeZone(), say.phrase()));
        } else if (action instanceof CallAction.StopPlayback) {
            messageLoads++; // a message still being read is not played when it arrives
            message = null;
            media.stopPlayback();
        } else if (action instanceof CallAction.Rewind rewind) {
            playMessageFrom(messagePosition() - rewind.millis() * (Codec.SAMPLE_RATE / 1000));
        } else if (action instanceof CallAction.PausePlayback) {
            pausedAt = messagePosition();
            plays++; // its end, if already queued, is stale
            media.stopPlayback();
        } else if (action instanceof CallAction.ResumePlayback) {
            playMessageFrom(pausedAt);
        } else if (action instanceof CallAction.RecordGreeting) {
            media.startRecording(
                    GREETING_MAX_SECONDS * Codec.SAMPLE_RATE,
                    depositSettings().silenceLimit().toMillis());
        } else if (action instanceof CallAction.StopGreetingRecording) {
            stopGreetingRecording();
        } else if (action instanceof CallAction.PlayRecordedGreeting) {
            play(Prompt.of(recordedGreeting));
        } else if (action instanceof CallAction.SaveGreeting save) {
            service.phoneAccess()
                    .saveGreeting(
                            opened,
                            save.temporary(),
                            Wav.write(recordedGreeting),
                            done -> post(new CallEvent.GreetingStored(done)));
        } else if (action instanceof CallAction.ClearTemporaryGreeting) {
            service.phoneAccess()
                    .clearTemporaryGreeting(
                            opened, done -> post(new CallEvent.GreetingStored(done)));
        } else if (action instanceof CallAction.ChangePin change) {
            service.phoneAccess()
                    .changePin(
                            opened,
                            change.pin(),
                            result -> post(new CallEvent.PinChangeAnswered(result)));
        } else if (action instanceof CallAction.Dial dial) {
            dial(dial.leg());
        } else if (action instanceof CallAction.Announce announce) {
            announce(announce.leg());
        } else if (action instanceof CallAction.EndLeg end) {
            endLeg(end.leg());
        } else if (action instanceof CallAction.Bridge bridge) {
            bridge(bridge.leg());
        } else if (action instanceof CallAction.ToMailbox) {
            machine = DepositCall.answered();
            process(new CallEvent.Acked()); // the mailbox's greeting, then the message
        } else if (action instanceof CallAction.DepositTo deposit) {
            depositTo(deposit.extension());
        } else if (action instanceof CallAction.AwaitDigit) {
            awaitDigit();
        } else if (action instanceof CallAction.CancelDigitWait) {
            cancelDigitWait();
        } else if (action instanceof CallAction.LogIn login) {
            logIn(login);
        } else if (action instanceof CallAction.IdentifyCaller) {
            service.phoneAccess()
                    .ownMailbox(
                            destination.tenant(),
                            call.callerNumber(),
                            mailbox -> post(new CallEvent.CallerIdentified(mailbox)));
        } else if (action instanceof CallAction.PlayMessage message) {
            playMessage(message.messageId());
        } else if (action instanceof CallAction.Mark mark) {
            service.phoneAccess().mark(opened, mark.messageId(), mark.mark());
        } else if (action instanceof CallAction.StartRecording) {
            startRecording();
        } else if (action instanceof CallAction.StoreMessage store
                && store.end() == RecordingEnd.HANGUP) {
            releaseAfterStore = true;
            hungUp();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HANGUP_GRACE_MILLIS);
            media.afterPendingPackets(() -> post(() -> storeWhenQuiet(deadline)));
        } else if (action instanceof CallAction.StoreMessage store) {
            store(store.end());
        } else if (action instanceof CallAction.AuditNoMessage none) {
            outcome = "no message, " + none.reason();
            service.auditNoMessage(this, destination, record, none.reason());
            LOG.fine(() -> this + ": ended without a message (" + none.reason() + ")");
        } else if (action instanceof CallAction.HangUp) {
            signalling.hangUp();
        } else if (action instanceof CallAction.Release && !releaseAfterStore) {
            release();
        }
    }

    private void play(Prompt prompt) {
        plays++;
        media.play(prompt);
    }

    /** Dates are said in the mailbox's time zone. */
    private java.time.ZoneId timeZone() {
        return opened != null ? opened.timeZone() : java.time.ZoneOffset.UTC;
    }

    /** The longest greeting (as {@code Greeting.MAX_SECONDS} of the mailboxes). */
    static final int GREETING_MAX_SECONDS = 120;

    private void stopGreetingRecording() {
        Recording recording = media.stopRecording();
        if (recording == null) {
            recordedGreeting = new short[0];
        } else {
            recording.truncate(
                    Math.min(recording.samples(), recording.endOfSpeech() + SILENCE_KEPT));
            recordedGreeting = recording.pcm();
        }
        post(new CallEvent.GreetingRecorded(recordedGreeting.length * 1000L / Codec.SAMPLE_RATE));
    }

    /**
     * The tenant number's attendant found an extension: the call goes on as a deposit in its
     * mailbox, as if it had been forwarded there.
     */
    private void depositTo(String extension) {
        Optional<Destination> found =
                service.routing().route(List.of(destination.calledNumber(), extension));
        if (found.isEmpty()
                || found.get().access()
                || !found.get().tenant().equals(destination.tenant())) {
            post(new CallEvent.ExtensionNotFound());
            return;
        }
        destination = found.get();
        record =
                new CallRecord(
                        call.callId(),
                        call.callerNumber(),
                        call.callerName(),
                        destination.calledNumber(),
                        destination.mailboxNumber());
        machine = DepositCall.answered();
        process(new CallEvent.Acked()); // the greeting of the mailbox
    }

    /** Where the message playing is now, in samples from its start: what the media has sent. */
    private int messagePosition() {
        if (message == null) {
            return 0;
        }
        return Math.min(message.samples(), messageFrom + media.playedSamples());
    }

    private void playMessageFrom(int sample) {
        if (message == null) {
            return;
        }
        messageFrom = Math.max(0, Math.min(sample, message.samples() - 1));
        play(message.from(messageFrom));
    }

    /** The phone menu speaks the mailbox's language once logged in, the tenant's before. */
    private it.segreteria.voicemail.shared.Language language() {
        return opened != null ? opened.language() : destination.language();
    }

    private void awaitDigit() {
        cancelDigitWait();
        int wait = digitWaits;
        digitWait =
                service.timers()
                        .schedule(
                                () ->
                                        post(
                                                () -> {
                                                    if (wait == digitWaits) {
                                                        handle(new CallEvent.DigitTimedOut());
                                                    }
                                                }),
                                service.settings().digitTimeout().toMillis(),
                                TimeUnit.MILLISECONDS);
    }

    private void cancelDigitWait() {
        digitWaits++;
        if (digitWait != null) {
            digitWait.cancel(false);
            digitWait = null;
        }
    }

    /**
     * A refused login is answered no sooner than this after the PIN's {@code #}: an unknown
     * mailbox, a wrong PIN and a locked mailbox do different database work (measured: about 20 ms
     * apart on PostgreSQL), which a caller with a stopwatch could otherwise tell apart. Longer than
     * the PIN hash and those reads on an idle service; a database slower than this still shows
     * through.
     */
    static final long REFUSAL_FLOOR_MILLIS = 250;

    private void logIn(CallAction.LogIn login) {
        long asked = System.nanoTime();
        service.phoneAccess()
                .logIn(
                        destination.tenant(),
                        login.mailboxNumber(),
                        login.pin(),
                        call.callerNumber(),
                        result -> {
                            long early =
                                    REFUSAL_FLOOR_MILLIS - (System.nanoTime() - asked) / 1_000_000;
                            if (result.isEmpty() && early > 0) {
                                service.timers()
                                        .schedule(
                                                () -> post(new CallEvent.LoginRefused()),
                                                early,
                                                TimeUnit.MILLISECONDS);
                                return;
                            }
                            post(
                                    () -> {
                                        if (result.isPresent()) {
                                            opened = result.get();
                                            outcome =
                                                    "mailbox "
                                                            + opened.mailboxNumber()
                                                            + " opened by phone";
                                            handle(
                                                    new CallEvent.LoggedIn(
                                                            opened.messages(),
                                                            opened.temporaryGreeting()));
                                        } else {
                                            handle(new CallEvent.LoginRefused());
                                        }
                                    });
                        },
                        () -> post(new CallEvent.LoginUnavailable()));
    }

    private void playMessage(long messageId) {
        int load = ++messageLoads;
        plays++; // what was playing is replaced, its end is stale
        media.stopPlayback();
        service.phoneAccess()
                .audio(
                        opened,
                        messageId,
                        pcm ->
                                post(
                                        () -> {
                                            if (load != messageLoads || machine.ended()) {
                                                return; // the caller moved on meanwhile
                                            }
                                            if (pcm.isEmpty() || pcm.get().length == 0) {
                                                handle(new CallEvent.MessageUnavailable());
                                            } else {
                                                message = Prompt.of(pcm.get());
                                                playMessageFrom(0);
                                            }
                                        }));
    }

    private void answer() {
        signalling.answer(media.localPort());
        answeredNanos = System.nanoTime();
        refreshedNanos = answeredNanos;
        if (remote != null) {
            media.connect(remote, confirmed(remote)); // no RTP before the 200 OK is on its way
        }
        // only a call still waiting for its ACK reacts to this
        timers.add(
                service.timers()
                        .schedule(
                                () -> post(new CallEvent.AckTimedOut()),
                                ACK_TIMEOUT_SECONDS,
                                TimeUnit.SECONDS));
        timers.add(
                service.timers()
                        .scheduleWithFixedDelay(() -> post(this::watch), 1, 1, TimeUnit.SECONDS));
    }

    private Prompt prompt(CallAction.Prompt prompt) {
        PromptLibrary prompts = service.prompts();
        return switch (prompt) {
            case GREETING -> {
                Prompt greeting =
                        destination
                                .greeting()
                                .orElseGet(
                                        () ->
                                                prompts.greeting(
                                                        destination.language(),
                                                        destination.mailboxNumber()));
                yield destination.outage()
                        ? Prompt.concat(
                                destination
                                        .outageNotice()
                                        .orElseGet(() -> prompts.outage(destination.language())),
                                greeting)
                        : greeting;
            }
            case BEEP -> prompts.beep();
            case CONNECTING -> prompts.connecting(destination.language());
            case RINGBACK -> prompts.ringback();
            case GOODBYE -> prompts.goodbye(destination.language(), messageKept);
        };
    }

    private void startRecording() {
        DepositSettings limits = depositSettings();
        media.startRecording(
                (int) (limits.maxLength().toMillis() * Codec.SAMPLE_RATE / 1000),
                limits.silenceLimit().toMillis());
        draft = service.deposits().begin(destination, record, arrivedAt, media.codec());
        checkpointed = 0;
        lastCheckpointNanos = System.nanoTime();
    }

    /** What the caller said up to the BYE is durable before we wait for stragglers. */
    /**
     * After a hang-up: stores the message once the caller's packets have stopped coming (see {@link
     * #HANGUP_GRACE_MILLIS}), else looks again when they could have.
     */
    private void storeWhenQuiet(long deadline) {
        long now = System.nanoTime();
        long quiet = now - media.lastReceivedNanos();
        long wanted = TimeUnit.MILLISECONDS.toNanos(HANGUP_QUIET_MILLIS);
        if (quiet >= wanted || now - deadline >= 0) {
            store(RecordingEnd.HANGUP);
            release();
            return;
        }
        service.timers()
                .schedule(
                        () -> media.afterPendingPackets(() -> post(() -> storeWhenQuiet(deadline))),
                        Math.min(wanted - quiet, deadline - now),
                        TimeUnit.NANOSECONDS);
    }

    private void hungUp() {
        if (draft == null) {
            return;
        }
        try {
            byte[] rest = media.recordedAudio(checkpointed);
            draft.hungUp(rest);
            checkpointed += rest.length;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, this + ": the last checkpoint of the recording failed", e);
        }
    }

    /**
     * Whether this call's recording was kept: the goodbye says "message saved" only then (a silent
     * or too short recording is discarded).
     */
    private boolean messageKept;

    private void store(RecordingEnd end) {
        Draft finishing = draft;
        draft = null;
        try {
            Recording recording = media.stopRecording();
            if (recording == null || finishing == null) {
                return;
            }
            if (end == RecordingEnd.SILENCE) {
                recording.truncate(recording.endOfSpeech() + SILENCE_KEPT);
            }
            Duration duration = Duration.ofMillis(recording.samples() * 1000L / Codec.SAMPLE_RATE);
            if (duration.compareTo(depositSettings().minLength()) < 0) {
                outcome = "no message, " + duration.toMillis() + " ms is below the minimum";
                finishing.discard(
                        "message of " + duration.toMillis() + " ms is shorter than the minimum");
                return;
            }
            finishing.finish(
                    duration,
                    recording.codes(checkpointed, recording.samples()),
                    Wav.write(recording.pcm()));
            outcome = "message of " + duration.toMillis() + " ms kept, ended by " + end;
            messageKept = true;
            LOG.fine(
                    () ->
                            this
                                    + ": message of "
                                    + duration.toMillis()
                                    + " ms spooled, ended by "
                                    + end);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, this + ": the message could not be spooled", e);
        }
    }

    /**
     * Whether audio may go to the SDP's address before the caller's first packet: only when it is
     * where the call's signalling came from, or a trusted address (an edge proxy's media relay).
     */
    private boolean confirmed(MediaDescription description) {
        java.net.InetAddress address = description.remote().getAddress();
        return address != null && (address.equals(call.source()) || service.trustedSource(address));
    }

    private void logEnd() {
        service.callLog()
                .ended(
                        toString(),
                        call.callerNumber(),
                        outcome == null ? "ended" : outcome,
                        (System.nanoTime() - createdNanos) / 1_000_000);
    }

    /** The service's limits with the tenant's own where it has them. */
    private DepositSettings depositSettings() {
        return service.depositSettings().forTenant(destination.limits());
    }

    /** Refuses the call before it was answered, and forgets it. */
    private void refuse(int status) {
        if (outcome == null) {
            outcome = "refused " + status;
        }
        refused = true;
        signalling.reject(status);
        if (media != null) {
            media.close();
        }
        logEnd();
        service.forget(this);
    }

    private void release() {
        List.copyOf(legs.keySet()).forEach(this::endLeg);
        cancelDigitWait();
        timers.forEach(timer -> timer.cancel(false));
        timers.clear();
        if (media != null) {
            media.close();
        }
        logEnd();
        service.forget(this);
    }

    // the phones of an outage plan (ForwardingCall)

    /** A phone a call of the outage plan rings: its media port and its outbound SIP leg. */
    private static final class Leg {
        final MediaChannel media;
        Dialer.Outbound outbound;
        ScheduledFuture<?> timer;

        Leg(MediaChannel media) {
            this.media = media;
        }

        void cancelTimer() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }

    /** How long one ring lasts (1 s of tone, 4 s of silence: the European cadence). */
    static final int RING_SECONDS = 5;

    /** How long the phone that answered has to press 1, from the start of the announcement. */
    static final int ACCEPT_SECONDS = 20;

    private final java.util.Map<Integer, Leg> legs = new java.util.HashMap<>();

    private void dial(int index) {
        Destination.Forwarding plan = destination.forwarding().orElseThrow();
        Optional<Dialer> dialer = service.dialer();
        if (dialer.isEmpty()) { // this service cannot call out
            post(new CallEvent.LegFailed(index, 503));
            return;
        }
        MediaChannel legMedia;
        try {
            legMedia = service.media().open(new LegMedia(index));
        } catch (MediaPorts.NoMediaPortException busy) { // the phone cannot ring: as if it failed
            post(new CallEvent.LegFailed(index, 503));
            return;
        }
        Leg leg = new Leg(legMedia);
        legs.put(index, leg);
        String number = plan.numbers().get(index);
        LOG.fine(() -> this + ": ringing " + number + " through " + plan.trunk());
        leg.timer =
                service.timers()
                        .schedule(
                                () -> post(new CallEvent.LegRingTimedOut(index)),
                                (long) plan.rings() * RING_SECONDS,
                                TimeUnit.SECONDS);
        leg.outbound =
                dialer.get()
                        .dial(
                                new Dialer.Call(
                                        call.callId(),
                                        plan.trunk(),
                                        number,
                                        call.callerNumber(),
                                        call.callerName(),
                                        legMedia.localPort()),
                                new LegEvents(index));
    }

    private void announce(int index) {
        Leg leg = legs.get(index);
        if (leg == null) {
            return;
        }
        leg.cancelTimer();
        leg.media.play(service.prompts().forwarded(destination.language()));
        leg.timer =
                service.timers()
                        .schedule(
                                () -> post(new CallEvent.LegAcceptTimedOut(index)),
                                ACCEPT_SECONDS,
                                TimeUnit.SECONDS);
    }

    private void endLeg(int index) {
        Leg leg = legs.remove(index);
        if (leg == null) {
            return;
        }
        leg.cancelTimer();
        if (leg.outbound != null) {
            leg.outbound.end();
        }
        leg.media.close();
    }

    private void bridge(int index) {
        Leg leg = legs.get(index);
        if (leg == null) {
            return;
        }
        leg.cancelTimer();
        leg.media.stopPlayback();
        media.bridge(leg.media);
        String number = destination.forwarding().orElseThrow().numbers().get(index);
        outcome = "taken by " + number + " (outage plan)";
        LOG.fine(() -> this + ": " + outcome);
    }

    /** The SIP side of a phone being rung, on signalling threads: queued as the call's events. */
    private final class LegEvents implements Dialer.Events {
        private final int index;

        LegEvents(int index) {
            this.index = index;
        }

        @Override
        public void ringing() {}

        @Override
        public void answered(MediaDescription remote) {
            post(
                    () -> {
                        Leg leg = legs.get(index);
                        if (leg == null) {
                            return;
                        }
                        leg.media.connect(remote, true); // our call, to the tenant's own trunk
                        handle(new CallEvent.LegAnswered(index));
                    });
        }

        @Override
        public void failed(int status) {
            post(new CallEvent.LegFailed(index, status));
        }

        @Override
        public void hungUp() {
            post(new CallEvent.LegHungUp(index));
        }

        @Override
        public void digit(char key) {
            post(new CallEvent.LegKey(index, key));
        }
    }

    /** The media side of a phone being rung: its RFC 4733 keys. */
    private final class LegMedia implements MediaEvents {
        private final int index;

        LegMedia(int index) {
            this.index = index;
        }

        @Override
        public void playbackFinished() {}

        @Override
        public void digit(char key) {
            post(new CallEvent.LegKey(index, key));
        }

        @Override
        public void silenceTimedOut() {}

        @Override
        public void recordingFull() {}
    }

    // media events arrive on the media threads: queue them

    @Override
    public void playbackFinished() {
        int finished = plays;
        post(
                () -> {
                    if (finished == plays) {
                        handle(new CallEvent.PlaybackFinished());
                    }
                });
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

    java.net.InetAddress source() {
        return call.source();
    }

    /** Whether the call counted as connected, which it no longer does after this. */
    boolean disconnect() {
        return connected.getAndSet(false);
    }

    Optional<Object> tenantCounted() {
        return Optional.ofNullable(tenantCounted);
    }

    @Override
    public String toString() {
        return "call "
                + call.callId()
                + (destination == null
                        ? ""
                        : destination.attendant()
                                ? " [" + destination.tenant() + " attendant]"
                                : destination.access()
                                        ? " [" + destination.tenant() + " phone access]"
                                        : " ["
                                                + destination.tenant()
                                                + " mailbox "
                                                + destination.mailboxNumber()
                                                + "]");
    }
}
