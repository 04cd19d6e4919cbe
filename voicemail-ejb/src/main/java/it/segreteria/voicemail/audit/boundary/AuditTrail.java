package it.segreteria.voicemail.audit.boundary;

import it.segreteria.voicemail.audit.entity.AuditAction;
import it.segreteria.voicemail.audit.entity.AuditEvent;
import it.segreteria.voicemail.shared.TenantId;
import it.segreteria.voicemail.tenant.control.TenantScoped;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Records and reads a tenant's audit trail. Recording joins the caller's transaction, so an event
 * exists exactly when the change it describes was committed.
 */
@Stateless
@TenantScoped
public class AuditTrail {

    private static final Clock CLOCK = Clock.systemUTC();

    @PersistenceContext EntityManager em;

    public AuditEvent record(
            TenantId tenant, String actor, AuditAction action, String subject, String details) {
        return record(tenant, Instant.now(CLOCK), actor, action, subject, details);
    }

    /** An event that happened at {@code at} (when a server answered, say), recorded now. */
    public AuditEvent record(
            TenantId tenant,
            Instant at,
            String actor,
            AuditAction action,
            String subject,
            String details) {
        AuditEvent event = new AuditEvent(at, actor, action, subject, details);
        em.persist(event);
        return event;
    }

    /** The most recent events first. */
    public List<AuditEvent> latest(TenantId tenant, int limit) {
        return page(tenant, new AuditQuery(null, null, null, null, limit));
    }

    /**
     * One page of the trail, newest first, by keyset: the events with ids below {@code
     * query.before()} (all when null) that match the filters. The next page starts before the last
     * id of this one; every event is on exactly one page, however many are added meanwhile.
     */
    public List<AuditEvent> page(TenantId tenant, AuditQuery query) {
        StringBuilder jpql = new StringBuilder("select e from AuditEvent e where 1 = 1");
        if (query.before() != null) {
            jpql.append(" and e.id < :before");
        }
        if (query.action() != null) {
            jpql.append(" and e.action = :action");
        }
        if (query.from() != null) {
            jpql.append(" and e.occurredAt >= :from");
        }
        if (query.to() != null) {
            jpql.append(" and e.occurredAt < :to");
        }
        jpql.append(" order by e.id desc");
        var select = em.createQuery(jpql.toString(), AuditEvent.class);
        if (query.before() != null) {
            select.setParameter("before", query.before());
        }
        if (query.action() != null) {
            select.setParameter("action", query.action());
        }
        if (query.from() != null) {
            select.setParameter("from", query.from());
        }
        if (query.to() != null) {
            select.setParameter("to", query.to());
        }
        return select.setMaxResults(query.limit()).getResultList();
    }

    /**
     * What to read from the trail.
     *
     * @param before only events with a lower id (the last id of the previous page); null: newest
     * @param action only this action; null: all
     * @param from only events at or after; null: from the start
     * @param to only events before; null: up to now
     * @param limit at most this many
     */
    public record AuditQuery(Long before, AuditAction action, Instant from, Instant to, int limit) {
        public AuditQuery {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1");
            }
        }
    }
}
