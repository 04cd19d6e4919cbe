package it.segreteria.voicemail.call.control;

import it.segreteria.voicemail.call.entity.CallAction.MessageMark;
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
     * wrong PINs and locked mailboxes give the same empty answer after the same work.
     */
    void logIn(
            TenantId tenant,
            String mailboxNumber,
            String pin,
            String callerNumber,
            Consumer<Optional<Session>> answer);

    /** The audio of a message of the logged-in mailbox, as 16-bit PCM at 8 kHz; empty if gone. */
    void audio(Session session, long messageId, Consumer<Optional<short[]>> answer);

    /** Marks a message (heard, saved, deleted, undeleted), audited with the caller's number. */
    void mark(Session session, long messageId, MessageMark mark);

    /** A mailbox opened by phone. */
    record Session(
            TenantId tenant,
            long mailboxId,
            String mailboxNumber,
            Language language,
            ZoneId timeZone,
            String callerNumber,
            List<MessageSummary> messages) {
        public Session {
            messages = List.copyOf(messages);
        }
    }
}
