package it.segreteria.voicemail.continuity.boundary;

import it.segreteria.voicemail.audit.boundary.AuditTrail;
import it.segreteria.voicemail.audit.entity.AuditAction;
import it.segreteria.voicemail.audit.entity.AuditEvent;
import it.segreteria.voicemail.continuity.entity.Continuity;
import it.segreteria.voicemail.continuity.entity.Continuity.Change;
import it.segreteria.voicemail.continuity.entity.ContinuityMode;
import it.segreteria.voicemail.continuity.entity.ContinuityStatus;
import it.segreteria.voicemail.continuity.entity.Drill;
import it.segreteria.voicemail.continuity.entity.DrillReport;
import it.segreteria.voicemail.continuity.entity.OutageChanged;
import it.segreteria.voicemail.continuity.entity.OutageGreeting;
import it.segreteria.voicemail.mailbox.entity.Greeting;
import it.segreteria.voicemail.shared.RoutingChanged;
import it.segreteria.voicemail.shared.TenantId;
import it.segreteria.voicemail.tenant.control.TenantScoped;
import it.segreteria.voicemail.tenant.entity.Tenant;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's continuity: read it, change its mode (administrators, monitoring systems), take the
 * PBX monitor's verdicts. Every change of mode and every outage that starts or ends is audited (the
 * end with its duration and the calls this instance took over) and fires {@link OutageChanged},
 * which emails the tenant's administrators.
 */
@Stateless
@TenantScoped
public class Continuities {

    @PersistenceContext EntityManager em;

    @Inject AuditTrail audit;

    @Inject Event<RoutingChanged> routingChanged;

    @Inject Event<OutageChanged> outageChanged;

    @Inject OutageCalls outageCalls;

    public ContinuityStatus status(TenantId tenant) {
        return ContinuityStatus.of(current(tenant, false), pbx(tenant));
    }

    /** Sets the mode, audited as {@code actor}; the status after the change. */
    public ContinuityStatus setMode(TenantId tenant, ContinuityMode mode, String actor) {
        Continuity continuity = current(tenant, true);
        ContinuityMode before = continuity.mode();
        Instant now = Instant.now();
        Instant since = continuity.outageSince().orElse(null);
        Change change =
                continuity.setMode(mode, "declared by " + actor + " (mode " + mode + ")", now);
        if (before != mode) {
            audit.record(
                    tenant,
                    actor,
                    AuditAction.CONTINUITY_MODE_CHANGED,
                    "continuity",
                    before + " -> " + mode);
        }
        outageAudit(tenant, actor, change, continuity, since, now);
        return ContinuityStatus.of(continuity, pbx(tenant));
    }

    /** The PBX monitor found the tenant's PBX down (or up again) for {@code why}. */
    public void pbxVerdict(TenantId tenant, boolean down, String why) {
        pbxVerdict(tenant, down, why, "pbx-monitor");
    }

    /**
     * The tenant's PBX found down by {@code actor} (an edge proxy that failed a call over to us);
     * whether that changed anything (false: already known down, or the tenant has no PBX to watch,
     * so nothing would ever find it up again).
     */
    public boolean pbxFailedCall(TenantId tenant, String why, String actor) {
        if (pbx(tenant) == null || current(tenant, true).pbxDown()) {
            return false;
        }
        pbxVerdict(tenant, true, why, actor);
        return true;
    }

    private void pbxVerdict(TenantId tenant, boolean down, String why, String actor) {
        Continuity continuity = current(tenant, true);
        Instant now = Instant.now();
        Instant since = continuity.outageSince().orElse(null);
        Change change = continuity.pbxDown(down, why, now);
        audit.record(
                tenant,
                actor,
                down ? AuditAction.PBX_DOWN : AuditAction.PBX_UP,
                "pbx:" + pbx(tenant),
                why);
        outageAudit(tenant, actor, change, continuity, since, now);
    }

    /**
     * Whether the monitor last found the tenant's PBX down (the monitor's memory across restarts).
     */
    public boolean pbxDown(TenantId tenant) {
        return current(tenant, false).pbxDown();
    }

