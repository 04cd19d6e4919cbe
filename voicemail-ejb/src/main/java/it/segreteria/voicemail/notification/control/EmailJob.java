package it.segreteria.voicemail.notification.control;

import it.segreteria.voicemail.shared.AttachmentPolicy;
import it.segreteria.voicemail.shared.Language;
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
        byte[] wav) {}
