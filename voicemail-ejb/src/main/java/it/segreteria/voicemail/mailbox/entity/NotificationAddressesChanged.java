package it.segreteria.voicemail.mailbox.entity;

import it.segreteria.voicemail.shared.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * The addresses that receive a mailbox's voicemail emails changed, by its owner: fired inside the
 * change's transaction, so the notices to the old and the new addresses commit with it.
 */
public record NotificationAddressesChanged(
        TenantId tenant,
        long mailboxId,
        List<String> before,
        List<String> after,
        String actor,
        Instant at) {

    public NotificationAddressesChanged {
        before = List.copyOf(before);
        after = List.copyOf(after);
    }
}
