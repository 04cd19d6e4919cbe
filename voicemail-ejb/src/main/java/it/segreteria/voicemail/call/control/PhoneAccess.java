package it.segreteria.voicemail.call.control;

import it.segreteria.voicemail.call.entity.CallAction.MessageMark;
import it.segreteria.voicemail.call.entity.CallEvent.PinChange;
import it.segreteria.voicemail.call.entity.MessageSummary;
import it.segreteria.voicemail.shared.Language;
import it.segreteria.voicemail.shared.TenantId;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the phone menu needs of the mailboxes and their messages (implemented by the message store).
 * Every method returns at once: the work runs on threads of the store, never on the call's, and the
 * answer comes back through the callback, which must only queue it.
 */
public interface PhoneAccess {

    /**
     * Checks a mailbox number and PIN keyed in on a call to the tenant's access number, with the
     * PIN lockout across calls, and audits the attempt with the caller's number. Unknown mailboxes,
     * wrong PINs and locked mailboxes give the same empty answer after the same work. When the
     * check cannot be made (the database is down, the store's workers are all busy) {@code
     * unavailable} runs instead: that is not a refusal, and the caller must not be told so.
     */
    void logIn(
            TenantId tenant,
            String mailboxNumber,
            String pin,
            String callerNumber,
            Consumer<Optional<Session>> answer,
            Runnable unavailable);

    /**
     * The number of the active mailbox of the one employee of the tenant whose own phone {@code
     * callerNumber} is; empty when it is nobody's, or several employees'.
     */
    void ownMailbox(TenantId tenant, String callerNumber, Consumer<Optional<String>> answer);

    /** The audio of a message of the logged-in mailbox, as 16-bit PCM at 8 kHz; empty if gone. */
    void audio(Session session, long messageId, Consumer<Optional<short[]>> answer);

    /** Marks a message (heard, saved, deleted, undeleted), audited with the caller's number. */
    void mark(Session session, long messageId, MessageMark mark);

    /**
     * Keeps a greeting recorded by phone (8 kHz mono WAV) as the mailbox's temporary greeting or
     * its greeting for when the owner does not answer, audited; whether it was stored.
     */
    void saveGreeting(Session session, boolean temporary, byte[] wav, Consumer<Boolean> done);

    /** Removes the mailbox's temporary greeting, audited; whether that was done. */
    void clearTemporaryGreeting(Session session, Consumer<Boolean> done);

    /**
     * Sets a new PIN keyed in by the owner, if the PIN policy accepts it for this mailbox; audited.
     */
    void changePin(Session session, String pin, Consumer<PinChange> answer);

    /** A mailbox opened by phone. */
    record Session(
            TenantId tenant,
            long mailboxId,
            String mailboxNumber,
            Language language,
            ZoneId timeZone,
            String callerNumber,
            List<MessageSummary> messages,
            boolean temporaryGreeting) {
        public Session(
                TenantId tenant,
                long mailboxId,
                String mailboxNumber,
                Language language,
                ZoneId timeZone,
                String callerNumber,
                List<MessageSummary> messages) {
            this(
                    tenant,
                    mailboxId,
                    mailboxNumber,
                    language,
                    timeZone,
                    callerNumber,
                    messages,
                    false);
        }

        public Session {
            messages = List.copyOf(messages);
        }
    }
}
