package it.segreteria.voicemail.notification.boundary;

import it.segreteria.voicemail.mailbox.entity.PinLockedOut;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Queues the owner's email about a mailbox locked by wrong PINs inside the lockout's own
 * transaction (a synchronous observer): the outbox rows commit with the lockout, or neither does;
 * the sender's poll picks them up.
 */
@ApplicationScoped
public class LockoutNotices {

    @Inject Notifications notifications;

    void queue(@Observes PinLockedOut locked) {
        notifications.queueLockout(
                locked.tenant(), locked.mailboxId(), locked.until(), locked.callerNumber());
    }
}
