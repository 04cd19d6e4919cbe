package it.segreteria.voicemail.mailbox.entity;

import it.segreteria.voicemail.shared.PhoneNumber;
import it.segreteria.voicemail.tenant.entity.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A person of a tenant who owns one or more mailboxes and receives their notifications. Identified
 * inside the tenant by a stable key chosen by the tenant's administrators (e.g. the user name), so
 * that renaming somebody or changing their address updates them instead of creating a new employee.
 */
@Entity
@Table(name = "employee")
public class Employee extends TenantOwned {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "employee_ids")
    @SequenceGenerator(name = "employee_ids", sequenceName = "employee_seq", allocationSize = 50)
    private Long id;

    @Column(name = "employee_key", nullable = false, updatable = false)
    private String key;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "emails", nullable = false)
    private EmailAddresses emails;

    @Column(name = "key_staff", nullable = false)
    private boolean keyStaff;

    /**
     * The employee's own phones, normalised, each between commas (",+393331234567,+39021234,"), so
     * that a caller's number is found with one LIKE; empty: ",".
     */
    @Column(name = "phones", nullable = false)
    private String phones;

    /** The outage plan's key staff, each between commas (",mrossi,gbianchi,"); empty: ",". */
    @Column(name = "outage_ring", nullable = false)
    private String outageRing;

    @Column(name = "outage_together", nullable = false)
    private boolean outageTogether;

    @Column(name = "outage_mailbox")
    private String outageMailbox;

    @Version private long version;

    protected Employee() {}

    public Employee(String key, EmployeeProfile profile) {
        this.key = Objects.requireNonNull(key, "employee key");
        apply(profile);
    }

    /** Brings the employee to the given profile; returns whether anything changed. */
    public boolean apply(EmployeeProfile profile) {
        boolean changed =
                !Objects.equals(displayName, profile.displayName())
                        || !Objects.equals(emails, profile.emails())
                        || keyStaff != profile.keyStaff()
                        || !phones().equals(profile.phones())
                        || !outage().equals(profile.outage());
        displayName = profile.displayName();
        emails = profile.emails();
        keyStaff = profile.keyStaff();
        phones = joined(profile.phones());
        outageRing =
                ","
                        + String.join(",", profile.outage().ring())
                        + (profile.outage().rings() ? "," : "");
        outageTogether = profile.outage().together();
        outageMailbox = profile.outage().mailbox().map(MailboxNumber::value).orElse(null);
        return changed;
    }

    public Long id() {
        return id;
    }

    public String key() {
        return key;
    }

    public String displayName() {
        return displayName;
    }

    public EmailAddresses emails() {
        return emails;
    }

    /**
     * Key staff are the people whose calls continuity mode routes first when the office PBX is
     * down.
     */
    public boolean keyStaff() {
        return keyStaff;
    }

    /** Where the employee's calls go while the office PBX is down. */
    public OutagePlan outage() {
        List<String> ring =
                outageRing == null || outageRing.length() <= 1
                        ? List.of()
                        : List.of(outageRing.substring(1, outageRing.length() - 1).split(","));
        return new OutagePlan(
                ring, outageTogether, Optional.ofNullable(outageMailbox).map(MailboxNumber::of));
    }

    /** The employee's own phone numbers (a mobile first), as provisioned. */
    public List<PhoneNumber> phones() {
        if (phones == null || phones.length() <= 1) {
            return List.of();
        }
        return Arrays.stream(phones.substring(1, phones.length() - 1).split(","))
                .map(PhoneNumber::new)
                .toList();
    }

    /**
     * Whether a call from {@code callerNumber} comes from one of the employee's phones. Networks
     * present the same phone as {@code +393331234567}, {@code 00393331234567}, {@code 3331234567}
     * or, for national numbers with a trunk 0, {@code 02079460100} for {@code +442079460100}: the
     * shorter, without leading zeros, must end the longer and keep at least {@value
     * #SIGNIFICANT_DIGITS} digits.
     */
    public boolean owns(String callerNumber) {
        String caller = digits(callerNumber);
        return caller.length() >= SIGNIFICANT_DIGITS
                && phones().stream().anyMatch(phone -> sameLine(digits(phone.value()), caller));
    }

    /** The last digits of a caller's number that {@link #owns} needs to match, for a LIKE. */
    public static Optional<String> tail(String callerNumber) {
        String caller = digits(callerNumber);
        return caller.length() < SIGNIFICANT_DIGITS
                ? Optional.empty()
                : Optional.of(caller.substring(caller.length() - SIGNIFICANT_DIGITS));
    }

    static final int SIGNIFICANT_DIGITS = 7;

    private static boolean sameLine(String a, String b) {
        String longer = a.length() >= b.length() ? a : b;
        String shorter = a.length() >= b.length() ? b : a;
        return shorter.length() >= SIGNIFICANT_DIGITS && longer.endsWith(shorter);
    }

    /** The digits of a number, without the leading zeros of trunk or international prefixes. */
    private static String digits(String number) {
        if (number == null) {
            return "";
        }
        String digits = number.replaceAll("[^0-9]", "");
        int first = 0;
        while (first < digits.length() && digits.charAt(first) == '0') {
            first++;
        }
        return digits.substring(first);
    }

    private static String joined(List<PhoneNumber> numbers) {
        StringBuilder joined = new StringBuilder(",");
        numbers.forEach(n -> joined.append(n.value()).append(','));
        return joined.toString();
    }

    public long version() {
        return version;
    }

    /** The attributes of an employee that an administrator sets. */
    public record EmployeeProfile(
            String displayName,
            EmailAddresses emails,
            boolean keyStaff,
            List<PhoneNumber> phones,
            OutagePlan outage) {
        public EmployeeProfile {
            Objects.requireNonNull(displayName, "display name");
            Objects.requireNonNull(emails, "emails");
            phones = phones == null ? List.of() : List.copyOf(phones);
            outage = outage == null ? OutagePlan.NONE : outage;
        }

        public EmployeeProfile(
                String displayName,
                EmailAddresses emails,
                boolean keyStaff,
                List<PhoneNumber> phones) {
            this(displayName, emails, keyStaff, phones, OutagePlan.NONE);
        }

        public EmployeeProfile(String displayName, EmailAddresses emails, boolean keyStaff) {
            this(displayName, emails, keyStaff, List.of());
        }
    }
}
