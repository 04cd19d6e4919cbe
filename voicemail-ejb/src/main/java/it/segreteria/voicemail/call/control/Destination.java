package it.segreteria.voicemail.call.control;

import it.segreteria.voicemail.audio.Prompt;
import it.segreteria.voicemail.shared.Language;
import it.segreteria.voicemail.shared.TenantId;
import it.segreteria.voicemail.tenant.entity.MessageLimits;
import java.util.List;
import java.util.Optional;

/**
 * Where a call was routed: the mailbox a caller leaves a message in, with what the call needs (the
 * language of the system prompts, the mailbox's own greeting if it has one, and the tenant's
 * message limits); or, for a call to a tenant's access number ({@link #access}), the tenant whose
 * employees log in to hear their messages (no mailbox yet: {@code mailboxId} 0, the tenant's
 * language); or ({@link #attendant}, an access point too) a call to a tenant's own number that
 * names no mailbox: the caller is asked for the extension. {@link #identifyCaller}: the tenant lets
 * an employee calling from one of their own phones skip the mailbox question. {@link #outage}: the
 * tenant is in an outage (docs/continuity.md), the caller hears so before the greeting.
 */
public record Destination(
        TenantId tenant,
        long mailboxId,
        String mailboxNumber,
        Language language,
        String calledNumber,
        Optional<Prompt> greeting,
        MessageLimits limits,
        boolean access,
        boolean attendant,
        boolean identifyCaller,
        boolean outage,
        Optional<Forwarding> forwarding,
        Optional<Prompt> outageNotice) {

    /**
     * During an outage, the phones to ring before the mailbox: through the tenant's outbound {@code
     * trunk}, these {@code numbers} in turn (or all {@code together}), each for {@code rings}
     * rings; the first to answer and press 1 gets the call.
     */
    public record Forwarding(String trunk, List<String> numbers, boolean together, int rings) {
        public Forwarding {
            numbers = List.copyOf(numbers);
        }
    }

    public Destination(
            TenantId tenant,
            long mailboxId,
            String mailboxNumber,
            Language language,
            String calledNumber,
            Optional<Prompt> greeting,
            MessageLimits limits) {
        this(
                tenant,
                mailboxId,
                mailboxNumber,
                language,
                calledNumber,
                greeting,
                limits,
                false,
                false,
                false,
                false,
                Optional.empty(),
                Optional.empty());
    }

    /** A call to a tenant's access number: the caller logs in to a mailbox of that tenant. */
    public static Destination accessPoint(
            TenantId tenant, Language language, String calledNumber, MessageLimits limits) {
        return accessPoint(tenant, language, calledNumber, limits, false);
    }

    /**
     * A call to a tenant's access number; with {@code identifyCaller}, a caller whose number is one
     * of an employee's own phones is asked only for the PIN of that employee's mailbox.
     */
    public static Destination accessPoint(
            TenantId tenant,
            Language language,
            String calledNumber,
            MessageLimits limits,
            boolean identifyCaller) {
        return new Destination(
                tenant,
                0,
                "",
                language,
                calledNumber,
                Optional.empty(),
                limits,
                true,
                false,
                identifyCaller,
                false,
                Optional.empty(),
                Optional.empty());
    }

    /**
     * A call to a tenant's own number that names no mailbox: the caller keys the extension to leave
     * a message for (or logs in with {@code *}).
     */
    public static Destination attendantOf(
            TenantId tenant, Language language, String calledNumber, MessageLimits limits) {
        return new Destination(
                tenant,
                0,
                "",
                language,
                calledNumber,
                Optional.empty(),
                limits,
                true,
                true,
                false,
                false,
                Optional.empty(),
                Optional.empty());
    }

    /** A mailbox's destination while its tenant is in an outage (or not). */
    public Destination inOutage(boolean inOutage) {
        return copy(
                inOutage,
                inOutage ? forwarding : Optional.empty(),
                inOutage ? outageNotice : Optional.empty());
    }

    /** The destination of an outage call that rings phones before this mailbox. */
    public Destination forwardedFirst(Forwarding plan) {
        return copy(outage, Optional.of(plan), outageNotice);
    }

    /**
     * The destination with the tenant's own outage greeting, played first while the outage lasts
     * (empty: the system's).
     */
    public Destination withOutageNotice(Optional<Prompt> notice) {
        return copy(outage, forwarding, outage ? notice : Optional.empty());
    }

    private Destination copy(
            boolean outage, Optional<Forwarding> forwarding, Optional<Prompt> outageNotice) {
        return new Destination(
                tenant,
                mailboxId,
                mailboxNumber,
                language,
                calledNumber,
                greeting,
                limits,
                access,
                attendant,
                identifyCaller,
                outage,
                forwarding,
                outageNotice);
    }

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
