package it.segreteria.voicemail.call.control;

import it.segreteria.voicemail.audio.Prompt;
import it.segreteria.voicemail.shared.Language;
import it.segreteria.voicemail.shared.TenantId;
import it.segreteria.voicemail.tenant.entity.MessageLimits;
import java.util.Optional;

/**
 * The mailbox a call was routed to, with what the call needs: the language of the system prompts,
 * the mailbox's own greeting if it has one, and the tenant's message limits.
 */
public record Destination(
        TenantId tenant,
        long mailboxId,
        String mailboxNumber,
        Language language,
        String calledNumber,
        Optional<Prompt> greeting,
        MessageLimits limits) {

    public Destination(
            TenantId tenant,
            long mailboxId,
            String mailboxNumber,
            Language language,
            String calledNumber) {
        this(
                tenant,
                mailboxId,
                mailboxNumber,
                language,
                calledNumber,
                Optional.empty(),
                MessageLimits.DEFAULTS);
    }
}
