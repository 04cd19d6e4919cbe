package it.segreteria.voicemail.web.v1;

import it.segreteria.voicemail.message.entity.VoiceMessage;
import it.segreteria.voicemail.notification.entity.Notification;
import java.util.List;

/**
 * A message as its owner sees it in {@code /api/v1}: who called, when, how long, where it is (NEW,
 * HEARD, SAVED, DELETED) and what became of its email. Caller names are the caller's own words:
 * clients show them as text, never as markup.
 */
public record MessageView(
        long id,
        String state,
        String callerName,
        String callerNumber,
        String receivedAt,
        long durationMillis,
        boolean cutShort,
        String mailbox,
        Email email) {

    /**
     * The email's delivery: {@code SENT} (accepted by the mail server), {@code PENDING} (being
     * retried), {@code FAILED}, or {@code NONE} (nobody to tell).
     */
    public record Email(String status, String sentAt, int recipients) {}

    static MessageView of(VoiceMessage m, List<Notification> emails) {
        return new MessageView(
                m.id(),
                m.state().name(),
                m.origin().callerName(),
                m.origin().callerNumber(),
                m.receivedAt().toString(),
                m.duration().toMillis(),
                m.cutShort(),
                m.mailbox().number().value(),
                email(emails));
    }

    private static Email email(List<Notification> emails) {
        if (emails.isEmpty()) {
            return new Email("NONE", null, 0);
        }
        String status = "SENT";
        String sentAt = null;
        for (Notification n : emails) {
            switch (n.status()) {
                case SENT -> sentAt = n.sentAt() == null ? sentAt : n.sentAt().toString();
                case FAILED -> status = "FAILED";
                default -> status = "FAILED".equals(status) ? status : "PENDING";
            }
        }
        return new Email(status, sentAt, emails.size());
    }
}
