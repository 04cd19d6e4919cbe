package it.segreteria.voicemail.web.api;

import it.segreteria.voicemail.notification.entity.Notification;

/** A notification email's delivery status as the API shows it. */
public record NotificationView(
        long id,
        String recipient,
        String status,
        int attempts,
        String nextAttemptAt,
        String lastError,
        String sentAt) {

    static NotificationView of(Notification n) {
        return new NotificationView(
                n.id(),
                n.recipient(),
                n.status().name(),
                n.attempts(),
                n.nextAttemptAt().toString(),
                n.lastError(),
                n.sentAt() == null ? null : n.sentAt().toString());
    }
}
