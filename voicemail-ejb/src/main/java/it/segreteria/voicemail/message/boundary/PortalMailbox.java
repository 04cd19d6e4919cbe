package it.segreteria.voicemail.message.boundary;

import it.segreteria.voicemail.audit.boundary.AuditTrail;
import it.segreteria.voicemail.audit.entity.AuditAction;
import it.segreteria.voicemail.mailbox.boundary.Mailboxes;
import it.segreteria.voicemail.mailbox.entity.EmailAddresses;
import it.segreteria.voicemail.mailbox.entity.Greeting;
import it.segreteria.voicemail.mailbox.entity.GreetingKind;
import it.segreteria.voicemail.mailbox.entity.Mailbox;
import it.segreteria.voicemail.mailbox.entity.Mailbox.PinVerdict;
import it.segreteria.voicemail.mailbox.entity.NotificationAddressesChanged;
import it.segreteria.voicemail.mailbox.entity.Pin;
import it.segreteria.voicemail.mailbox.entity.PinHash;
import it.segreteria.voicemail.mailbox.entity.PinPolicy;
import it.segreteria.voicemail.mailbox.entity.RecordedGreeting;
import it.segreteria.voicemail.message.control.PinAttempts;
import it.segreteria.voicemail.shared.AttachmentPolicy;
import it.segreteria.voicemail.shared.Language;
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
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The employee's own mailbox as the portal and {@code /api/v1} open it (found by the token's tenant
 * and employee, never by a number from the request): its greetings, and its PIN, changed only with
 * the current one, which counts towards the same lockout as the phone's wrong PINs; and the
 * employee's own notification settings.
 */
@Stateless
@TenantScoped
public class PortalMailbox {

    @PersistenceContext EntityManager em;

    @Inject Mailboxes mailboxes;

    @Inject AuditTrail audit;

    @Inject PinAttempts pins;

    @Inject Event<RoutingChanged> routingChanged;

    @Inject Event<NotificationAddressesChanged> addressesChanged;

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

    /**
     * Notification settings as the portal shows and sends them: the addresses of the voicemail
     * emails, the attachment policy ({@code attach}, {@code link}, {@code notify}), the language
     * code and the time zone id. In a change, {@code null} means "as the company has it".
     */
    public record Settings(
            List<String> emails, String attachments, String language, String timeZone) {}

    /**
     * What applies to the employee's mailbox, what the company would give them, and which of the
     * four settings ({@code emails}, {@code attachments}, {@code language}, {@code timeZone}) are
     * their own choice.
     */
    public record SettingsView(Settings current, Settings company, List<String> own) {}

    /** The outcome of a settings change; {@code problems} when refused, else the new view. */
    public record SettingsChange(List<String> problems, SettingsView view) {
        public boolean refused() {
            return !problems.isEmpty();
        }
    }

    public Optional<SettingsView> settings(TenantId tenant, String employee) {
        Tenant company = em.find(Tenant.class, tenant.value());
        return own(tenant, employee).map(m -> view(m, company));
    }

