package it.segreteria.voicemail.provisioning.control;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import it.segreteria.voicemail.mailbox.entity.EmailAddresses;
import it.segreteria.voicemail.mailbox.entity.Employee.EmployeeProfile;
import it.segreteria.voicemail.mailbox.entity.Mailbox;
import it.segreteria.voicemail.mailbox.entity.Mailbox.MailboxSettings;
import it.segreteria.voicemail.mailbox.entity.MailboxNumber;
import it.segreteria.voicemail.mailbox.entity.OutagePlan;
import it.segreteria.voicemail.mailbox.entity.Pin;
import it.segreteria.voicemail.mailbox.entity.PinPolicy;
import it.segreteria.voicemail.provisioning.entity.ProvisioningDocument;
import it.segreteria.voicemail.provisioning.entity.ProvisioningDocument.EmployeeEntry;
import it.segreteria.voicemail.provisioning.entity.ProvisioningDocument.LimitsEntry;
import it.segreteria.voicemail.provisioning.entity.ProvisioningDocument.MailboxEntry;
import it.segreteria.voicemail.provisioning.entity.ProvisioningDocument.TenantEntry;
import it.segreteria.voicemail.provisioning.entity.ProvisioningException;
import it.segreteria.voicemail.provisioning.entity.ProvisioningPlan;
import it.segreteria.voicemail.provisioning.entity.ProvisioningPlan.EmployeePlan;
import it.segreteria.voicemail.provisioning.entity.ProvisioningPlan.MailboxPlan;
import it.segreteria.voicemail.provisioning.entity.ProvisioningPlan.TenantPlan;
import it.segreteria.voicemail.provisioning.entity.ProvisioningProblem;
import it.segreteria.voicemail.shared.AttachmentPolicy;
import it.segreteria.voicemail.shared.Language;
import it.segreteria.voicemail.shared.PhoneNumber;
import it.segreteria.voicemail.shared.TenantId;
import it.segreteria.voicemail.tenant.entity.MessageLimits;
import it.segreteria.voicemail.tenant.entity.Tenant.TenantProfile;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks a provisioning document completely and reports every problem at once, each with its place,
 * so an administrator fixes a file in one round. Only a document without problems becomes a {@link
 * ProvisioningPlan}.
 */
public final class ProvisioningValidator {

    private static final int MAX_NAME = 200;
    private static final int MAX_KEY = 100;

    private final PinPolicy pinPolicy;
    private final List<ProvisioningProblem> problems = new ArrayList<>();

    private ProvisioningValidator(PinPolicy pinPolicy) {
        this.pinPolicy = pinPolicy;
    }

    /**
     * The plan of a valid document; otherwise a {@link ProvisioningException} listing every
     * problem.
     */
    public static ProvisioningPlan plan(
            Path file, ProvisioningDocument document, PinPolicy pinPolicy) {
        ProvisioningValidator validator = new ProvisioningValidator(pinPolicy);
        ProvisioningPlan plan = validator.check(document);
        if (!validator.problems.isEmpty()) {
            throw new ProvisioningException(file, validator.problems);
        }
        return plan;
    }

    private ProvisioningPlan check(ProvisioningDocument document) {
        List<TenantPlan> tenants = new ArrayList<>();
        Map<String, String> tenantIds = new HashMap<>();
        Map<PhoneNumber, String> numbers = new HashMap<>();
        List<TenantEntry> entries = document.tenants();
        for (int t = 0; t < entries.size(); t++) {
            String at = "tenants[" + t + "]";
            TenantEntry entry = entries.get(t);
            if (entry == null) {
                problem(at, "is empty");
                continue;
            }
            TenantId id = parse(at + ".id", entry.id(), TenantId::of);
            if (id != null) {
                String previous = tenantIds.putIfAbsent(id.value(), at);
                if (previous != null) {
                    problem(at + ".id", "tenant '" + id + "' is already defined at " + previous);
                }
            }
            TenantPlan plan = tenant(at, id, entry, numbers);
            if (plan != null) {
                tenants.add(plan);
            }
        }
        return new ProvisioningPlan(tenants);
    }

