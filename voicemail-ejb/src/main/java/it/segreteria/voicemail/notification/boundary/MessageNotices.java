package it.segreteria.voicemail.notification.boundary;

import it.segreteria.voicemail.message.entity.MessageStored;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Queues the owner's notification emails of a new message inside the message's own transaction (a
 * synchronous observer): the outbox rows commit with the message, or neither does. The sender is
 * woken after the commit by {@link NotificationSender#onMessageStored}.
 */
@ApplicationScoped
public class MessageNotices {

    @Inject Notifications notifications;

    void queue(@Observes MessageStored stored) {
        notifications.queue(stored.tenant(), stored.messageId());
    }
}
