package it.segreteria.voicemail.continuity.entity;

import java.time.Instant;
import java.util.List;

/**
 * What a failover drill showed, read from the tenant's audit trail: each test call, where it was
 * routed, how it ended, and for a message when it was stored and when its email was accepted.
 */
public record DrillReport(
        List<String> callers,
        String startedBy,
        Instant startedAt,
        Instant endsAt,
        Instant endedAt,
        boolean running,
        List<DrillCall> calls) {

    public DrillReport {
        callers = List.copyOf(callers);
        calls = List.copyOf(calls);
    }

    /**
     * One test call.
     *
     * @param routedTo where the drill routed it (mailbox, phones of the outage plan)
     * @param outcome how it ended (the message left, or why none was), null while unknown
     * @param storedToEmailMillis from the message stored to its email accepted by the SMTP server
     */
    public record DrillCall(
            String callId,
            String caller,
            Instant arrivedAt,
            String routedTo,
            String outcome,
            Instant messageStoredAt,
            Instant emailedAt,
            Long storedToEmailMillis) {}
}
