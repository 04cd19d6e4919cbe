package it.segreteria.voicemail.notification.entity;

import it.segreteria.voicemail.tenant.entity.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;

/**
 * One email to send to one address — about a new message, or about a mailbox locked by wrong PINs
 * ({@link NotificationKind}) — the outbox row and the delivery's status.
 *
 * <p>Life cycle: created PENDING in the transaction that stores the message (or locks the mailbox);
 * each attempt either marks it SENT, or records the error and schedules the next attempt with
 * exponential back-off, or — for a permanent refusal, or when retrying has lasted too long — marks
 * it FAILED. Nothing is ever dropped silently.
 */
@Entity
@Table(name = "notification")
public class Notification extends TenantOwned {

    /**
     * Back-off: the first retry waits {@code voicemail.notification.first-retry-seconds} (30 s),
     * each next one twice as long, at most 5 minutes, so a recovered server gets the backlog soon;
     * given up after 48 hours.
     */
    static final Duration LONGEST_WAIT = Duration.ofMinutes(5);

    static final Duration GIVE_UP_AFTER = Duration.ofHours(48);

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "notification_ids")
    @SequenceGenerator(
            name = "notification_ids",
            sequenceName = "notification_seq",
            allocationSize = 50)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, updatable = false)
    private NotificationKind kind;

    @Column(name = "message_id", updatable = false)
    private Long messageId;

    @Column(name = "mailbox_id", updatable = false)
    private Long mailboxId;

    @Column(name = "locked_until", updatable = false)
    private Instant lockedUntil;

    @Column(name = "caller_number", updatable = false)
    private String callerNumber;

    @Column(name = "notice_subject", updatable = false)
    private String noticeSubject;

    @Column(name = "notice_body", updatable = false)
    private String noticeBody;

    @Column(name = "recipient", nullable = false, updatable = false)
    private String recipient;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private NotificationStatus status;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version private long version;

    protected Notification() {}

    /** An email about a new message. */
    public Notification(long messageId, String recipient, Instant now) {
        this(NotificationKind.MESSAGE, recipient, now);
        this.messageId = messageId;
    }

    /**
     * An email telling the owner that wrong PINs locked their mailbox until {@code until}, the last
     * one from {@code callerNumber} (null when withheld).
     */
    public static Notification lockout(
            long mailboxId, Instant until, String callerNumber, String recipient, Instant now) {
        Notification notification = new Notification(NotificationKind.PIN_LOCKOUT, recipient, now);
        notification.mailboxId = mailboxId;
        notification.lockedUntil = until;
        notification.callerNumber =
                callerNumber == null || callerNumber.length() <= 64
                        ? callerNumber
                        : callerNumber.substring(0, 64);
        return notification;
    }

    /** A notice about a mailbox written whole now (its addresses changed), sent as it is. */
    public static Notification mailboxNotice(
            NotificationKind kind,
            long mailboxId,
            String subject,
            String body,
            String recipient,
            Instant now) {
        Notification notification = notice(kind, subject, body, recipient, now);
        notification.mailboxId = mailboxId;
        return notification;
    }

    /** An email written whole now (an outage notice), sent as it is. */
    public static Notification notice(
            NotificationKind kind, String subject, String body, String recipient, Instant now) {
        Notification notification = new Notification(kind, recipient, now);
        notification.noticeSubject = subject.length() <= 300 ? subject : subject.substring(0, 300);
        notification.noticeBody = body.length() <= 4000 ? body : body.substring(0, 4000);
        return notification;
    }

    private Notification(NotificationKind kind, String recipient, Instant now) {
        this.kind = kind;
        this.recipient = recipient;
        this.status = NotificationStatus.PENDING;
        this.createdAt = now;
        this.nextAttemptAt = now;
    }

    public void sent(Instant now) {
        attempts++;
        status = NotificationStatus.SENT;
        sentAt = now;
        lastError = null;
    }

    /**
     * A failure that may pass (server down, 4xx): try again later, unless it has lasted too long.
     */
    public void failedTemporarily(String error, Instant now, Duration firstRetry) {
        attempts++;
        lastError = shorten(error);
        if (Duration.between(createdAt, now).compareTo(GIVE_UP_AFTER) >= 0) {
            status = NotificationStatus.FAILED;
            return;
        }
        long factor = 1L << Math.min(attempts - 1, 16);
        Duration wait = firstRetry.multipliedBy(factor);
        nextAttemptAt = now.plus(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
    }

    /** A refusal that will not pass (5xx, bad address): stop. */
    public void failedPermanently(String error) {
        attempts++;
        lastError = shorten(error);
        status = NotificationStatus.FAILED;
    }

    private static String shorten(String error) {
        String text = error == null ? "unknown error" : error.replaceAll("[\\r\\n]+", " ").strip();
        return text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    public Long id() {
        return id;
    }

    public NotificationKind kind() {
        return kind;
    }

    /** The message it is about (a {@link NotificationKind#MESSAGE}), else null. */
    public Long messageId() {
        return messageId;
    }

    /** The mailbox locked (a {@link NotificationKind#PIN_LOCKOUT}), else null. */
    public Long mailboxId() {
        return mailboxId;
    }

    public Instant lockedUntil() {
        return lockedUntil;
    }

    public String callerNumber() {
        return callerNumber;
    }

    public String noticeSubject() {
        return noticeSubject;
    }

    public String noticeBody() {
        return noticeBody;
    }

    public String recipient() {
        return recipient;
    }

    public NotificationStatus status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public String lastError() {
        return lastError;
    }

    public Instant sentAt() {
        return sentAt;
    }
}
