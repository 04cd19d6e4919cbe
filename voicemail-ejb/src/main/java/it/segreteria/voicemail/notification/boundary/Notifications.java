package it.segreteria.voicemail.notification.boundary;

import it.segreteria.voicemail.audit.boundary.AuditTrail;
import it.segreteria.voicemail.audit.entity.AuditAction;
import it.segreteria.voicemail.continuity.entity.OutageChanged;
import it.segreteria.voicemail.mailbox.entity.Mailbox;
import it.segreteria.voicemail.message.entity.VoiceMessage;
import it.segreteria.voicemail.notification.control.AddressesChangedEmail;
import it.segreteria.voicemail.notification.control.EmailJob;
import it.segreteria.voicemail.notification.control.LockoutEmail;
import it.segreteria.voicemail.notification.control.NoticeEmail;
import it.segreteria.voicemail.notification.control.OutageEmail;
import it.segreteria.voicemail.notification.control.OutgoingEmail;
import it.segreteria.voicemail.notification.entity.Notification;
import it.segreteria.voicemail.notification.entity.NotificationKind;
import it.segreteria.voicemail.notification.entity.NotificationStatus;
import it.segreteria.voicemail.shared.AttachmentPolicy;
import it.segreteria.voicemail.shared.Language;
import it.segreteria.voicemail.shared.TenantId;
import it.segreteria.voicemail.tenant.control.TenantScoped;
import it.segreteria.voicemail.tenant.entity.Tenant;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's notification emails: queued with the message, prepared for sending, and the outcome of
 * every attempt recorded (and audited) in the notification's own row.
 */
@Stateless
@TenantScoped
public class Notifications {

    @PersistenceContext EntityManager em;

    @Inject AuditTrail audit;

    /**
     * Queues one email per address of the mailbox's owner, in the caller's (the message's)
     * transaction.
     */
    public int queue(TenantId tenant, long messageId) {
        VoiceMessage message = em.find(VoiceMessage.class, messageId);
        List<String> addresses = message.mailbox().notificationAddresses().values();
        Instant now = Instant.now();
        for (String address : addresses) {
            em.persist(new Notification(message.id(), address, now));
        }
        if (addresses.isEmpty()) {
            audit.record(
                    tenant,
                    "system",
                    AuditAction.NOTIFICATION_FAILED,
                    "message:" + message.id(),
                    "the mailbox owner has no email address");
        }
        return addresses.size();
    }

    /**
     * Queues one email per address of the mailbox's owner and of the tenant's administrators
     * telling them that wrong PINs locked it, in the caller's (the lockout's) transaction; audited
     * when nobody has an address.
     */
    public int queueLockout(TenantId tenant, long mailboxId, Instant until, String callerNumber) {
        Mailbox mailbox = em.find(Mailbox.class, mailboxId);
        if (mailbox == null) {
            return 0;
        }
        java.util.Set<String> addresses = mailbox.securityNoticeAddresses();
        Tenant owner = em.find(Tenant.class, tenant.value());
        if (owner != null) {
            addresses.addAll(owner.adminEmails());
        }
        Instant now = Instant.now();
        for (String address : addresses) {
            em.persist(Notification.lockout(mailboxId, until, callerNumber, address, now));
        }
        if (addresses.isEmpty()) {
            audit.record(
                    tenant,
                    "system",
                    AuditAction.NOTIFICATION_FAILED,
                    "mailbox:" + mailbox.number(),
                    "PIN lockout: neither the mailbox owner nor an administrator has an address");
        }
        return addresses.size();
    }

    /**
     * Queues one email per administrator address of the tenant about an outage that started or
     * ended, in the caller's (the change's) transaction; audited when the tenant has none.
     */
    public int queueOutage(TenantId tenant, OutageChanged change) {
        Tenant owner = em.find(Tenant.class, tenant.value());
        if (owner == null) {
            return 0;
        }
        OutageEmail email =
                OutageEmail.of(change, owner.name(), owner.language(), owner.timeZone());
        Instant now = Instant.now();
        for (String address : owner.adminEmails()) {
            em.persist(
                    Notification.notice(
                            NotificationKind.OUTAGE, email.subject(), email.body(), address, now));
        }
        if (owner.adminEmails().isEmpty()) {
            audit.record(
                    tenant,
                    "system",
                    AuditAction.NOTIFICATION_FAILED,
                    "continuity",
                    "outage "
                            + (change.started() ? "start" : "end")
                            + ": no tenant administrator address");
        }
        return owner.adminEmails().size();
    }

