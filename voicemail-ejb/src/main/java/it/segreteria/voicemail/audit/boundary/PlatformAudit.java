package it.segreteria.voicemail.audit.boundary;

import it.segreteria.voicemail.audit.entity.PlatformEvent;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/** The service's own audit trail (no tenant's): records, and reads newest first by keyset. */
@Stateless
public class PlatformAudit {

    @PersistenceContext EntityManager em;

    public void record(PlatformEvent.Action action, String source, String details) {
        em.persist(new PlatformEvent(Instant.now(), action, source, details));
    }

    /**
     * Events with an id below {@code before} (all when null), newest first, at most {@code limit}.
     */
    public List<PlatformEvent> page(Long before, PlatformEvent.Action action, int limit) {
        StringBuilder jpql = new StringBuilder("select e from PlatformEvent e where 1 = 1");
        if (before != null) {
            jpql.append(" and e.id < :before");
        }
        if (action != null) {
            jpql.append(" and e.action = :action");
        }
        var select =
                em.createQuery(jpql.append(" order by e.id desc").toString(), PlatformEvent.class);
        if (before != null) {
            select.setParameter("before", before);
        }
        if (action != null) {
            select.setParameter("action", action);
        }
        return select.setMaxResults(limit).getResultList();
    }
}