    /**
     * Sets the employee's own notification settings (the provisioning file never overwrites them);
     * a value equal to the company's follows the company from now on. Audited with what changed;
     * when the addresses change, the old and the new ones are emailed that they did.
     */
    public Optional<SettingsChange> changeSettings(
            TenantId tenant, String employee, Settings wanted, String actor) {
        Optional<Mailbox> found = owned(employee, true);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Mailbox mailbox = found.get();
        Tenant company = em.find(Tenant.class, tenant.value());
        Mailbox.Preferences defaults = mailbox.defaults(company);
        List<String> problems = new ArrayList<>();
        EmailAddresses emails = null;
        if (wanted.emails() != null) {
            try {
                emails = new EmailAddresses(wanted.emails());
                if (emails.isEmpty() || emails.values().size() > Mailbox.Preferences.MAX_EMAILS) {
                    problems.add(
                            "give 1 to "
                                    + Mailbox.Preferences.MAX_EMAILS
                                    + " email addresses, or none to use the company's");
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        AttachmentPolicy attachments =
                parsed(wanted.attachments(), AttachmentPolicy::parse, problems);
        Language language = parsed(wanted.language(), Language::fromCode, problems);
        ZoneId zone = parsed(wanted.timeZone(), PortalMailbox::zone, problems);
        if (!problems.isEmpty()) {
            return Optional.of(new SettingsChange(problems, view(mailbox, company)));
        }
        Mailbox.Preferences before = mailbox.preferences();
        List<String> addressesBefore = mailbox.notificationAddresses().values();
        mailbox.prefer(
                new Mailbox.Preferences(
                        Objects.equals(emails, defaults.emails()) ? null : emails,
                        attachments == defaults.attachments() ? null : attachments,
                        language == defaults.language() ? null : language,
                        Objects.equals(zone, defaults.timeZone()) ? null : zone));
        Mailbox.Preferences after = mailbox.preferences();
        if (!after.equals(before)) {
            audit.record(
                    tenant,
                    actor,
                    AuditAction.SETTINGS_CHANGED,
                    "mailbox:" + mailbox.number(),
                    changes(before, after));
            routingChanged.fire(new RoutingChanged(tenant)); // callers hear the new language
        }
        List<String> addressesAfter = mailbox.notificationAddresses().values();
        if (!addressesAfter.equals(addressesBefore)) {
            addressesChanged.fire(
                    new NotificationAddressesChanged(
                            tenant,
                            mailbox.id(),
                            addressesBefore,
                            addressesAfter,
                            actor,
                            Instant.now()));
        }
        return Optional.of(new SettingsChange(List.of(), view(mailbox, company)));
    }

    private static SettingsView view(Mailbox mailbox, Tenant company) {
        Mailbox.Preferences own = mailbox.preferences();
        Mailbox.Preferences defaults = mailbox.defaults(company);
        List<String> chosen = new ArrayList<>();
        if (own.emails() != null) {
            chosen.add("emails");
        }
        if (own.attachments() != null) {
            chosen.add("attachments");
        }
        if (own.language() != null) {
            chosen.add("language");
        }
        if (own.timeZone() != null) {
            chosen.add("timeZone");
        }
        return new SettingsView(
                new Settings(
                        mailbox.notificationAddresses().values(),
                        code(mailbox.effectiveAttachments(company)),
                        mailbox.effectiveLanguage(company).code(),
                        mailbox.effectiveTimeZone(company).getId()),
                new Settings(
                        defaults.emails() == null ? List.of() : defaults.emails().values(),
                        code(defaults.attachments()),
                        defaults.language().code(),
                        defaults.timeZone().getId()),
                chosen);
    }

    private static String code(AttachmentPolicy policy) {
        return policy.name().toLowerCase(Locale.ROOT);
    }

    private static ZoneId zone(String id) {
        if (!ZoneId.getAvailableZoneIds().contains(id)) {
            throw new IllegalArgumentException(
                    "'" + id + "' is not a time zone (expected a region such as Europe/Rome)");
        }
        return ZoneId.of(id);
    }

    private static <T> T parsed(
            String text, java.util.function.Function<String, T> parser, List<String> problems) {
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private static String changes(Mailbox.Preferences before, Mailbox.Preferences after) {
        List<String> changes = new ArrayList<>();
        change(changes, "emails", before.emails(), after.emails(), EmailAddresses::joined);
        change(
                changes,
                "attachments",
                before.attachments(),
                after.attachments(),
                PortalMailbox::code);
        change(changes, "language", before.language(), after.language(), Language::code);
        change(changes, "timeZone", before.timeZone(), after.timeZone(), ZoneId::getId);
        return "portal: " + String.join("; ", changes);
    }

    private static <T> void change(
            List<String> changes,
            String name,
            T before,
            T after,
            java.util.function.Function<T, String> text) {
        if (!Objects.equals(before, after)) {
            changes.add(
                    name
                            + " "
                            + (before == null ? "company's" : text.apply(before))
                            + " -> "
                            + (after == null ? "company's" : text.apply(after)));
        }
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