    /**
     * Queues the notice of changed notification addresses to every old and new address, in the
     * caller's (the change's) transaction.
     */
    public int queueAddressesChanged(
            TenantId tenant,
            it.segreteria.voicemail.mailbox.entity.NotificationAddressesChanged change) {
        Mailbox mailbox = em.find(Mailbox.class, change.mailboxId());
        Tenant owner = em.find(Tenant.class, tenant.value());
        if (mailbox == null || owner == null) {
            return 0;
        }
        AddressesChangedEmail email =
                AddressesChangedEmail.of(
                        mailbox.number().value(),
                        change.before(),
                        change.after(),
                        change.actor(),
                        change.at(),
                        mailbox.effectiveLanguage(owner),
                        mailbox.effectiveTimeZone(owner));
        java.util.Set<String> addresses = new java.util.LinkedHashSet<>(change.before());
        addresses.addAll(change.after());
        Instant now = Instant.now();
        for (String address : addresses) {
            em.persist(
                    Notification.mailboxNotice(
                            NotificationKind.SETTINGS,
                            mailbox.id(),
                            email.subject(),
                            email.body(),
                            address,
                            now));
        }
        return addresses.size();
    }

    /** A due notification's email, ready to send. */
    public record Prepared(long notificationId, OutgoingEmail email) {}

    /**
     * What to send for some due notifications of one tenant, in one transaction; those no longer
     * pending are left out.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Prepared> prepare(TenantId tenant, List<Long> notificationIds) {
        List<Prepared> prepared = new java.util.ArrayList<>(notificationIds.size());
        for (long id : notificationIds) {
            prepare(tenant, id).ifPresent(email -> prepared.add(new Prepared(id, email)));
        }
        return prepared;
    }

    /** What to send for a due notification; empty when it is no longer pending. */
    private Optional<OutgoingEmail> prepare(TenantId tenant, long notificationId) {
        Notification notification = em.find(Notification.class, notificationId);
        if (notification == null || notification.status() != NotificationStatus.PENDING) {
            return Optional.empty();
        }
        if (notification.kind() == NotificationKind.PIN_LOCKOUT) {
            return lockoutEmail(tenant, notification);
        }
        if (notification.kind() == NotificationKind.SETTINGS
                || notification.kind() == NotificationKind.OUTAGE) {
            Tenant owner = em.find(Tenant.class, tenant.value());
            Language language =
                    notification.kind() == NotificationKind.OUTAGE
                            ? owner.language() // to the tenant's administrators
                            : em.find(Mailbox.class, notification.mailboxId())
                                    .effectiveLanguage(owner);
            return Optional.of(
                    new NoticeEmail(
                            notification.recipient(),
                            notification.noticeSubject(),
                            notification.noticeBody(),
                            language,
                            notification.kind().name().toLowerCase(java.util.Locale.ROOT)));
        }
        // one query for the message, its mailbox and the mailbox's owner, one for the audio (when
        // attached): every email pays for its reads, and at 100 emails a second the finds one by
        // one (message, mailbox, owner, audio row, then its lazy bytes) were most of the sender's
        // CPU
        VoiceMessage message =
                em.createQuery(
                                "select m from VoiceMessage m join fetch m.mailbox b"
                                        + " join fetch b.owner where m.id = :id",
                                VoiceMessage.class)
                        .setParameter("id", notification.messageId())
                        .getResultStream()
                        .findFirst()
                        .orElse(null);
        if (message == null) { // purged before its email went out: nothing left to tell
            notification.failedPermanently("the message no longer exists");
            audited(tenant, notification, Instant.now());
            return Optional.empty();
        }
        Mailbox mailbox = message.mailbox();
        Tenant owner = em.find(Tenant.class, tenant.value());
        AttachmentPolicy policy = mailbox.effectiveAttachments(owner);
        byte[] wav = null;
        if (policy == AttachmentPolicy.ATTACH) {
            wav =
                    em.createQuery(
                                    "select a.wav from MessageAudio a where a.messageId = :id",
                                    byte[].class)
                            .setParameter("id", message.id())
                            .getResultStream()
                            .findFirst()
                            .orElse(null);
        }
        VoiceMessage.Origin origin = message.origin();
        return Optional.of(
                new EmailJob(
                        tenant.value(),
                        notification.id(),
                        message.id(),
                        notification.recipient(),
                        mailbox.owner().displayName(),
                        mailbox.number().value(),
                        mailbox.effectiveLanguage(owner),
                        mailbox.effectiveTimeZone(owner),
                        message.receivedAt(),
                        message.duration(),
                        origin.callerNumber(),
                        origin.callerName(),
                        origin.calledNumber(),
                        policy,
                        wav));
    }

