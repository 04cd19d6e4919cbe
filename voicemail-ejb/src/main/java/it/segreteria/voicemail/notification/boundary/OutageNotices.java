package it.segreteria.voicemail.notification.boundary;

import it.segreteria.voicemail.continuity.entity.OutageChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Queues the emails to a tenant's administrators about an outage that started or ended, inside the
 * transaction that changed it (a synchronous observer); the sender's poll picks them up.
 */
@ApplicationScoped
public class OutageNotices {

    @Inject Notifications notifications;

    void queue(@Observes OutageChanged change) {
        notifications.queueOutage(change.tenant(), change);
    }
}