    private TenantPlan tenant(
            String at, TenantId id, TenantEntry entry, Map<PhoneNumber, String> numbers) {
        String name = text(at + ".name", entry.name(), MAX_NAME);
        ZoneId zone = parse(at + ".timeZone", entry.timeZone(), ZoneId::of);
        Language language = parse(at + ".language", entry.language(), Language::fromCode);
        String pbx = entry.pbx() == null ? null : sipUri(at + ".pbx", entry.pbx());
        String trunk = entry.trunk() == null ? null : sipUri(at + ".trunk", entry.trunk());
        MessageLimits limits = limits(at + ".messageLimits", entry.messageLimits());
        Set<PhoneNumber> tenantNumbers = publicNumbers(at + ".numbers", entry.numbers(), numbers);
        Set<PhoneNumber> accessNumbers =
                publicNumbers(at + ".accessNumbers", entry.accessNumbers(), numbers);
        AttachmentPolicy attachments =
                entry.attachments() == null
                        ? AttachmentPolicy.ATTACH
                        : parse(at + ".attachments", entry.attachments(), AttachmentPolicy::parse);
        EmailAddresses adminEmails =
                entry.adminEmails() == null
                        ? EmailAddresses.NONE
                        : parse(at + ".adminEmails", entry.adminEmails(), EmailAddresses::new);
        List<EmployeePlan> employees = new ArrayList<>();
        Map<String, String> keys = new HashMap<>();
        Map<MailboxNumber, String> mailboxes = new HashMap<>();
        Map<PhoneNumber, String> ownPhones = new HashMap<>();
        List<EmployeeEntry> entries = entry.employees() == null ? List.of() : entry.employees();
        for (int e = 0; e < entries.size(); e++) {
            String here = at + ".employees[" + e + "]";
            EmployeeEntry employee = entries.get(e);
            if (employee == null) {
                problem(here, "is empty");
                continue;
            }
            EmployeePlan plan = employee(here, employee, keys, mailboxes, numbers, ownPhones);
            if (plan != null) {
                employees.add(plan);
            }
        }
        outagePlans(at, entries, employees, mailboxes, trunk);
        if (id == null || name == null || zone == null || language == null) {
            return null;
        }
        return new TenantPlan(
                id,
                new TenantProfile(
                        name,
                        zone,
                        language,
                        pbx,
                        limits,
                        attachments,
                        tenantNumbers,
                        accessNumbers,
                        Boolean.TRUE.equals(entry.skipMailboxQuestion()),
                        adminEmails == null ? List.of() : adminEmails.values(),
                        trunk),
                employees);
    }

    private static final int MAX_RING = 10;

    /**
     * The employees' outage plans, once every employee of the tenant is known: each rings key staff
     * who have a phone, through the tenant's trunk, and ends in a mailbox of the tenant.
     */
    private void outagePlans(
            String at,
            List<EmployeeEntry> entries,
            List<EmployeePlan> employees,
            Map<MailboxNumber, String> mailboxes,
            String trunk) {
        Map<String, EmployeeProfile> byKey = new HashMap<>();
        employees.forEach(plan -> byKey.put(plan.key(), plan.profile()));
        for (int e = 0; e < entries.size(); e++) {
            EmployeeEntry entry = entries.get(e);
            if (entry == null || entry.outage() == null) {
                continue;
            }
            String here = at + ".employees[" + e + "].outage";
            List<String> ring = entry.outage().ring() == null ? List.of() : entry.outage().ring();
            if (ring.size() > MAX_RING) {
                problem(here + ".ring", "at most " + MAX_RING + " people to ring");
            }
            if (!ring.isEmpty() && trunk == null) {
                problem(
                        here + ".ring",
                        "ringing phones needs the tenant's trunk (" + at + ".trunk)");
            }
            for (int r = 0; r < ring.size(); r++) {
                String key = ring.get(r);
                EmployeeProfile staff = key == null ? null : byKey.get(key);
                if (staff == null) {
                    problem(
                            here + ".ring[" + r + "]",
                            "'" + key + "' is no employee of the tenant");
                } else if (!staff.keyStaff()) {
                    problem(here + ".ring[" + r + "]", "'" + key + "' is not key staff (keyStaff)");
                } else if (staff.phones().isEmpty()) {
                    problem(here + ".ring[" + r + "]", "'" + key + "' has no phone to ring");
                }
            }
            String mailbox = entry.outage().mailbox();
            if (mailbox != null) {
                MailboxNumber number = parse(here + ".mailbox", mailbox, MailboxNumber::of);
                if (number != null && !mailboxes.containsKey(number)) {
                    problem(here + ".mailbox", "no mailbox " + mailbox + " in the tenant");
                }
            }
        }
    }

