package it.segreteria.voicemail.continuity.boundary;

import it.segreteria.voicemail.continuity.control.PbxProbe;
import it.segreteria.voicemail.continuity.control.ServiceLease;
import it.segreteria.voicemail.continuity.entity.OutageDetector;
import it.segreteria.voicemail.continuity.entity.OutageDetector.Thresholds;
import it.segreteria.voicemail.continuity.entity.OutageDetector.Verdict;
import it.segreteria.voicemail.shared.TenantId;
import it.segreteria.voicemail.tenant.boundary.Tenants;
import it.segreteria.voicemail.tenant.entity.Tenant;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Watches every tenant's PBX with SIP OPTIONS: every {@value #INTERVAL} seconds one probe per PBX,
 * sent without waiting (a probe costs a timer and a transaction, not a thread, so thousands of PBXs
 * need no more threads); {@value #FAILURES} unanswered probes in a row (timeout, transport error,
 * 5xx) declare it down, {@value #SUCCESSES} answered ones in a row after {@value #HOLD_DOWN}
 * seconds bring it back (see {@link OutageDetector}); each verdict goes to {@link Continuities},
 * which decides what it means for the tenant's mode. One instance monitors at a time: the one that
 * holds the database lease {@value #LEASE}, renewed every round.
 */
@Singleton
@Startup
@DependsOn("Database")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PbxMonitor {

    private static final Logger LOG = Logger.getLogger(PbxMonitor.class.getName());
    public static final String INTERVAL = "voicemail.continuity.probe-interval-seconds";
    public static final String TIMEOUT = "voicemail.continuity.probe-timeout-millis";
    public static final String FAILURES = "voicemail.continuity.failures-to-declare";
    public static final String SUCCESSES = "voicemail.continuity.successes-to-recover";
    public static final String HOLD_DOWN = "voicemail.continuity.hold-down-seconds";
    static final String LEASE = "pbx-monitor";

    @Inject Config config;

    @Inject Tenants tenants;

    @Inject Continuities continuities;

    @Inject ServiceLease lease;

    @Inject PbxProbe probe;

    @Resource ManagedThreadFactory threads;

    private final String instance = UUID.randomUUID().toString();
    private final Map<TenantId, Watched> watched = new ConcurrentHashMap<>();
    private ScheduledExecutorService monitor;
    private Duration interval;
    private Duration timeout;
    private Thresholds thresholds;
    private boolean failing; // the last round failed (logged once, not every round)

    /** A PBX being watched: its URI and its detector (used by the monitor thread only). */
    private record Watched(String pbx, OutageDetector detector) {}

    @PostConstruct
    void start() {
        interval = Duration.ofSeconds(config.getOptionalValue(INTERVAL, Long.class).orElse(5L));
        timeout = Duration.ofMillis(config.getOptionalValue(TIMEOUT, Long.class).orElse(2000L));
        thresholds =
                new Thresholds(
                        config.getOptionalValue(FAILURES, Integer.class).orElse(3),
                        config.getOptionalValue(SUCCESSES, Integer.class).orElse(3),
                        Duration.ofSeconds(
                                config.getOptionalValue(HOLD_DOWN, Long.class).orElse(30L)));
        monitor = new ScheduledThreadPoolExecutor(1, threads);
        monitor.scheduleWithFixedDelay(
                this::round, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (monitor != null) {
            monitor.shutdownNow();
        }
    }

    /** One round: every tenant's PBX probed once, if this instance holds the lease. */
    private void round() {
        try {
            if (!lease.hold(LEASE, instance, interval.multipliedBy(3))) {
                watched.clear(); // another instance watches; start afresh if it stops
                return;
            }
            Instant now = Instant.now();
            for (Tenant tenant : tenants.all()) {
                TenantId id = tenant.id();
                String pbx = tenant.pbxUri();
                if (pbx == null) {
                    watched.remove(id);
                    continue;
                }
                Watched current = watched.get(id);
                if (current == null || !current.pbx().equals(pbx)) {
                    boolean down = continuities.pbxDown(id);
                    current = new Watched(pbx, new OutageDetector(thresholds, down, now));
                    watched.put(id, current);
                }
                Watched probed = current;
                probe.probe(pbx, timeout, answer -> answered(id, probed, answer));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "PBX monitor round failed: " + e.getMessage(), e);
        }
    }

    /**
     * A call the tenant's PBX failed reached us through the edge proxy: the PBX is down now, not
     * after {@value #FAILURES} more probes, and comes back as after the probes' verdict (answers in
     * a row after the hold-down). On the caller's thread: the verdict is in the database when this
     * returns, so the call itself is routed as in the outage. Whether that changed anything.
     */
    public boolean failedOver(TenantId tenant, String why, String actor) {
        if (!continuities.pbxFailedCall(tenant, why, actor)) {
            return false;
        }
        LOG.info(() -> "[" + tenant + "] " + why);
        Instant now = Instant.now();
        try {
            monitor.execute(
                    () -> {
                        Watched current = watched.get(tenant);
                        if (current != null) {
                            current.detector().declaredDown(now);
                        }
                    });
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // the monitor is stopping: the next start reads the verdict from the database
        }
        return true;
    }

    /** A probe's answer, on whatever thread it came: handled on the monitor's own thread. */
    private void answered(TenantId tenant, Watched probed, PbxProbe.Answer answer) {
        try {
            monitor.execute(() -> record(tenant, probed, answer));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // the monitor is stopping: the answer no longer matters
        }
    }

    private void record(TenantId tenant, Watched probed, PbxProbe.Answer answer) {
        Boolean up = answer.pbxUp();
        if (up == null || watched.get(tenant) != probed) {
            return; // says nothing, or the PBX changed meanwhile
        }
        Verdict verdict = probed.detector().probed(up, Instant.now());
        if (verdict == Verdict.UNCHANGED) {
            return;
        }
        String why =
                verdict == Verdict.DOWN
                        ? "PBX "
                                + probed.pbx()
                                + " did not answer "
                                + thresholds.failures()
                                + " probes in a row (last: "
                                + answer
                                + ")"
                        : "PBX "
                                + probed.pbx()
                                + " answered "
                                + thresholds.successes()
                                + " probes in a row";
        LOG.info(() -> "[" + tenant + "] " + why);
        try {
            continuities.pbxVerdict(tenant, verdict == Verdict.DOWN, why);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "[" + tenant + "] PBX verdict not recorded: " + e.getMessage(),
                    e);
            watched.remove(tenant); // the next round starts from what is stored
        }
    }
}