    private Optional<OutgoingEmail> lockoutEmail(TenantId tenant, Notification notification) {
        Mailbox mailbox = em.find(Mailbox.class, notification.mailboxId());
        Tenant owner = em.find(Tenant.class, tenant.value());
        return Optional.of(
                new LockoutEmail(
                        tenant.value(),
                        notification.id(),
                        notification.recipient(),
                        mailbox.securityNoticeAddresses().contains(notification.recipient()),
                        owner.name(),
                        mailbox.owner().displayName(),
                        mailbox.number().value(),
                        mailbox.effectiveLanguage(owner),
                        mailbox.effectiveTimeZone(owner),
                        Mailbox.PIN_FAILURES_BEFORE_LOCKOUT,
                        notification.lockedUntil(),
                        notification.callerNumber()));
    }

    /** One attempt to send a notification's email: how it went, and when the server answered. */
    public record Attempt(long notificationId, Outcome outcome, String error, Instant at) {}

    /** The outcome of one attempt, recorded and audited as of the server's answer. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordOutcome(TenantId tenant, Attempt attempt, java.time.Duration firstRetry) {
        Notification notification = em.find(Notification.class, attempt.notificationId());
        if (notification == null) {
            return;
        }
        Instant now = attempt.at();
        String error = attempt.error();
        switch (attempt.outcome()) {
            case SENT -> notification.sent(now);
            case TEMPORARY_FAILURE -> notification.failedTemporarily(error, now, firstRetry);
            case PERMANENT_FAILURE -> notification.failedPermanently(error);
        }
        audited(tenant, notification, now);
    }

    /** The audit row of a notification's latest attempt: sent, or failed and what comes next. */
    private void audited(TenantId tenant, Notification notification, Instant at) {
        String subject =
                switch (notification.kind()) {
                    case PIN_LOCKOUT, SETTINGS ->
                            // the number only: a mailbox row that cannot be read (the reason an
                            // email failed) must not keep its failure from being recorded
                            em.createQuery(
                                            "select b.number from Mailbox b where b.id = :id",
                                            it.segreteria.voicemail.mailbox.entity.MailboxNumber
                                                    .class)
                                    .setParameter("id", notification.mailboxId())
                                    .getResultStream()
                                    .findFirst()
                                    .map(n -> "mailbox:" + n)
                                    .orElse("mailbox id " + notification.mailboxId());
                    case OUTAGE -> "continuity";
                    case MESSAGE -> "message:" + notification.messageId();
                };
        AuditAction sent =
                switch (notification.kind()) {
                    case PIN_LOCKOUT -> AuditAction.PIN_LOCKOUT_NOTIFIED;
                    case OUTAGE -> AuditAction.OUTAGE_NOTIFIED;
                    case MESSAGE -> AuditAction.MESSAGE_NOTIFIED;
                    case SETTINGS -> AuditAction.SETTINGS_NOTIFIED;
                };
        if (notification.status() == NotificationStatus.SENT) {
            audit.record(
                    tenant,
                    at,
                    "system",
                    sent,
                    subject,
                    "email to "
                            + notification.recipient()
                            + ", attempt "
                            + notification.attempts());
        } else {
            audit.record(
                    tenant,
                    at,
                    "system",
                    AuditAction.NOTIFICATION_FAILED,
                    subject,
                    "email to "
                            + notification.recipient()
                            + ", attempt "
                            + notification.attempts()
                            + (notification.status() == NotificationStatus.FAILED
                                    ? ", given up: "
                                    : ", will retry: ")
                            + notification.lastError());
        }
    }

    /** The emails of several messages at once (an inbox's page), by message id. */
    public java.util.Map<Long, List<Notification>> ofMessages(
            TenantId tenant, java.util.Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return java.util.Map.of();
        }
        return em
                .createQuery(
                        "select n from Notification n where n.messageId in :ids order by n.id",
                        Notification.class)
                .setParameter("ids", messageIds)
                .getResultList()
                .stream()
                .collect(java.util.stream.Collectors.groupingBy(Notification::messageId));
    }

    public List<Notification> ofMessage(TenantId tenant, long messageId) {
        return em.createQuery(
                        "select n from Notification n where n.messageId = :id order by n.id",
                        Notification.class)
                .setParameter("id", messageId)
                .getResultList();
    }

    /** How an attempt went. */
    public enum Outcome {
        SENT,
        TEMPORARY_FAILURE,
        PERMANENT_FAILURE
    }
}