    /**
     * Whether the service takes over the tenant's calls now (read when a route is computed; routes
     * are computed again when an outage starts or ends).
     */
    public boolean outage(TenantId tenant) {
        return current(tenant, false).outage();
    }

    private void outageAudit(
            TenantId tenant,
            String actor,
            Change change,
            Continuity continuity,
            Instant since,
            Instant now) {
        if (change != Change.NONE) {
            routingChanged.fire(new RoutingChanged(tenant)); // callers hear it from now on
        }
        switch (change) {
            case OUTAGE_STARTED -> {
                outageCalls.reset(tenant); // counted from now
                String reason = continuity.reason().orElse("");
                audit.record(tenant, actor, AuditAction.OUTAGE_STARTED, "continuity", reason);
                outageChanged.fire(
                        new OutageChanged(
                                tenant,
                                continuity.outageSince().orElse(now),
                                null,
                                reason,
                                actor,
                                0));
            }
            case OUTAGE_ENDED -> {
                long calls = outageCalls.reset(tenant);
                Instant began = since == null ? now : since;
                audit.record(
                        tenant,
                        actor,
                        AuditAction.OUTAGE_ENDED,
                        "continuity",
                        "after "
                                + Duration.between(began, now).toSeconds()
                                + " s, "
                                + calls
                                + (calls == 1 ? " call" : " calls")
                                + " taken over");
                outageChanged.fire(new OutageChanged(tenant, began, now, null, actor, calls));
            }
            case NONE -> {}
        }
    }

    /**
     * Records the tenant's own outage greeting (a WAV already checked by {@code
     * Greeting.canonicalWav}), audited as {@code actor}.
     */
    public void setGreeting(TenantId tenant, byte[] wav, String actor) {
        Optional<OutageGreeting> existing = outageGreeting();
        if (existing.isPresent()) {
            existing.get().replace(wav);
        } else {
            em.persist(new OutageGreeting(wav));
        }
        audit.record(
                tenant,
                actor,
                AuditAction.OUTAGE_GREETING_SET,
                "continuity",
                Greeting.millis(wav) + " ms");
        routingChanged.fire(new RoutingChanged(tenant)); // the next outage call hears it
    }

    /** Removes the tenant's own outage greeting; whether there was one. */
    public boolean removeGreeting(TenantId tenant, String actor) {
        Optional<OutageGreeting> existing = outageGreeting();
        if (existing.isEmpty()) {
            return false;
        }
        em.remove(existing.get());
        audit.record(tenant, actor, AuditAction.OUTAGE_GREETING_REMOVED, "continuity", "");
        routingChanged.fire(new RoutingChanged(tenant));
        return true;
    }

    /** The tenant's own outage greeting (WAV), if it has one. */
    public Optional<byte[]> greeting(TenantId tenant) {
        return outageGreeting().map(OutageGreeting::wav);
    }

    /** The version of the tenant's own outage greeting, if it has one (no audio is read). */
    public Optional<Long> greetingVersion(TenantId tenant) {
        return em.createQuery("select g.version from OutageGreeting g", Long.class)
                .getResultStream()
                .findFirst();
    }

    private Optional<OutageGreeting> outageGreeting() {
        return em.createQuery("select g from OutageGreeting g", OutageGreeting.class)
                .getResultStream()
                .findFirst();
    }

    /**
     * Starts a failover drill of {@code length} for calls from {@code callers} (ending the one
     * running, if any), audited as {@code actor}.
     */
    public DrillReport startDrill(
            TenantId tenant, List<String> callers, Duration length, String actor) {
        Instant now = Instant.now();
        latestDrill().ifPresent(running -> running.end(now));
        Drill drill = new Drill(callers, length, actor, now);
        em.persist(drill);
        audit.record(
                tenant,
                actor,
                AuditAction.DRILL_STARTED,
                "continuity",
                "calls from " + String.join(", ", callers) + " until " + drill.endsAt());
        routingChanged.fire(new RoutingChanged(tenant));
        return report(tenant, drill);
    }

