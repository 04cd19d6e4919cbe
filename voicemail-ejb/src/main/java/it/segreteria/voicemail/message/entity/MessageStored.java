package it.segreteria.voicemail.message.entity;

import it.segreteria.voicemail.shared.TenantId;

/**
 * A CDI event: a message was stored (observers that want the commit use {@code
 * TransactionPhase.AFTER_SUCCESS}).
 */
public record MessageStored(TenantId tenant, long messageId) {}
