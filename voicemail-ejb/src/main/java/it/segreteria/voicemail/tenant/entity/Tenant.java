package it.segreteria.voicemail.tenant.entity;

import it.segreteria.voicemail.shared.AttachmentPolicy;
import it.segreteria.voicemail.shared.Language;
import it.segreteria.voicemail.shared.PhoneNumber;
import it.segreteria.voicemail.shared.PhoneNumberConverter;
import it.segreteria.voicemail.shared.TenantId;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A company that uses the service. Created and updated by provisioning; every other tenant-owned
 * row carries its id in the {@code tenant_id} discriminator. The tenant itself is not multitenant:
 * the platform lists tenants.
 *
 * <p>The time zone and language are the defaults for all the tenant's mailboxes; the PBX address is
 * the office phone system that continuity mode watches and takes over from.
 */
@Entity
@Table(name = "tenant")
public class Tenant {

    @Id
    @Column(name = "id", length = TenantId.MAX_LENGTH)
    private String id;

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "time_zone", nullable = false)
    private ZoneId timeZone;

    @Column(name = "language", nullable = false)
    private Language language;

    @Column(name = "pbx_uri")
    private String pbxUri;

    /** The outbound SIP trunk that continuity mode rings key staff's phones through. */
    @Column(name = "trunk_uri")
    private String trunkUri;

    @Embedded private MessageLimits limits;

    @Enumerated(EnumType.STRING)
    @Column(name = "attachment_policy")
    private AttachmentPolicy attachments;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "tenant_number", joinColumns = @JoinColumn(name = "tenant_id"))
    @Column(name = "number")
    @Convert(converter = PhoneNumberConverter.class) // autoApply does not reach collection elements
    private Set<PhoneNumber> numbers = new HashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "access_number", joinColumns = @JoinColumn(name = "tenant_id"))
    @Column(name = "number")
    @Convert(converter = PhoneNumberConverter.class)
    private Set<PhoneNumber> accessNumbers = new HashSet<>();

    @Column(name = "skip_mailbox_question", nullable = false)
    private boolean skipMailboxQuestion;

    /** The administrators' addresses (outage emails), joined by commas; empty: none. */
    @Column(name = "admin_emails", nullable = false)
    private String adminEmails = "";

    @Version private long version;

    protected Tenant() {}

    public Tenant(TenantId id, TenantProfile profile) {
        this.id = id.value();
        apply(profile);
    }

    /** Brings the tenant to the given profile; returns whether anything changed. */
    public boolean apply(TenantProfile profile) {
        boolean changed =
                !Objects.equals(name, profile.name())
                        || !Objects.equals(timeZone, profile.timeZone())
                        || language != profile.language()
                        || !Objects.equals(pbxUri, profile.pbxUri())
                        || !Objects.equals(limits(), profile.limits())
                        || attachments() != profile.attachments()
                        || !numbers.equals(profile.numbers())
                        || !accessNumbers.equals(profile.accessNumbers())
                        || skipMailboxQuestion != profile.skipMailboxQuestion()
                        || !adminEmails().equals(profile.adminEmails())
                        || !Objects.equals(trunkUri, profile.trunkUri());
        name = profile.name();
        timeZone = profile.timeZone();
        language = profile.language();
        pbxUri = profile.pbxUri();
        limits = profile.limits();
        attachments = profile.attachments();
        numbers.retainAll(profile.numbers());
        numbers.addAll(profile.numbers());
        accessNumbers.retainAll(profile.accessNumbers());
        accessNumbers.addAll(profile.accessNumbers());
        skipMailboxQuestion = profile.skipMailboxQuestion();
        adminEmails = String.join(",", profile.adminEmails());
        trunkUri = profile.trunkUri();
        return changed;
    }

    public TenantId id() {
        return TenantId.of(id);
    }

    public String name() {
        return name;
    }

    public ZoneId timeZone() {
        return timeZone;
    }

    public Language language() {
        return language;
    }

    public String pbxUri() {
        return pbxUri;
    }

    /** The SIP URI of the tenant's outbound trunk, or null without one. */
    public String trunkUri() {
        return trunkUri;
    }

    /** The tenant's message limits (never null; empty limits mean the service's defaults). */
    public MessageLimits limits() {
        return limits == null ? MessageLimits.DEFAULTS : limits;
    }

    /** Gives up the numbers not in {@code keep}; returns whether it gave up any. */
    public boolean keepOnlyNumbers(Set<PhoneNumber> keep, Set<PhoneNumber> keepAccess) {
        boolean gaveUp = numbers.retainAll(keep);
        return accessNumbers.retainAll(keepAccess) || gaveUp;
    }

    /** The numbers employees dial to hear their messages (phone access). */
    public Set<PhoneNumber> accessNumbers() {
        return Set.copyOf(accessNumbers);
    }

    /**
     * Whether an employee calling an access number from one of their own phones is asked only for
     * the PIN (the PIN is always asked: caller ID can be forged).
     */
    public boolean skipMailboxQuestion() {
        return skipMailboxQuestion;
    }

    /**
     * Where the tenant's administrators are told of outages (checked addresses, in order; none
     * until an administrator is provisioned).
     */
    public List<String> adminEmails() {
        return adminEmails == null || adminEmails.isEmpty()
                ? List.of()
                : List.of(adminEmails.split(","));
    }

    /** The tenant's own public numbers (calls forwarded by its PBX arrive on them). */
    public Set<PhoneNumber> numbers() {
        return Set.copyOf(numbers);
    }

    /**
     * What notification emails of this tenant's mailboxes carry of the audio, unless a mailbox says
     * otherwise.
     */
    public AttachmentPolicy attachments() {
        return attachments == null ? AttachmentPolicy.ATTACH : attachments;
    }

    public long version() {
        return version;
    }

    /** The attributes of a tenant that an administrator sets. */
    public record TenantProfile(
            String name,
            ZoneId timeZone,
            Language language,
            String pbxUri,
            MessageLimits limits,
            AttachmentPolicy attachments,
            Set<PhoneNumber> numbers,
            Set<PhoneNumber> accessNumbers,
            boolean skipMailboxQuestion,
            List<String> adminEmails,
            String trunkUri) {
        public TenantProfile {
            adminEmails = adminEmails == null ? List.of() : List.copyOf(adminEmails);
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(timeZone, "time zone");
            Objects.requireNonNull(language, "language");
            limits = limits == null ? MessageLimits.DEFAULTS : limits;
            attachments = attachments == null ? AttachmentPolicy.ATTACH : attachments;
            numbers = numbers == null ? Set.of() : Set.copyOf(numbers);
            accessNumbers = accessNumbers == null ? Set.of() : Set.copyOf(accessNumbers);
        }

        public TenantProfile(
                String name,
                ZoneId timeZone,
                Language language,
                String pbxUri,
                MessageLimits limits,
                AttachmentPolicy attachments,
                Set<PhoneNumber> numbers,
                Set<PhoneNumber> accessNumbers,
                boolean skipMailboxQuestion,
                List<String> adminEmails) {
            this(
                    name,
                    timeZone,
                    language,
                    pbxUri,
                    limits,
                    attachments,
                    numbers,
                    accessNumbers,
                    skipMailboxQuestion,
                    adminEmails,
                    null);
        }

        public TenantProfile(String name, ZoneId timeZone, Language language, String pbxUri) {
            this(
                    name,
                    timeZone,
                    language,
                    pbxUri,
                    MessageLimits.DEFAULTS,
                    AttachmentPolicy.ATTACH,
                    Set.of(),
                    Set.of(),
                    false,
                    List.of());
        }
    }
}
