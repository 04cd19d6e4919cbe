package it.segreteria.voicemail.mailbox.boundary;

import it.segreteria.voicemail.audit.boundary.AuditTrail;
import it.segreteria.voicemail.audit.entity.AuditAction;
import it.segreteria.voicemail.mailbox.entity.Greeting;
import it.segreteria.voicemail.mailbox.entity.GreetingKind;
import it.segreteria.voicemail.mailbox.entity.InvalidGreetingException;
import it.segreteria.voicemail.mailbox.entity.Mailbox;
import it.segreteria.voicemail.mailbox.entity.MailboxNumber;
import it.segreteria.voicemail.mailbox.entity.RecordedGreeting;
import it.segreteria.voicemail.shared.RoutingChanged;
import it.segreteria.voicemail.shared.TenantId;
import it.segreteria.voicemail.tenant.control.TenantScoped;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
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

    @Inject Event<RoutingChanged> routingChanged;

    @PersistenceContext EntityManager em;

    @Inject AuditTrail audit;

    public Optional<Mailbox> byId(TenantId tenant, long id) {
        return Optional.ofNullable(em.find(Mailbox.class, id));
    }

    public Optional<Mailbox> byNumber(TenantId tenant, MailboxNumber number) {
        return em.createQuery("select m from Mailbox m where m.number = :number", Mailbox.class)
                .setParameter("number", number)
                .getResultStream()
                .findFirst();
    }

    /**
     * The phone to ring for each of these employees (by key, in the order given): their first
     * phone, a mobile; employees without one (or unknown) are left out.
     */
    public List<it.segreteria.voicemail.shared.PhoneNumber> phonesToRing(
            TenantId tenant, List<String> employeeKeys) {
        if (employeeKeys.isEmpty()) {
            return List.of();
        }
        java.util.Map<String, it.segreteria.voicemail.mailbox.entity.Employee> byKey =
                new java.util.HashMap<>();
        em.createQuery(
                        "select e from Employee e where e.key in :keys",
                        it.segreteria.voicemail.mailbox.entity.Employee.class)
                .setParameter("keys", employeeKeys)
                .getResultList()
                .forEach(employee -> byKey.put(employee.key(), employee));
        return employeeKeys.stream()
                .map(byKey::get)
                .filter(java.util.Objects::nonNull)
                .filter(employee -> !employee.phones().isEmpty())
                .map(employee -> employee.phones().get(0))
                .distinct()
                .toList();
    }

    public List<Mailbox> all(TenantId tenant) {
        return em.createQuery("select m from Mailbox m order by m.number", Mailbox.class)
                .getResultList();
    }

    /** The version of the mailbox's own greeting, if it has one (cheap: no audio is read). */
    public Optional<Long> greetingVersion(TenantId tenant, long mailboxId) {
        return greetingVersion(tenant, mailboxId, GreetingKind.UNAVAILABLE);
    }

    /** The version of a greeting of the mailbox, if it has one (cheap: no audio is read). */
    public Optional<Long> greetingVersion(TenantId tenant, long mailboxId, GreetingKind kind) {
        return em.createQuery(
                        "select g.version from "
                                + RecordedGreeting.type(kind).getSimpleName()
                                + " g where g.mailboxId = :id",
                        Long.class)
                .setParameter("id", mailboxId)
                .getResultStream()
                .findFirst();
    }

    public Optional<Greeting> greeting(TenantId tenant, long mailboxId) {
        return Optional.ofNullable(em.find(Greeting.class, mailboxId));
    }

    public Optional<RecordedGreeting> greeting(TenantId tenant, long mailboxId, GreetingKind kind) {
        return Optional.ofNullable(em.find(RecordedGreeting.type(kind), mailboxId));
    }

    /** Whether the mailbox's temporary greeting is on. */
    public boolean hasTemporaryGreeting(TenantId tenant, long mailboxId) {
        return greetingVersion(tenant, mailboxId, GreetingKind.TEMPORARY).isPresent();
    }

    /**
     * Sets the mailbox's own greeting from a WAV file (any sample rate and channels, converted to 8
     * kHz mono; at most {@value Greeting#MAX_SECONDS} s).
     *
     * @throws InvalidGreetingException when the audio is not such a file
     */
    public void setGreeting(TenantId tenant, long mailboxId, byte[] wav, String actor) {
        setGreeting(tenant, mailboxId, GreetingKind.UNAVAILABLE, wav, actor);
    }

    /**
     * Sets a greeting of the mailbox from a WAV file (any sample rate and channels, converted to 8
     * kHz mono; at most {@value Greeting#MAX_SECONDS} s), audited as {@code actor}; calls routed
     * afterwards hear it.
     *
     * @throws InvalidGreetingException when the audio is not such a file
     */
    public void setGreeting(
            TenantId tenant, long mailboxId, GreetingKind kind, byte[] wav, String actor) {
        Mailbox mailbox =
                byId(tenant, mailboxId)
                        .orElseThrow(() -> new IllegalArgumentException("no such mailbox"));
        byte[] canonical = Greeting.canonicalWav(wav);
        RecordedGreeting greeting = em.find(RecordedGreeting.type(kind), mailboxId);
        if (greeting == null) {
            em.persist(RecordedGreeting.of(kind, mailboxId, canonical));
        } else {
            greeting.replace(canonical);
        }
        audit.record(
                tenant,
                actor,
                AuditAction.GREETING_CHANGED,
                "mailbox:" + mailbox.number(),
                describe(kind) + ", " + Greeting.millis(canonical) + " ms");
        routingChanged.fire(new RoutingChanged(tenant));
    }

    public boolean removeGreeting(TenantId tenant, long mailboxId, String actor) {
        return removeGreeting(tenant, mailboxId, GreetingKind.UNAVAILABLE, actor);
    }

    /** Removes a greeting of the mailbox (audited); whether there was one. */
    public boolean removeGreeting(
            TenantId tenant, long mailboxId, GreetingKind kind, String actor) {
        RecordedGreeting greeting = em.find(RecordedGreeting.type(kind), mailboxId);
        if (greeting == null) {
            return false;
        }
        String subject =
                byId(tenant, mailboxId)
                        .map(m -> "mailbox:" + m.number())
                        .orElse("mailbox:" + mailboxId);
        em.remove(greeting);
        audit.record(
                tenant, actor, AuditAction.GREETING_CHANGED, subject, describe(kind) + " removed");
        routingChanged.fire(new RoutingChanged(tenant));
        return true;
    }

    private static String describe(GreetingKind kind) {
        return kind == GreetingKind.TEMPORARY ? "temporary greeting" : "unavailable greeting";
    }
}
