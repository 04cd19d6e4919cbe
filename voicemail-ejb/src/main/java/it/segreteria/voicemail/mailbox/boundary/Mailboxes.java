package it.segreteria.voicemail.mailbox.boundary;

import it.segreteria.voicemail.mailbox.entity.Employee;
import it.segreteria.voicemail.mailbox.entity.Mailbox;
import it.segreteria.voicemail.mailbox.entity.MailboxNumber;
import it.segreteria.voicemail.tenant.control.TenantScoped;
import it.segreteria.voicemail.tenant.entity.TenantId;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/**
 * Finds a tenant's mailboxes and employees. Every lookup sees only the tenant it is given: an id or
 * a number of another tenant finds nothing, exactly as a number that does not exist.
 */
@Stateless
@TenantScoped
public class Mailboxes {

    @PersistenceContext EntityManager em;

    public Optional<Mailbox> byId(TenantId tenant, long id) {
        return Optional.ofNullable(em.find(Mailbox.class, id));
    }

    public Optional<Mailbox> byNumber(TenantId tenant, MailboxNumber number) {
        return em.createQuery("select m from Mailbox m where m.number = :number", Mailbox.class)
                .setParameter("number", number)
                .getResultStream()
                .findFirst();
    }

    public List<Mailbox> all(TenantId tenant) {
        return em.createQuery("select m from Mailbox m order by m.number", Mailbox.class)
                .getResultList();
    }

    public Optional<Employee> employeeByKey(TenantId tenant, String key) {
        return em.createQuery("select e from Employee e where e.key = :key", Employee.class)
                .setParameter("key", key)
                .getResultStream()
                .findFirst();
    }

    public List<Employee> employees(TenantId tenant) {
        return em.createQuery("select e from Employee e order by e.key", Employee.class)
                .getResultList();
    }
}
