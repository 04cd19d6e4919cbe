package it.segreteria.voicemail.message.boundary;

import it.segreteria.voicemail.audit.boundary.AuditTrail;
import it.segreteria.voicemail.audit.entity.AuditAction;
import it.segreteria.voicemail.mailbox.boundary.Mailboxes;
import it.segreteria.voicemail.mailbox.entity.Greeting;
import it.segreteria.voicemail.mailbox.entity.GreetingKind;
import it.segreteria.voicemail.mailbox.entity.Mailbox;
import it.segreteria.voicemail.mailbox.entity.Mailbox.PinVerdict;
import it.segreteria.voicemail.mailbox.entity.Pin;
import it.segreteria.voicemail.mailbox.entity.PinHash;
import it.segreteria.voicemail.mailbox.entity.PinPolicy;
import it.segreteria.voicemail.mailbox.entity.RecordedGreeting;
import it.segreteria.voicemail.message.control.PinAttempts;
import it.segreteria.voicemail.shared.TenantId;
import it.segreteria.voicemail.tenant.control.TenantScoped;
import it.segreteria.voicemail.tenant.entity.Tenant;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The employee's own mailbox as the portal and {@code /api/v1} open it (found by the token's tenant
 * and employee, never by a number from the request): its greetings, and its PIN, changed only with
 * the current one, which counts towards the same lockout as the phone's wrong PINs.
 */
@Stateless
@TenantScoped
public class PortalMailbox {

    @PersistenceContext EntityManager em;

    @Inject Mailboxes mailboxes;

    @Inject AuditTrail audit;

    @Inject PinAttempts pins;

    /**
     * The outcome of a PIN change; {@code problems} for REFUSED, {@code lockedUntil} for LOCKED.
     */
    public record PinChange(Outcome outcome, List<String> problems, Instant lockedUntil) {
        public enum Outcome {
            CHANGED,
            WRONG_PIN,
            LOCKED,
            REFUSED,
            NO_MAILBOX
        }

        static PinChange of(Outcome outcome) {
            return new PinChange(outcome, List.of(), null);
        }
    }

    /** The employee's mailbox as the portal shows it: its number, language and time zone. */
    public record Profile(String mailbox, String language, String timeZone) {}

    public Optional<Profile> profile(TenantId tenant, String employee) {
        Tenant company = em.find(Tenant.class, tenant.value());
        return own(tenant, employee)
                .map(
                        m ->
                                new Profile(
                                        m.number().value(),
                                        m.effectiveLanguage(company).code(),
                                        m.effectiveTimeZone(company).getId()));
    }

    /** The employee's mailbox (the first by number, when they have several). */
    public Optional<Mailbox> own(TenantId tenant, String employee) {
        return owned(employee, false);
    }

    private Optional<Mailbox> owned(String employee, boolean forUpdate) {
        var query =
                em.createQuery(
                                "select m from Mailbox m where m.owner.key = :employee and m.active"
                                        + " = true order by m.number",
                                Mailbox.class)
                        .setParameter("employee", employee)
                        .setMaxResults(1);
        if (forUpdate) {
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .setHint("eclipselink.refresh", "true");
        }
        return query.getResultStream().findFirst();
    }

    /** A greeting of the employee's mailbox, as WAV. */
    public Optional<byte[]> greeting(TenantId tenant, String employee, GreetingKind kind) {
        return own(tenant, employee)
                .flatMap(m -> mailboxes.greeting(tenant, m.id(), kind))
                .map(RecordedGreeting::wav);
    }

    /**
     * Sets a greeting from a WAV of any rate (converted to 8 kHz); its length in milliseconds, or
     * empty without a mailbox.
     *
     * @throws it.segreteria.voicemail.mailbox.entity.InvalidGreetingException for what is not
     *     usable audio
     */
    public Optional<Long> setGreeting(
            TenantId tenant, String employee, GreetingKind kind, byte[] wav, String actor) {
        Optional<Mailbox> mailbox = own(tenant, employee);
        mailbox.ifPresent(m -> mailboxes.setGreeting(tenant, m.id(), kind, wav, actor));
        return mailbox.flatMap(m -> mailboxes.greeting(tenant, m.id(), kind))
                .map(g -> Greeting.millis(g.wav()));
    }

    public boolean removeGreeting(
            TenantId tenant, String employee, GreetingKind kind, String actor) {
        return own(tenant, employee)
                .map(m -> mailboxes.removeGreeting(tenant, m.id(), kind, actor))
                .orElse(false);
    }

    /** Changes the PIN, given the current one; audited either way (PINs never). */
    public PinChange changePin(
            TenantId tenant, String employee, String current, String pin, String actor) {
        Optional<Mailbox> found = owned(employee, true);
        if (found.isEmpty()) {
            return PinChange.of(PinChange.Outcome.NO_MAILBOX);
        }
        Mailbox mailbox = found.get();
        PinVerdict verdict =
                pins.attempt(
                        tenant, mailbox, current == null ? "" : current, actor, "portal", null);
        switch (verdict) {
            case WRONG -> {
                return PinChange.of(PinChange.Outcome.WRONG_PIN);
            }
            case LOCKED, LOCKED_NOW -> {
                return new PinChange(
                        PinChange.Outcome.LOCKED, List.of(), mailbox.pinLockedUntil().orElse(null));
            }
            default -> {
                // the current PIN was right: on to the new one
            }
        }
        String subject = "mailbox:" + mailbox.number();
        List<String> problems;
        try {
            problems = PinPolicy.DEFAULT.violations(new Pin(pin), mailbox.number());
        } catch (IllegalArgumentException | NullPointerException notDigits) {
            problems = List.of("a PIN is made of digits");
        }
        if (!problems.isEmpty()) {
            audit.record(
                    tenant,
                    actor,
                    AuditAction.PIN_CHANGED,
                    subject,
                    "portal: refused, " + String.join("; ", problems));
            return new PinChange(PinChange.Outcome.REFUSED, problems, null);
        }
        mailbox.changePin(PinHash.of(new Pin(pin)));
        audit.record(tenant, actor, AuditAction.PIN_CHANGED, subject, "portal");
        return PinChange.of(PinChange.Outcome.CHANGED);
    }
}
