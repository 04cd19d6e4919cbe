package it.segreteria.voicemail.continuity.boundary;

import it.segreteria.voicemail.shared.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Calls routed to a tenant while it is in an outage, counted in memory (no database write per call)
 * by this instance since the outage began; reported when it ends. A restart, or another instance,
 * starts from zero.
 */
@ApplicationScoped
public class OutageCalls {

    private final Map<TenantId, LongAdder> counts = new ConcurrentHashMap<>();

    /** A call of the tenant was routed during its outage. */
    public void taken(TenantId tenant) {
        counts.computeIfAbsent(tenant, t -> new LongAdder()).increment();
    }

    /** The calls counted since the last reset, and a new count from zero. */
    public long reset(TenantId tenant) {
        LongAdder count = counts.remove(tenant);
        return count == null ? 0 : count.sum();
    }
}
