package it.segreteria.voicemail.call.control;

import it.segreteria.voicemail.audio.MediaDescription;
import it.segreteria.voicemail.call.entity.CallEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The call session service: every call of the service, by SIP Call-ID. The signalling adapter
 * reports what happens to a call here and nothing else; each report is queued on the call's own
 * serial executor, where its {@link CallSession} decides and acts through the ports. The calls run
 * on one shared pool, so no call owns a thread; the limit on calls at once is kept here.
 */
public final class CallSessions {

    private static final Logger LOG = Logger.getLogger(CallSessions.class.getName());

    private final CallRouting routing;
    private final Deposits deposits;
    private final PhoneAccess phoneAccess;
    private final MediaPorts media;
    private final PromptLibrary prompts;
    private final DepositSettings depositSettings;
    private final CallSettings settings;
    private final Executor pool;
    private final ScheduledExecutorService timers;
    private final Map<String, CallSession> calls = new ConcurrentHashMap<>();

    /** Calls whose answer the caller acknowledged: those with media, what the limit weighs. */
    private final java.util.concurrent.atomic.AtomicInteger connected =
            new java.util.concurrent.atomic.AtomicInteger();

    private final Admission admission;
    private final CallCapacity capacity;
    private final Lateness eventWaits = new Lateness();
    private final java.util.concurrent.atomic.LongAdder overloadRefusals =
            new java.util.concurrent.atomic.LongAdder();
    private final CallLog log;
    private final Object drained = new Object();
    private volatile boolean draining;

    /** Calls without a message a source may leave in a tenant's audit a minute, one row each. */
    static final int AUDITED_PER_SOURCE_PER_MINUTE = 10;

    private final NoMessageAudits noMessageAudits =
            new NoMessageAudits(AUDITED_PER_SOURCE_PER_MINUTE, java.time.Instant::now);

