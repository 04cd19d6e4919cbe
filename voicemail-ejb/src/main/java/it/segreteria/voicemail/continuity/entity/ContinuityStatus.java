package it.segreteria.voicemail.continuity.entity;

import java.time.Instant;

/**
 * What a tenant's continuity is now, as the API and the portals show it: the mode, whether the
 * service takes over its calls (and since when and why), the PBX it watches and whether that PBX
 * was found down (and since when).
 */
public record ContinuityStatus(
        ContinuityMode mode,
        boolean outage,
        Instant outageSince,
        String reason,
        String pbx,
        boolean pbxDown,
        Instant pbxDownSince) {

    public static ContinuityStatus of(Continuity continuity, String pbx) {
        return new ContinuityStatus(
                continuity.mode(),
                continuity.outage(),
                continuity.outageSince().orElse(null),
                continuity.reason().orElse(null),
                pbx,
                continuity.pbxDown(),
                continuity.pbxDownSince().orElse(null));
    }
}
