package it.segreteria.voicemail.mailbox.entity;

import it.segreteria.voicemail.shared.AttachmentPolicy;
import it.segreteria.voicemail.shared.Language;
import it.segreteria.voicemail.shared.PhoneNumber;
import it.segreteria.voicemail.tenant.entity.Tenant;
import it.segreteria.voicemail.tenant.entity.TenantOwned;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A voicemail box: where callers leave messages for its owner, and what the owner opens with the
 * mailbox number and PIN.
 *
 * <p>Life cycle: created by provisioning with an optional initial PIN; its settings follow the
 * provisioning file; the PIN belongs to the owner once set (provisioning never overwrites it); a
 * mailbox dropped from the file is deactivated, keeping its messages but releasing its direct
 * numbers, and comes back when it is listed again.
 *
 * <p>Its notification settings have three layers: the owner's own choice in the portal ({@link
 * Preferences}, never touched by provisioning), then the administrator's (the provisioning file's
 * mailbox settings), then the tenant's. The addresses default to the employee's directory
 * addresses.
 */
@Entity
@Table(name = "mailbox")
public class Mailbox extends TenantOwned {

    public static final int DEFAULT_RINGS = 4;
    public static final int MAX_RINGS = 15;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mailbox_ids")
    @SequenceGenerator(name = "mailbox_ids", sequenceName = "mailbox_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "owner_id", nullable = false)
    private Employee owner;

    @Column(name = "number", nullable = false, updatable = false)
    private MailboxNumber number;

    @Column(name = "pin_hash")
    private PinHash pinHash;

    @Column(name = "language")
    private Language language;

    @Column(name = "time_zone")
    private ZoneId timeZone;

    @Enumerated(EnumType.STRING)
    @Column(name = "attachment_policy")
    private AttachmentPolicy attachments;

    @Column(name = "rings_before_voicemail", nullable = false)
    private int ringsBeforeVoicemail;

    @Column(name = "active", nullable = false)
    private boolean active;

    @Column(name = "pin_failures", nullable = false)
    private int pinFailures;

    @Column(name = "pin_lockouts", nullable = false)
    private int pinLockouts;

    @Column(name = "pin_locked_until")
    private Instant pinLockedUntil;

    @Column(name = "own_emails")
    private EmailAddresses ownEmails;

    @Column(name = "own_language")
    private Language ownLanguage;

    @Column(name = "own_time_zone")
    private ZoneId ownTimeZone;

    @Enumerated(EnumType.STRING)
    @Column(name = "own_attachment_policy")
    private AttachmentPolicy ownAttachments;

    @OneToMany(mappedBy = "mailbox", cascade = CascadeType.ALL, orphanRemoval = true)
    private List<DirectNumber> directNumbers = new ArrayList<>();

    @Version private long version;

    protected Mailbox() {}

    public Mailbox(Employee owner, MailboxNumber number, MailboxSettings settings) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.number = Objects.requireNonNull(number, "mailbox number");
        this.active = true;
        apply(settings);
    }

    /**
     * Brings the mailbox to the given settings and reactivates it; returns whether anything
     * changed. The PIN is not a setting: see {@link #setInitialPin(PinHash)}.
     */
    public boolean apply(MailboxSettings settings) {
        boolean changed =
                !active
                        || language != settings.language()
                        || !Objects.equals(timeZone, settings.timeZone())
                        || ringsBeforeVoicemail != settings.ringsBeforeVoicemail()
                        || attachments != settings.attachments()
                        || !directNumberSet().equals(settings.directNumbers());
        active = true;
        language = settings.language();
        timeZone = settings.timeZone();
        ringsBeforeVoicemail = settings.ringsBeforeVoicemail();
        attachments = settings.attachments();
        directNumbers.removeIf(d -> !settings.directNumbers().contains(d.number()));
        Set<PhoneNumber> kept = directNumberSet();
        settings.directNumbers().stream()
                .filter(n -> !kept.contains(n))
                .sorted((a, b) -> a.value().compareTo(b.value()))
                .forEach(n -> directNumbers.add(new DirectNumber(this, n)));
        return changed;
    }

