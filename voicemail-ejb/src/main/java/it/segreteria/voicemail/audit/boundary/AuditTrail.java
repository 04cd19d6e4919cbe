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
        AuditEvent event = new AuditEvent(Instant.now(CLOCK), actor, action, subject, details);
        em.persist(event);
        return event;
    }

    /** The most recent events first. */
    public List<AuditEvent> latest(TenantId tenant, int limit) {
        return em.createQuery(
                        "select e from AuditEvent e order by e.occurredAt desc, e.id desc",
                        AuditEvent.class)
                .setMaxResults(limit)
                .getResultList();
    }
}
