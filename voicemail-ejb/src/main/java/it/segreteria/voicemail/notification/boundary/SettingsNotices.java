package it.segreteria.voicemail.notification.boundary;

import it.segreteria.voicemail.mailbox.entity.NotificationAddressesChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Queues the notices of changed notification addresses inside the transaction that changed them (a
 * synchronous observer): to every old and new address.
 */
@ApplicationScoped
public class SettingsNotices {

    @Inject Notifications notifications;

    void queue(@Observes NotificationAddressesChanged change) {
        notifications.queueAddressesChanged(change.tenant(), change);
    }
}
