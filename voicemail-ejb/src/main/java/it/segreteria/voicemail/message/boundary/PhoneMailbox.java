package it.segreteria.voicemail.message.boundary;

import it.segreteria.voicemail.audio.Wav;
import it.segreteria.voicemail.audit.boundary.AuditTrail;
import it.segreteria.voicemail.audit.entity.AuditAction;
import it.segreteria.voicemail.call.control.PhoneAccess;
import it.segreteria.voicemail.call.entity.CallAction.MessageMark;
import it.segreteria.voicemail.call.entity.CallEvent.PinChange;
import it.segreteria.voicemail.call.entity.MessageSummary;
import it.segreteria.voicemail.mailbox.boundary.Mailboxes;
import it.segreteria.voicemail.mailbox.entity.Employee;
import it.segreteria.voicemail.mailbox.entity.GreetingKind;
import it.segreteria.voicemail.mailbox.entity.InvalidGreetingException;
import it.segreteria.voicemail.mailbox.entity.Mailbox;
import it.segreteria.voicemail.mailbox.entity.Mailbox.PinVerdict;
import it.segreteria.voicemail.mailbox.entity.MailboxNumber;
import it.segreteria.voicemail.mailbox.entity.Pin;
import it.segreteria.voicemail.mailbox.entity.PinHash;
import it.segreteria.voicemail.mailbox.entity.PinPolicy;
import it.segreteria.voicemail.message.control.PinAttempts;
import it.segreteria.voicemail.message.entity.MessageAudio;
import it.segreteria.voicemail.message.entity.MessageChange;
import it.segreteria.voicemail.message.entity.MessageState;
import it.segreteria.voicemail.message.entity.VoiceMessage;
import it.segreteria.voicemail.shared.TenantId;
import it.segreteria.voicemail.tenant.control.TenantScoped;
import it.segreteria.voicemail.tenant.entity.Tenant;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's mailboxes as the phone menu opens them: the PIN check with its lockout across calls,
 * the messages, and what the owner does to them, each audited with channel "phone" and the caller's
 * number.
 */
@Stateless
@TenantScoped
public class PhoneMailbox {

    /**
     * Checked when the mailbox keyed in does not exist (or has no PIN), so that an unknown mailbox
     * costs the same time as a wrong PIN.
     */
    private static final PinHash NOBODY = PinHash.of(new Pin("80604216"));

    @PersistenceContext EntityManager em;

    @Inject AuditTrail audit;

    @Inject Mailboxes mailboxes;

    @Inject PinAttempts pins;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<PhoneAccess.Session> logIn(
            TenantId tenant, String mailboxNumber, String pin, String callerNumber) {
        String actor = actor(callerNumber);
        Optional<Mailbox> found = mailbox(mailboxNumber);
        if (found.isEmpty()) {
            NOBODY.matches(pin); // the same work as a wrong PIN
            audit.record(
                    tenant,
                    actor,
                    AuditAction.LOGIN_FAILED,
                    "mailbox:" + mailboxNumber,
                    "phone: no such mailbox");
            return Optional.empty();
        }
        Mailbox mailbox = found.get();
        if (!mailbox.hasPin()) {
            NOBODY.matches(pin);
        }
        PinVerdict verdict = pins.attempt(tenant, mailbox, pin, actor, "phone", callerNumber);
        if (verdict != PinVerdict.ACCEPTED) {
            return Optional.empty();
        }
        Tenant owner = em.find(Tenant.class, tenant.value());
        return Optional.of(
                new PhoneAccess.Session(
                        tenant,
                        mailbox.id(),
                        mailbox.number().value(),
                        mailbox.effectiveLanguage(owner),
                        mailbox.effectiveTimeZone(owner),
                        callerNumber,
                        messages(mailbox.id()),
                        mailboxes.hasTemporaryGreeting(tenant, mailbox.id())));
    }

    /**
     * The number of the active mailbox owned by the one employee whose own phone {@code
     * callerNumber} is (see {@link Employee#owns}); empty when nobody's or ambiguous.
     */
    public Optional<String> ownMailbox(TenantId tenant, String callerNumber) {
        Optional<String> tail = Employee.tail(callerNumber);
        if (tail.isEmpty()) {
            return Optional.empty();
        }
        List<Mailbox> owned =
                em.createQuery(
                                "select m from Mailbox m where m.active = true"
                                        + " and m.owner.phones like :tail",
                                Mailbox.class)
                        .setParameter("tail", "%" + tail.get() + ",%")
                        .getResultStream()
                        .filter(m -> m.owner().owns(callerNumber))
                        .limit(2)
                        .toList();
        return owned.size() == 1 ? Optional.of(owned.get(0).number().value()) : Optional.empty();
    }

