package it.segreteria.voicemail.call.control;

import it.segreteria.voicemail.tenant.entity.Language;
import it.segreteria.voicemail.tenant.entity.TenantId;

/** The mailbox a call was routed to, with what the call needs to greet the caller. */
public record Destination(
        TenantId tenant,
        long mailboxId,
        String mailboxNumber,
        Language language,
        String calledNumber) {}