    public CallSessions(
            CallRouting routing,
            Deposits deposits,
            PhoneAccess phoneAccess,
            MediaPorts media,
            PromptLibrary prompts,
            DepositSettings depositSettings,
            CallSettings settings,
            Executor pool,
            ScheduledExecutorService timers,
            Admission admission,
            CallCapacity capacity,
            CallLog log) {
        this.admission = admission;
        this.capacity = capacity;
        this.log = log;
        timers.scheduleWithFixedDelay(
                this::auditSummaries, 5, 5, java.util.concurrent.TimeUnit.SECONDS);
        timers.scheduleAtFixedRate(
                this::measureCapacity, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        this.routing = routing;
        this.deposits = deposits;
        this.phoneAccess = phoneAccess;
        this.media = media;
        this.prompts = prompts;
        this.depositSettings = depositSettings;
        this.settings = settings;
        // every call event measures how long it waited for a thread: the capacity's other input
        this.pool =
                task -> {
                    long queued = System.nanoTime();
                    pool.execute(
                            () -> {
                                eventWaits.record(System.nanoTime() - queued);
                                task.run();
                            });
                };
        this.timers = timers;
    }

    private volatile Dialer dialer;

    /** Outbound calls (the phones of an outage plan) go through {@code dialer}. */
    public void dialsWith(Dialer dialer) {
        this.dialer = dialer;
    }

    /** The dialer, or empty when this service cannot call out (a test's). */
    java.util.Optional<Dialer> dialer() {
        return java.util.Optional.ofNullable(dialer);
    }

    /** The answer to a re-INVITE, given by the session on its own executor. */
    public interface ReOffer {
        void accept(int localRtpPort);

        void refuse(int status);
    }

    /**
     * A new call. Refused at once (503) beyond the maximum of calls in progress or, while the
     * service runs late, beyond the limit of connected calls; as a loop (482) when its Call-ID is
     * already in progress; otherwise routed and answered on the call's executor.
     */
    public void incoming(InboundCall call, Signalling signalling) {
        if (draining) {
            LOG.fine(() -> "call " + call.callId() + " refused: the service is stopping");
            signalling.reject(503);
            return;
        }
        if (calls.size() >= settings.maxCalls()) {
            LOG.fine(() -> "call " + call.callId() + " refused: " + calls.size() + " in progress");
            signalling.reject(503);
            return;
        }
        if (late()) {
            // refuse before overload: a caller told to retry loses nothing, a caller in a
            // saturated service might
            overloadRefusals.increment();
            LOG.fine(() -> "call " + call.callId() + " refused: " + connected + " connected");
            signalling.reject(503);
            return;
        }
        if (!admission.startCall(call.source())) {
            LOG.fine(() -> "call " + call.callId() + " refused: its source has too many calls");
            signalling.reject(503);
            return;
        }
        CallSession session = new CallSession(this, call, signalling);
        if (calls.putIfAbsent(call.callId(), session) != null) {
            admission.endCall(call.source());
            signalling.reject(482); // same Call-ID, new transaction: a loop or a fork
            return;
        }
        session.post(session::route);
    }

    /** The caller gave up before the answer; false for an unknown call. */
    public boolean cancelled(String callId) {
        return on(callId, CallSession::cancel);
    }

    /** The ACK of our answer, with the SDP answer of a late offer if it carried one. */
    public boolean acked(String callId, Optional<MediaDescription> answer) {
        return on(callId, session -> session.post(() -> session.acked(answer)));
    }

    /** The caller hung up. */
    public boolean hungUp(String callId) {
        return on(callId, session -> session.post(new CallEvent.HungUp()));
    }

    /** A key the caller pressed, reported by signalling (SIP INFO). */
    public boolean digit(String callId, char key) {
        return on(callId, session -> session.digit(key));
    }

    /** A new offer in the dialog (hold, unhold, refresh); {@code reply} answers it. */
    public boolean reOffered(
            String callId, Optional<MediaDescription> offer, boolean hold, ReOffer reply) {
        return on(callId, session -> session.post(() -> session.reOffered(offer, hold, reply)));
    }

    /** A session refresh without new media (RFC 4028). */
    public boolean refreshed(String callId) {
        return on(callId, session -> session.post(session::refreshed));
    }

    private boolean on(String callId, Consumer<CallSession> action) {
        CallSession session = calls.get(callId);
        if (session == null) {
            return false;
        }
        action.accept(session);
        return true;
    }

    /** Whether a call with this Call-ID is in progress. */
    public boolean inProgress(String callId) {
        return calls.containsKey(callId);
    }

    /** Calls in progress. */
    public int active() {
        return calls.size();
    }

    /** Media ports in use. */
    public int mediaPortsInUse() {
        return media.inUse();
    }

    /** Calls connected: answered, and the answer acknowledged. */
    public int connected() {
        return connected.get();
    }

    /** Whether the service takes no more calls (at its limit, or stopping). */
    public boolean saturated() {
        return draining || calls.size() >= settings.maxCalls() || late();
    }

    /** Whether the service runs late with as many connected calls as it takes now. */
    private boolean late() {
        int limit = capacity.limit();
        return limit < settings.maxCalls() && connected.get() >= limit;
    }

    /** Connected calls taken at once now: the maximum, or less while the service runs late. */
    public int limit() {
        return capacity.limit();
    }

    /** How the service measures itself now (the limit's inputs). */
    public CallCapacity capacity() {
        return capacity;
    }

    /** New calls refused since start because the service ran late (below its maximum). */
    public long overloadRefusals() {
        return overloadRefusals.sum();
    }

    /** Each second: the limit of calls from how late the media clock and the call events ran. */
    private void measureCapacity() {
        try {
            capacity.adjust(connected.get(), media.clockWindow(), eventWaits.take())
                    .ifPresent(LOG::warning);
        } catch (RuntimeException e) {
            LOG.log(java.util.logging.Level.WARNING, "the capacity was not measured", e);
        }
    }

    /** Whether the service is stopping: new calls and probes are refused. */
    public boolean draining() {
        return draining;
    }

    /** From now on new calls and probes are refused (503); the calls in progress go on. */
    public void refuseNewCalls() {
        draining = true;
    }

    /**
     * Stops taking calls (new ones get 503) and lets the calls in progress end by themselves for up
     * to {@code grace}; then ends those still going as a time-out does, keeping what their callers
     * said, and waits up to {@code settle} for them to hand their recordings over.
     *
     * @return the calls the service had to end
     */
    public int drain(java.time.Duration grace, java.time.Duration settle) {
        refuseNewCalls();
        if (awaitNoCalls(grace)) {
            return 0;
        }
        List<CallSession> remaining = List.copyOf(calls.values());
        LOG.info(
                () ->
                        remaining.size()
                                + " calls still in progress after "
                                + grace.toSeconds()
                                + " s: ended by the service, their recordings kept");
        for (CallSession session : remaining) {
            session.post(new CallEvent.TimedOut("the service is stopping"));
        }
        awaitNoCalls(settle);
        return remaining.size();
    }

    private boolean awaitNoCalls(java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (drained) {
            while (!calls.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(drained, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return calls.isEmpty();
                }
            }
            return true;
        }
    }

    /**
     * Whether a new call or probe from this address is within its rate; when false the signalling
     * adapter answers 503 without a transaction or a session.
     */
    public boolean withinRate(java.net.InetAddress source) {
        return admission.withinRate(source);
    }

    /** Whether this address is one of the trusted sources (edge proxies, their media relays). */
    boolean trustedSource(java.net.InetAddress address) {
        return admission.trusted(address);
    }

    /** Requests refused for their source's rate since start. */
    public long throttled() {
        return admission.throttled();
    }

    /** Counts a routed call against its tenant's limit; false when the tenant has too many. */
    boolean startTenantCall(CallSession session, Object tenant) {
        return admission.startTenantCall(tenant);
    }

    /**
     * Audits a call that left no message: one row per call for a source's first calls of a minute,
     * a summary row for the rest (see {@link NoMessageAudits}).
     */
    void auditNoMessage(
            CallSession session,
            Destination destination,
            Deposits.CallRecord record,
            String reason) {
        java.net.InetAddress source = session.source();
        if (noMessageAudits.individually(
                destination.tenant(), source == null ? null : source.getHostAddress())) {
            deposits.noMessage(destination, record, reason);
        }
    }

    /** Audits the summaries of the minutes that are over; run every few seconds. */
    private void auditSummaries() {
        try {
            for (NoMessageAudits.Summary summary : noMessageAudits.closed()) {
                deposits.noMessagesCounted(
                        (it.segreteria.voicemail.shared.TenantId) summary.tenant(),
                        summary.source(),
                        summary.calls(),
                        summary.from(),
                        summary.to());
            }
        } catch (RuntimeException e) {
            LOG.log(java.util.logging.Level.WARNING, "audit summaries not written", e);
        }
    }

    void connected(CallSession session) {
        connected.incrementAndGet();
    }

    void forget(CallSession session) {
        if (session.disconnect()) {
            connected.decrementAndGet();
        }
        if (calls.remove(session.callId(), session)) {
            admission.endCall(session.source());
            session.tenantCounted().ifPresent(admission::endTenantCall);
            if (draining) {
                synchronized (drained) {
                    drained.notifyAll();
                }
            }
        }
    }

    CallLog callLog() {
        return log;
    }

    CallRouting routing() {
        return routing;
    }

    Deposits deposits() {
        return deposits;
    }

    PhoneAccess phoneAccess() {
        return phoneAccess;
    }

    MediaPorts media() {
        return media;
    }

    PromptLibrary prompts() {
        return prompts;
    }

    DepositSettings depositSettings() {
        return depositSettings;
    }

    CallSettings settings() {
        return settings;
    }

    Executor pool() {
        return pool;
    }

    ScheduledExecutorService timers() {
        return timers;
    }
}