    /**
     * An employee's own phones (a mobile, a home phone): not the service's numbers, so they need
     * not be unique across the service, but one phone belongs to one employee of a tenant, or the
     * phone login could not tell whose mailbox to open.
     */
    private List<PhoneNumber> ownPhones(
            String at, List<String> written, Map<PhoneNumber, String> ownPhones) {
        List<PhoneNumber> parsed = new ArrayList<>();
        List<String> list = written == null ? List.of() : written;
        if (list.size() > MAX_OWN_PHONES) {
            problem(at, "at most " + MAX_OWN_PHONES + " phones");
            return parsed;
        }
        for (int n = 0; n < list.size(); n++) {
            String here = at + "[" + n + "]";
            PhoneNumber phone = parse(here, list.get(n), PhoneNumber::parse);
            if (phone != null) {
                String previous = ownPhones.putIfAbsent(phone, here);
                if (previous != null) {
                    problem(here, "phone " + phone + " is already given at " + previous);
                } else {
                    parsed.add(phone);
                }
            }
        }
        return parsed;
    }

    private static final int MAX_OWN_PHONES = 10;

    /** A list of public numbers, each unique across the whole file. */
    private Set<PhoneNumber> publicNumbers(
            String at, List<String> written, Map<PhoneNumber, String> numbers) {
        Set<PhoneNumber> parsed = new LinkedHashSet<>();
        List<String> list = written == null ? List.of() : written;
        for (int n = 0; n < list.size(); n++) {
            String here = at + "[" + n + "]";
            PhoneNumber phone = parse(here, list.get(n), PhoneNumber::parse);
            if (phone != null) {
                String previous = numbers.putIfAbsent(phone, here);
                if (previous != null) {
                    problem(here, "number " + phone + " is already given at " + previous);
                }
                parsed.add(phone);
            }
        }
        return parsed;
    }

    private EmployeePlan employee(
            String at,
            EmployeeEntry entry,
            Map<String, String> keys,
            Map<MailboxNumber, String> mailboxes,
            Map<PhoneNumber, String> numbers,
            Map<PhoneNumber, String> ownPhones) {
        String key = text(at + ".id", entry.id(), MAX_KEY);
        if (key != null) {
            String previous = keys.putIfAbsent(key, at);
            if (previous != null) {
                problem(at + ".id", "employee '" + key + "' is already defined at " + previous);
            }
        }
        String name = text(at + ".name", entry.name(), MAX_NAME);
        EmailAddresses emails =
                entry.emails() == null
                        ? EmailAddresses.NONE
                        : parse(at + ".emails", entry.emails(), EmailAddresses::new);
        Optional<MailboxPlan> mailbox = Optional.empty();
        if (entry.mailbox() != null) {
            mailbox =
                    Optional.ofNullable(
                            mailbox(at + ".mailbox", entry.mailbox(), mailboxes, numbers));
            if (mailbox.isEmpty()) {
                return null;
            }
        }
        if (key == null || name == null || emails == null) {
            return null;
        }
        List<PhoneNumber> phones = ownPhones(at + ".phones", entry.phones(), ownPhones);
        boolean keyStaff = Boolean.TRUE.equals(entry.keyStaff());
        return new EmployeePlan(
                key,
                new EmployeeProfile(name, emails, keyStaff, phones, outage(entry.outage())),
                mailbox);
    }

    /** The plan as written; checked against the tenant's employees by {@link #outagePlans}. */
    private static OutagePlan outage(ProvisioningDocument.OutageEntry entry) {
        if (entry == null) {
            return OutagePlan.NONE;
        }
        List<String> ring =
                entry.ring() == null
                        ? List.of()
                        : entry.ring().stream()
                                .filter(Objects::nonNull)
                                .map(String::strip)
                                .toList();
        Optional<MailboxNumber> mailbox;
        try {
            mailbox = Optional.ofNullable(entry.mailbox()).map(MailboxNumber::of);
        } catch (IllegalArgumentException invalid) {
            mailbox = Optional.empty(); // reported by outagePlans
        }
        return new OutagePlan(ring, Boolean.TRUE.equals(entry.together()), mailbox);
    }