    /** Ends the running drill before its time; whether one was running. */
    public boolean endDrill(TenantId tenant, String actor) {
        Instant now = Instant.now();
        Optional<Drill> drill = latestDrill().filter(d -> d.running(now));
        if (drill.isEmpty()) {
            return false;
        }
        drill.get().end(now);
        audit.record(tenant, actor, AuditAction.DRILL_ENDED, "continuity", "");
        routingChanged.fire(new RoutingChanged(tenant));
        return true;
    }

    /** The tenant's latest drill, running or not. */
    public Optional<Drill> drill(TenantId tenant) {
        return latestDrill();
    }

    /** Records a test call of the running drill and where it was routed. */
    public void drillCall(
            TenantId tenant, String callId, String caller, String called, String routedTo) {
        audit.record(
                tenant,
                "caller:" + caller,
                AuditAction.DRILL_CALL,
                "call:" + callId,
                "to " + called + ": " + routedTo);
    }

    /** The latest drill's report, from the audit trail; empty if the tenant never ran one. */
    public Optional<DrillReport> drillReport(TenantId tenant) {
        return latestDrill().map(drill -> report(tenant, drill));
    }

    private DrillReport report(TenantId tenant, Drill drill) {
        Instant now = Instant.now();
        List<AuditEvent> trail =
                audit.page(
                        tenant,
                        new AuditTrail.AuditQuery(
                                null,
                                null,
                                drill.startedAt(),
                                drill.until().plus(Duration.ofHours(1)), // late emails
                                10_000));
        List<DrillReport.DrillCall> calls = new java.util.ArrayList<>();
        List<AuditEvent> oldestFirst = new java.util.ArrayList<>(trail);
        java.util.Collections.reverse(oldestFirst);
        for (AuditEvent event : oldestFirst) {
            if (event.action() != AuditAction.DRILL_CALL) {
                continue;
            }
            String callId = event.subject().substring("call:".length());
            calls.add(drillCall(event, callId, trail));
        }
        return new DrillReport(
                drill.callers(),
                drill.startedBy(),
                drill.startedAt(),
                drill.endsAt(),
                drill.endedAt().orElse(null),
                drill.running(now),
                calls);
    }

    private static DrillReport.DrillCall drillCall(
            AuditEvent routed, String callId, List<AuditEvent> trail) {
        String outcome = null;
        Instant stored = null;
        Instant emailed = null;
        String message = null;
        for (AuditEvent event : trail) {
            boolean thisCall =
                    event.details() != null && event.details().endsWith("call " + callId);
            if (thisCall && event.action() == AuditAction.MESSAGE_LEFT) {
                outcome = "message left: " + event.details();
                stored = event.occurredAt();
                message = event.subject();
            } else if (thisCall && event.action() == AuditAction.CALL_ENDED_WITHOUT_MESSAGE) {
                outcome = event.details();
            }
        }
        for (AuditEvent event : trail) {
            if (message != null
                    && event.action() == AuditAction.MESSAGE_NOTIFIED
                    && message.equals(event.subject())
                    && (emailed == null || event.occurredAt().isBefore(emailed))) {
                emailed = event.occurredAt();
            }
        }
        return new DrillReport.DrillCall(
                callId,
                routed.actor().substring("caller:".length()),
                routed.occurredAt(),
                routed.details(),
                outcome,
                stored,
                emailed,
                stored != null && emailed != null
                        ? Duration.between(stored, emailed).toMillis()
                        : null);
    }

    private Optional<Drill> latestDrill() {
        return em.createQuery("select d from Drill d order by d.startedAt desc", Drill.class)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    private Continuity current(TenantId tenant, boolean forUpdate) {
        var query = em.createQuery("select c from Continuity c", Continuity.class);
        if (forUpdate) {
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.getResultStream()
                .findFirst()
                .orElseGet(
                        () -> {
                            Continuity initial = Continuity.initial();
                            if (forUpdate) {
                                em.persist(initial);
                            }
                            return initial;
                        });
    }

    private String pbx(TenantId tenant) {
        Tenant owner = em.find(Tenant.class, tenant.value());
        return owner == null ? null : owner.pbxUri();
    }
}