    /** New messages first, then the heard and saved ones, each oldest first. */
    private List<MessageSummary> messages(long mailboxId) {
        return em.createQuery(
                        "select m from VoiceMessage m where m.mailbox.id = :mailbox"
                                + " and m.state <> :deleted",
                        VoiceMessage.class)
                .setParameter("mailbox", mailboxId)
                .setParameter("deleted", MessageState.DELETED)
                .getResultStream()
                .sorted(
                        Comparator.comparing((VoiceMessage m) -> m.state() != MessageState.NEW)
                                .thenComparing(VoiceMessage::receivedAt)
                                .thenComparing(VoiceMessage::id))
                .map(
                        m ->
                                new MessageSummary(
                                        m.id(),
                                        m.state() == MessageState.NEW,
                                        m.state() == MessageState.SAVED,
                                        m.receivedAt(),
                                        m.origin().callerNumber()))
                .toList();
    }

    /** The audio of a message of this mailbox, 16-bit PCM at 8 kHz. */
    public Optional<short[]> audio(TenantId tenant, long mailboxId, long messageId) {
        VoiceMessage message = em.find(VoiceMessage.class, messageId);
        if (message == null || message.mailbox().id() != mailboxId) {
            return Optional.empty();
        }
        MessageAudio audio = em.find(MessageAudio.class, messageId);
        if (audio == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Wav.read(new ByteArrayInputStream(audio.wav())));
        } catch (IOException e) {
            throw new UncheckedIOException("message " + messageId + ": unreadable audio", e);
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void mark(
            TenantId tenant,
            long mailboxId,
            long messageId,
            MessageMark mark,
            String callerNumber) {
        VoiceMessage message = em.find(VoiceMessage.class, messageId);
        if (message == null || message.mailbox().id() != mailboxId) {
            return;
        }
        MessageChange change =
                switch (mark) {
                    case HEARD -> MessageChange.HEARD;
                    case SAVED -> MessageChange.SAVED;
                    case DELETED -> MessageChange.DELETED;
                    case UNDELETED -> MessageChange.RESTORED;
                };
        boolean changed = change.applyTo(message);
        AuditAction action = EmployeeMessages.audited(change);
        if (changed) {
            audit.record(tenant, actor(callerNumber), action, "message:" + messageId, "phone");
        }
    }

    /** Keeps a greeting recorded by phone; false when the audio is not a greeting. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean saveGreeting(
            TenantId tenant, long mailboxId, boolean temporary, byte[] wav, String callerNumber) {
        try {
            mailboxes.setGreeting(
                    tenant,
                    mailboxId,
                    temporary ? GreetingKind.TEMPORARY : GreetingKind.UNAVAILABLE,
                    wav,
                    actor(callerNumber));
            return true;
        } catch (InvalidGreetingException e) {
            return false;
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean clearTemporaryGreeting(TenantId tenant, long mailboxId, String callerNumber) {
        mailboxes.removeGreeting(tenant, mailboxId, GreetingKind.TEMPORARY, actor(callerNumber));
        return true; // none left either way
    }

    /**
     * Sets the PIN the owner keyed in twice, if {@link PinPolicy#DEFAULT} accepts it for this
     * mailbox; audited either way (the PIN itself never).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public PinChange changePin(TenantId tenant, long mailboxId, String pin, String callerNumber) {
        Mailbox mailbox = em.find(Mailbox.class, mailboxId);
        if (mailbox == null) {
            return PinChange.FAILED;
        }
        String subject = "mailbox:" + mailbox.number();
        List<String> problems;
        try {
            problems = PinPolicy.DEFAULT.violations(new Pin(pin), mailbox.number());
        } catch (IllegalArgumentException notDigits) {
            problems = List.of(notDigits.getMessage());
        }
        if (!problems.isEmpty()) {
            audit.record(
                    tenant,
                    actor(callerNumber),
                    AuditAction.PIN_CHANGED,
                    subject,
                    "phone: refused, " + String.join("; ", problems));
            return PinChange.REFUSED;
        }
        mailbox.changePin(PinHash.of(new Pin(pin)));
        audit.record(tenant, actor(callerNumber), AuditAction.PIN_CHANGED, subject, "phone");
        return PinChange.CHANGED;
    }

    private Optional<Mailbox> mailbox(String number) {
        MailboxNumber parsed;
        try {
            parsed = MailboxNumber.of(number);
        } catch (IllegalArgumentException notANumber) {
            return Optional.empty();
        }
        return em.createQuery(
                        "select m from Mailbox m where m.number = :number and m.active = true",
                        Mailbox.class)
                .setParameter("number", parsed)
                // one read, for update and past the cache: attempts on other calls wait their
                // turn, and every attempt counts from the stored count
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("eclipselink.refresh", "true")
                .getResultStream()
                .findFirst();
    }

    private static String actor(String callerNumber) {
        return "phone:"
                + (callerNumber == null || callerNumber.isBlank() ? "unknown" : callerNumber);
    }
}