    /**
     * Sets the PIN an administrator hands out, unless the mailbox already has one; returns whether
     * it did.
     */
    public boolean setInitialPin(PinHash initial) {
        if (pinHash != null || initial == null) {
            return false;
        }
        pinHash = initial;
        return true;
    }

    /** Wrong PINs in a row that lock the mailbox. */
    public static final int PIN_FAILURES_BEFORE_LOCKOUT = 5;

    /** The first lockout; each further one in a row lasts twice as long as the one before. */
    public static final Duration FIRST_LOCKOUT = Duration.ofMinutes(15);

    private static final Duration LONGEST_LOCKOUT = Duration.ofDays(1);

    /**
     * One attempt to open the mailbox with {@code typed}, on any channel. Wrong attempts count
     * across calls: {@value #PIN_FAILURES_BEFORE_LOCKOUT} in a row lock the mailbox for {@link
     * #FIRST_LOCKOUT}, doubling with each lockout in a row (up to a day). While locked, every PIN
     * is refused, the right one too, and the attempt does not count. The right PIN outside a
     * lockout clears the counts. The hash is always computed, so the answer takes the same time.
     */
    public PinVerdict tryPin(String typed, Instant now) {
        boolean right = pinHash != null && pinHash.matches(typed);
        if (pinLockedUntil != null && now.isBefore(pinLockedUntil)) {
            return PinVerdict.LOCKED;
        }
        if (right) {
            pinFailures = 0;
            pinLockouts = 0;
            pinLockedUntil = null;
            return PinVerdict.ACCEPTED;
        }
        pinFailures++;
        if (pinFailures < PIN_FAILURES_BEFORE_LOCKOUT) {
            return PinVerdict.WRONG;
        }
        Duration lockout = FIRST_LOCKOUT.multipliedBy(1L << Math.min(pinLockouts, 7));
        if (lockout.compareTo(LONGEST_LOCKOUT) > 0) {
            lockout = LONGEST_LOCKOUT;
        }
        pinFailures = 0;
        pinLockouts++;
        pinLockedUntil = now.plus(lockout);
        return PinVerdict.LOCKED_NOW;
    }

    /** Until when wrong PINs keep the mailbox locked, if they do. */
    public Optional<Instant> pinLockedUntil() {
        return Optional.ofNullable(pinLockedUntil);
    }

    /** Sets a PIN the owner chose (already checked against the policy). */
    public void changePin(PinHash pin) {
        pinHash = Objects.requireNonNull(pin, "PIN");
    }

    /** What {@link #tryPin} decided. */
    public enum PinVerdict {
        ACCEPTED,
        WRONG,
        /** This attempt was the last wrong one in a row: the mailbox is locked from now on. */
        LOCKED_NOW,
        /** The mailbox was locked: the PIN was not even considered. */
        LOCKED
    }

    /** Gives up the direct numbers not in {@code keep}; returns whether it gave up any. */
    public boolean keepOnlyDirectNumbers(Set<PhoneNumber> keep) {
        return directNumbers.removeIf(d -> !keep.contains(d.number()));
    }

    /** Hands the mailbox, with its messages, to another employee of the same tenant. */
    public void reassign(Employee newOwner) {
        if (newOwner != owner) { // one persistence context: one instance per row
            prefer(Preferences.NONE); // the previous owner's choices are not the new owner's
        }
        this.owner = Objects.requireNonNull(newOwner, "owner");
    }

    /**
     * The owner's own notification settings; each {@code null} follows the administrator's (or the
     * tenant's, or for the addresses the employee directory's).
     */
    public record Preferences(
            EmailAddresses emails,
            AttachmentPolicy attachments,
            Language language,
            ZoneId timeZone) {
        public static final Preferences NONE = new Preferences(null, null, null, null);

        /** At most this many addresses of the owner's own. */
        public static final int MAX_EMAILS = 5;

        public Preferences {
            if (emails != null && (emails.isEmpty() || emails.values().size() > MAX_EMAILS)) {
                throw new IllegalArgumentException(
                        "between 1 and "
                                + MAX_EMAILS
                                + " email addresses, got "
                                + emails.values().size());
            }
        }
    }

