package it.segreteria.voicemail.continuity.entity;

import it.segreteria.voicemail.shared.TenantId;
import java.time.Duration;
import java.time.Instant;

/**
 * A CDI event, fired in the transaction that changed it: a tenant's outage started ({@code ended}
 * null) or ended, why it started, and for an end how long it lasted and how many calls this
 * instance took over meanwhile.
 */
public record OutageChanged(
        TenantId tenant, Instant since, Instant ended, String reason, String actor, long calls) {

    public boolean started() {
        return ended == null;
    }

    public Duration duration() {
        return ended == null ? Duration.ZERO : Duration.between(since, ended);
    }
}
