package it.segreteria.voicemail.message.control;

import it.segreteria.voicemail.audit.boundary.AuditTrail;
import it.segreteria.voicemail.audit.entity.AuditAction;
import it.segreteria.voicemail.mailbox.entity.Mailbox;
import it.segreteria.voicemail.mailbox.entity.Mailbox.PinVerdict;
import it.segreteria.voicemail.mailbox.entity.PinLockedOut;
import it.segreteria.voicemail.shared.TenantId;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * A PIN typed for a mailbox, by phone or in the portal: checked against the one count of wrong PINs
 * and the one lockout every channel shares ({@link Mailbox#tryPin}), audited with its channel, and
 * a new lockout announced (the owner is emailed). The caller holds the mailbox locked for update.
 */
@Dependent
public class PinAttempts {

    @Inject AuditTrail audit;

    @Inject Event<PinLockedOut> lockedOut;

    /**
     * @param channel {@code phone} or {@code portal}, in the audit's details
     * @param from the calling number (phone) or null, for the lockout email
     */
    public PinVerdict attempt(
            TenantId tenant,
            Mailbox mailbox,
            String pin,
            String actor,
            String channel,
            String from) {
        PinVerdict verdict = mailbox.tryPin(pin, Instant.now());
        String subject = "mailbox:" + mailbox.number();
        switch (verdict) {
            case ACCEPTED ->
                    audit.record(tenant, actor, AuditAction.LOGIN_SUCCEEDED, subject, channel);
            case WRONG ->
                    audit.record(
                            tenant,
                            actor,
                            AuditAction.LOGIN_FAILED,
                            subject,
                            channel + ": wrong PIN");
            case LOCKED_NOW -> {
                audit.record(
                        tenant, actor, AuditAction.LOGIN_FAILED, subject, channel + ": wrong PIN");
                audit.record(
                        tenant,
                        actor,
                        AuditAction.PIN_LOCKED_OUT,
                        subject,
                        channel
                                + ": "
                                + Mailbox.PIN_FAILURES_BEFORE_LOCKOUT
                                + " wrong PINs in a row, locked until "
                                + mailbox.pinLockedUntil().orElseThrow());
                lockedOut.fire(
                        new PinLockedOut(
                                tenant,
                                mailbox.id(),
                                mailbox.pinLockedUntil().orElseThrow(),
                                channel,
                                from));
            }
            case LOCKED ->
                    audit.record(
                            tenant,
                            actor,
                            AuditAction.LOGIN_FAILED,
                            subject,
                            channel
                                    + ": mailbox locked until "
                                    + mailbox.pinLockedUntil().orElseThrow());
        }
        return verdict;
    }
}
