package it.segreteria.voicemail.message.boundary;

import it.segreteria.voicemail.audit.boundary.AuditTrail;
import it.segreteria.voicemail.audit.entity.AuditAction;
import it.segreteria.voicemail.mailbox.boundary.Mailboxes;
import it.segreteria.voicemail.mailbox.entity.Mailbox;
import it.segreteria.voicemail.mailbox.entity.MailboxNumber;
import it.segreteria.voicemail.message.entity.MessageAudio;
import it.segreteria.voicemail.message.entity.MessageChange;
import it.segreteria.voicemail.message.entity.MessageStored;
import it.segreteria.voicemail.message.entity.VoiceMessage;
import it.segreteria.voicemail.shared.TenantId;
import it.segreteria.voicemail.tenant.control.TenantScoped;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An employee's own messages, as the portal and {@code /api/v1} open them: only those of the
 * mailboxes the employee owns, in the tenant the caller's token names (another tenant's or another
 * employee's message is simply not found). What the employee does is audited with channel {@code
 * portal} and the user as actor.
 */
@Stateless
@TenantScoped
public class EmployeeMessages {

    @PersistenceContext EntityManager em;

    @Inject AuditTrail audit;

    @Inject Event<MessageStored> stored;

    @Inject Mailboxes mailboxes;

    /** The employee's messages, newest first (deleted ones too: they can be restored). */
    public List<VoiceMessage> inbox(TenantId tenant, String employee) {
        return em.createQuery(
                        "select m from VoiceMessage m where m.mailbox.owner.key = :employee"
                                + " and m.mailbox.active = true order by m.receivedAt desc, m.id"
                                + " desc",
                        VoiceMessage.class)
                .setParameter("employee", employee)
                .setMaxResults(1_000)
                .getResultList();
    }

    /** One of the employee's messages; empty when it is not theirs (or not there). */
    public Optional<VoiceMessage> message(TenantId tenant, String employee, long id) {
        VoiceMessage message = em.find(VoiceMessage.class, id);
        return message != null
                        && message.mailbox().active()
                        && message.mailbox().owner().key().equals(employee)
                ? Optional.of(message)
                : Optional.empty();
    }

    /** The employee key of the owner of a message's mailbox. */
    public Optional<String> owner(TenantId tenant, long id) {
        return Optional.ofNullable(em.find(VoiceMessage.class, id))
                .map(m -> m.mailbox().owner().key());
    }

    /** The WAV of one of the employee's messages. */
    public Optional<byte[]> wav(TenantId tenant, String employee, long id) {
        return message(tenant, employee, id)
                .map(m -> em.find(MessageAudio.class, m.id()))
                .map(MessageAudio::wav);
    }

    /**
     * The WAV of one of the employee's messages as a file taken away (unlike listening), audited
     * {@code MESSAGE_DOWNLOADED}.
     */
    public Optional<byte[]> download(TenantId tenant, String employee, long id, String actor) {
        Optional<byte[]> wav = wav(tenant, employee, id);
        wav.ifPresent(
                w ->
                        audit.record(
                                tenant,
                                actor,
                                AuditAction.MESSAGE_DOWNLOADED,
                                "message:" + id,
                                "portal"));
        return wav;
    }

    /**
     * Changes one of the employee's messages; the message as it is now, or empty when it is not
     * theirs.
     */
    public Optional<VoiceMessage> change(
            TenantId tenant, String employee, long id, MessageChange change, String actor) {
        Optional<VoiceMessage> found = message(tenant, employee, id);
        found.filter(change::applyTo)
                .ifPresent(
                        m ->
                                audit.record(
                                        tenant, actor, audited(change), "message:" + id, "portal"));
        return found;
    }

    /** Where a forward went, or why not. */
    public record Forwarded(Outcome outcome, Long copy) {
        public enum Outcome {
            FORWARDED,
            NO_SUCH_MESSAGE,
            NO_SUCH_MAILBOX,
            OWN_MAILBOX
        }
    }

    /**
     * Forwards one of the employee's messages to a colleague's mailbox of the same company (by its
     * number): a copy with the same caller, time and audio, new for the colleague, who is emailed
     * as for any message (the stored event); audited {@code MESSAGE_FORWARDED} on the original.
     */
    public Forwarded forward(
            TenantId tenant, String employee, long id, String mailboxNumber, String actor) {
        Optional<VoiceMessage> found = message(tenant, employee, id);
        if (found.isEmpty()) {
            return new Forwarded(Forwarded.Outcome.NO_SUCH_MESSAGE, null);
        }
        VoiceMessage original = found.get();
        MailboxNumber number;
        try {
            number = MailboxNumber.of(mailboxNumber);
        } catch (IllegalArgumentException | NullPointerException notANumber) {
            return new Forwarded(Forwarded.Outcome.NO_SUCH_MAILBOX, null);
        }
        Optional<Mailbox> target = mailboxes.byNumber(tenant, number).filter(Mailbox::active);
        if (target.isEmpty()) {
            return new Forwarded(Forwarded.Outcome.NO_SUCH_MAILBOX, null);
        }
        if (target.get().id().equals(original.mailbox().id())) {
            return new Forwarded(Forwarded.Outcome.OWN_MAILBOX, null);
        }
        VoiceMessage.Origin from = original.origin();
        VoiceMessage copy =
                new VoiceMessage(
                        target.get(),
                        new VoiceMessage.Origin(
                                from.callerNumber(),
                                from.callerName(),
                                from.calledNumber(),
                                from.originalCalledNumber(),
                                // one message per Call-ID: the copy has an id of its own
                                "forwarded-" + UUID.randomUUID()),
                        original.receivedAt(),
                        original.duration(),
                        original.cutShort());
        em.persist(copy);
        em.flush();
        em.persist(new MessageAudio(copy, em.find(MessageAudio.class, original.id()).wav()));
        stored.fire(new MessageStored(tenant, copy.id()));
        audit.record(
                tenant,
                actor,
                AuditAction.MESSAGE_FORWARDED,
                "message:" + id,
                "portal: to mailbox " + number + " as message:" + copy.id());
        return new Forwarded(Forwarded.Outcome.FORWARDED, copy.id());
    }

    /** The audit action of a change, by phone or in the portal. */
    static AuditAction audited(MessageChange change) {
        return switch (change) {
            case HEARD -> AuditAction.MESSAGE_HEARD;
            case UNHEARD -> AuditAction.MESSAGE_MARKED_UNHEARD;
            case SAVED -> AuditAction.MESSAGE_SAVED;
            case DELETED -> AuditAction.MESSAGE_DELETED;
            case RESTORED -> AuditAction.MESSAGE_UNDELETED;
        };
    }
}
