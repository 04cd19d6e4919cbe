package it.segreteria.voicemail.notification.control;

import it.segreteria.voicemail.shared.AttachmentPolicy;
import it.segreteria.voicemail.shared.Language;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Everything one notification email says, read in the tenant's transaction and sent after it.
 * Caller name and number come from the network: untrusted text.
 */
public record EmailJob(
        String tenant,
        long notificationId,
        long messageId,
        String recipient,
        String ownerName,
        String mailboxNumber,
        Language language,
        ZoneId timeZone,
        Instant receivedAt,
        Duration duration,
        String callerNumber,
        String callerName,
        String calledNumber,
        AttachmentPolicy attachments,
        byte[] wav)
        implements OutgoingEmail {

    @Override
    public MimeMessage build(Session session, MailSettings settings) throws MessagingException {
        return VoicemailEmail.build(session, settings, this);
    }
}
