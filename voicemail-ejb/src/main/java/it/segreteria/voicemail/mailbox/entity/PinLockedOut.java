package it.segreteria.voicemail.mailbox.entity;

import it.segreteria.voicemail.shared.TenantId;
import java.time.Instant;

/**
 * A CDI event, fired in the transaction that locked the mailbox: wrong PINs in a row locked it
 * until {@code until}; the last one came from {@code callerNumber} (null when withheld) over {@code
 * channel} ("phone").
 */
public record PinLockedOut(
        TenantId tenant, long mailboxId, Instant until, String channel, String callerNumber) {}