    public Preferences preferences() {
        return new Preferences(ownEmails, ownAttachments, ownLanguage, ownTimeZone);
    }

    /** Sets the owner's own settings; returns whether anything changed. */
    public boolean prefer(Preferences preferences) {
        boolean changed = !preferences.equals(preferences());
        ownEmails = preferences.emails();
        ownAttachments = preferences.attachments();
        ownLanguage = preferences.language();
        ownTimeZone = preferences.timeZone();
        return changed;
    }

    /** Where its new-message emails go: the owner's own addresses, else the directory's. */
    public EmailAddresses notificationAddresses() {
        return ownEmails != null ? ownEmails : owner.emails();
    }

    /**
     * Where a security notice about the mailbox (a PIN lockout) goes: everywhere the owner reads
     * mail, the directory's addresses and their own choice, each once, so that an address changed
     * by whoever holds the mailbox cannot hide it.
     */
    public java.util.Set<String> securityNoticeAddresses() {
        java.util.Set<String> addresses = new java.util.LinkedHashSet<>(owner.emails().values());
        addresses.addAll(notificationAddresses().values());
        return addresses;
    }

    /** What the owner would get without preferences of their own. */
    public Preferences defaults(Tenant tenant) {
        return new Preferences(
                owner.emails().isEmpty() ? null : owner.emails(),
                attachments != null ? attachments : tenant.attachments(),
                language != null ? language : tenant.language(),
                timeZone != null ? timeZone : tenant.timeZone());
    }

    /**
     * Takes the mailbox out of service: its messages stay, its direct numbers are free for others.
     */
    public boolean deactivate() {
        if (!active) {
            return false;
        }
        active = false;
        directNumbers.clear();
        return true;
    }

    public Language effectiveLanguage(Tenant tenant) {
        return ownLanguage != null ? ownLanguage : defaults(tenant).language();
    }

    public AttachmentPolicy effectiveAttachments(Tenant tenant) {
        return ownAttachments != null ? ownAttachments : defaults(tenant).attachments();
    }

    public Optional<AttachmentPolicy> attachments() {
        return Optional.ofNullable(attachments);
    }

    public ZoneId effectiveTimeZone(Tenant tenant) {
        return ownTimeZone != null ? ownTimeZone : defaults(tenant).timeZone();
    }

    public Long id() {
        return id;
    }

    public Employee owner() {
        return owner;
    }

    public MailboxNumber number() {
        return number;
    }

    public boolean hasPin() {
        return pinHash != null;
    }

    public Optional<Language> language() {
        return Optional.ofNullable(language);
    }

    public Optional<ZoneId> timeZone() {
        return Optional.ofNullable(timeZone);
    }

    public int ringsBeforeVoicemail() {
        return ringsBeforeVoicemail;
    }

    public boolean active() {
        return active;
    }

    public Set<PhoneNumber> directNumberSet() {
        return directNumbers.stream().map(DirectNumber::number).collect(Collectors.toSet());
    }

    public long version() {
        return version;
    }

    /**
     * The settings of a mailbox that an administrator chooses. Language and time zone are
     * overrides: {@code null} means the tenant's.
     */
    public record MailboxSettings(
            Language language,
            ZoneId timeZone,
            int ringsBeforeVoicemail,
            Set<PhoneNumber> directNumbers,
            AttachmentPolicy attachments) {

        public MailboxSettings(
                Language language,
                ZoneId timeZone,
                int ringsBeforeVoicemail,
                Set<PhoneNumber> directNumbers) {
            this(language, timeZone, ringsBeforeVoicemail, directNumbers, null);
        }

        public MailboxSettings {
            if (ringsBeforeVoicemail < 1 || ringsBeforeVoicemail > MAX_RINGS) {
                throw new IllegalArgumentException(
                        "rings before voicemail must be 1 to "
                                + MAX_RINGS
                                + ", got "
                                + ringsBeforeVoicemail);
            }
            directNumbers = Set.copyOf(directNumbers);
        }
    }
}
