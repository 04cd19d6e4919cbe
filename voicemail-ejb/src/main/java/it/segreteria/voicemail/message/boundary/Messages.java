package it.segreteria.voicemail.message.boundary;

import it.segreteria.voicemail.audit.boundary.AuditTrail;
import it.segreteria.voicemail.audit.entity.AuditAction;
import it.segreteria.voicemail.mailbox.entity.Mailbox;
import it.segreteria.voicemail.message.entity.MessageAudio;
import it.segreteria.voicemail.message.entity.MessageStored;
import it.segreteria.voicemail.message.entity.VoiceMessage;
import it.segreteria.voicemail.message.entity.VoiceMessage.Origin;
import it.segreteria.voicemail.shared.TenantId;
import it.segreteria.voicemail.tenant.control.TenantScoped;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's voice messages: stored when a caller finishes, read by the API and the portals. A
 * message and its audio are written in one transaction with the audit event, exactly once per SIP
 * Call-ID.
 */
@Stateless
@TenantScoped
public class Messages {

    @PersistenceContext EntityManager em;

    @Inject AuditTrail audit;

    @Inject Event<MessageStored> stored;

    /**
     * Stores a message with its audio; a second store of the same call returns the first message's
     * id and writes nothing.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long deposit(
            TenantId tenant,
            long mailboxId,
            Origin origin,
            Instant receivedAt,
            Duration duration,
            boolean cutShort,
            byte[] wav) {
        Optional<VoiceMessage> earlier = byCallId(origin.sipCallId());
        if (earlier.isPresent()) {
            return earlier.get().id();
        }
        Mailbox mailbox = em.find(Mailbox.class, mailboxId);
        if (mailbox == null) {
            throw new IllegalArgumentException("no mailbox " + mailboxId + " in tenant " + tenant);
        }
        VoiceMessage message = new VoiceMessage(mailbox, origin, receivedAt, duration, cutShort);
        em.persist(message);
        em.flush(); // the id, for the audio row
        em.persist(new MessageAudio(message, wav));
        // observers queue the notification in this transaction (the outbox row commits with the
        // message, or neither does) and wake the sender after the commit
        stored.fire(new MessageStored(tenant, message.id()));
        audit.record(
                tenant,
                actor(origin),
                AuditAction.MESSAGE_LEFT,
                "message:" + message.id(),
                "mailbox "
                        + mailbox.number()
                        + ", "
                        + duration.toMillis()
                        + " ms"
                        + (cutShort ? " (cut short: recovered after a service failure)" : "")
                        + ", call "
                        + origin.sipCallId());
        return message.id();
    }

    /** Audits a call to a mailbox that left no message. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void noMessage(TenantId tenant, long mailboxId, Origin origin, String reason) {
        Mailbox mailbox = em.find(Mailbox.class, mailboxId);
        audit.record(
                tenant,
                actor(origin),
                AuditAction.CALL_ENDED_WITHOUT_MESSAGE,
                "mailbox:" + (mailbox == null ? mailboxId : mailbox.number()),
                reason + ", call " + origin.sipCallId());
    }

    /** Audits, as one row, calls from one source that left no message within a minute. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void noMessagesCounted(
            TenantId tenant, String source, int calls, Instant from, Instant to) {
        audit.record(
                tenant,
                "sip:" + source,
                AuditAction.CALLS_WITHOUT_MESSAGE_COUNTED,
                "source:" + source,
                calls
                        + " more calls ended without a message from "
                        + from
                        + " to "
                        + to
                        + " (beyond the "
                        + "first calls of the minute, audited one by one)");
    }

    public List<VoiceMessage> ofMailbox(TenantId tenant, long mailboxId) {
        return em.createQuery(
                        "select m from VoiceMessage m where m.mailbox.id = :mailbox order by m.receivedAt desc",
                        VoiceMessage.class)
                .setParameter("mailbox", mailboxId)
                .getResultList();
    }

    public Optional<VoiceMessage> byId(TenantId tenant, long id) {
        return Optional.ofNullable(em.find(VoiceMessage.class, id));
    }

    public Optional<MessageAudio> audio(TenantId tenant, long messageId) {
        return Optional.ofNullable(em.find(MessageAudio.class, messageId));
    }

    /** Who did it, for the audit trail: the caller, by number as the network gave it. */
    private static String actor(Origin origin) {
        return "caller:" + (origin.callerNumber() == null ? "unknown" : origin.callerNumber());
    }

    private Optional<VoiceMessage> byCallId(String sipCallId) {
        if (sipCallId == null) {
            return Optional.empty();
        }
        return em.createQuery(
                        "select m from VoiceMessage m where m.sipCallId = :id", VoiceMessage.class)
                .setParameter("id", sipCallId)
                .getResultStream()
                .findFirst();
    }
}