    private MailboxPlan mailbox(
            String at,
            MailboxEntry entry,
            Map<MailboxNumber, String> mailboxes,
            Map<PhoneNumber, String> numbers) {
        int before = problems.size();
        MailboxNumber number = parse(at + ".number", entry.number(), MailboxNumber::of);
        if (number != null) {
            String previous = mailboxes.putIfAbsent(number, at);
            if (previous != null) {
                problem(at + ".number", "mailbox " + number + " is already defined at " + previous);
            }
        }
        Pin pin = null;
        if (entry.pin() != null) {
            pin = parse(at + ".pin", entry.pin(), Pin::new);
            if (pin != null) {
                for (String violation : pinPolicy.violations(pin, number)) {
                    problem(at + ".pin", violation);
                }
            }
        }
        Set<PhoneNumber> direct = new LinkedHashSet<>();
        List<String> written = entry.directNumbers() == null ? List.of() : entry.directNumbers();
        for (int n = 0; n < written.size(); n++) {
            String here = at + ".directNumbers[" + n + "]";
            PhoneNumber phone = parse(here, written.get(n), PhoneNumber::parse);
            if (phone != null) {
                String previous = numbers.putIfAbsent(phone, here);
                if (previous != null) {
                    problem(here, "number " + phone + " is already given at " + previous);
                }
                direct.add(phone);
            }
        }
        Language language =
                entry.language() == null
                        ? null
                        : parse(at + ".language", entry.language(), Language::fromCode);
        ZoneId zone =
                entry.timeZone() == null
                        ? null
                        : parse(at + ".timeZone", entry.timeZone(), ZoneId::of);
        int rings =
                entry.ringsBeforeVoicemail() == null
                        ? Mailbox.DEFAULT_RINGS
                        : entry.ringsBeforeVoicemail();
        if (rings < 1 || rings > Mailbox.MAX_RINGS) {
            problem(
                    at + ".ringsBeforeVoicemail",
                    "must be 1 to " + Mailbox.MAX_RINGS + ", got " + rings);
        }
        AttachmentPolicy attachments =
                entry.attachments() == null
                        ? null
                        : parse(at + ".attachments", entry.attachments(), AttachmentPolicy::parse);
        if (problems.size() > before) {
            return null;
        }
        return new MailboxPlan(
                number,
                new MailboxSettings(language, zone, rings, direct, attachments),
                Optional.ofNullable(pin));
    }

    private MessageLimits limits(String at, LimitsEntry entry) {
        if (entry == null) {
            return MessageLimits.DEFAULTS;
        }
        int before = problems.size();
        if (entry.maxSeconds() != null && (entry.maxSeconds() < 5 || entry.maxSeconds() > 3600)) {
            problem(at + ".maxSeconds", "must be 5 to 3600, got " + entry.maxSeconds());
        }
        if (entry.minSeconds() != null && (entry.minSeconds() < 0 || entry.minSeconds() > 60)) {
            problem(at + ".minSeconds", "must be 0 to 60, got " + entry.minSeconds());
        }
        if (entry.minSeconds() != null
                && entry.maxSeconds() != null
                && entry.minSeconds() >= entry.maxSeconds()) {
            problem(at + ".minSeconds", "must be less than maxSeconds");
        }
        if (entry.silenceSeconds() != null
                && (entry.silenceSeconds() < 1 || entry.silenceSeconds() > 300)) {
            problem(at + ".silenceSeconds", "must be 1 to 300, got " + entry.silenceSeconds());
        }
        return problems.size() > before
                ? MessageLimits.DEFAULTS
                : new MessageLimits(entry.maxSeconds(), entry.minSeconds(), entry.silenceSeconds());
    }

    private String sipUri(String at, String value) {
        try {
            var uri = new AddressFactoryImpl().createURI(value.strip());
            if (!uri.isSipURI()) {
                problem(at, "'" + value + "' is not a sip: or sips: URI");
                return null;
            }
            return uri.toString();
        } catch (ParseException e) {
            problem(at, "'" + value + "' is not a SIP URI (e.g. sip:pbx.example.com:5060)");
            return null;
        }
    }

    private String text(String at, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            problem(at, "is required");
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > maxLength) {
            problem(at, "is longer than " + maxLength + " characters");
            return null;
        }
        if (stripped.chars().anyMatch(Character::isISOControl)) {
            problem(at, "contains control characters");
            return null;
        }
        return stripped;
    }

    private <S, T> T parse(String at, S value, Function<S, T> parser) {
        if (value == null) {
            problem(at, "is required");
            return null;
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException | DateTimeException e) {
            problem(
                    at,
                    e instanceof DateTimeException
                            ? "'" + value + "' is not a time zone (e.g. Europe/Rome)"
                            : e.getMessage());
            return null;
        }
    }

    private void problem(String at, String message) {
        problems.add(new ProvisioningProblem(at, message));
    }
}
