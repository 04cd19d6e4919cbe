package it.segreteria.voicemail.call.control;

import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * Limits that keep one source or one tenant from starving the others.
 *
 * @param requestsPerSecond new calls and probes (INVITE, OPTIONS) one address may send a second, on
 *     average
 * @param burst how many of them it may send at once after a quiet spell
 * @param callsPerSource calls one address may have in progress at once (answered or not)
 * @param callsPerTenant calls one tenant may have in progress at once
 * @param trusted addresses exempt from the per-source limits (edge proxies, carriers' gateways)
 */
public record AdmissionSettings(
        double requestsPerSecond,
        int burst,
        int callsPerSource,
        int callsPerTenant,
        List<AddressRange> trusted) {

    public static final String RATE = "voicemail.sip.source.requests-per-second";
    public static final String BURST = "voicemail.sip.source.burst";
    public static final String CALLS_PER_SOURCE = "voicemail.sip.source.max-calls";
    public static final String CALLS_PER_TENANT = "voicemail.calls.max-per-tenant";
    public static final String TRUSTED = "voicemail.sip.trusted-sources";

    public static final AdmissionSettings UNLIMITED =
            new AdmissionSettings(
                    Double.MAX_VALUE,
                    Integer.MAX_VALUE,
                    Integer.MAX_VALUE,
                    Integer.MAX_VALUE,
                    List.of());

    public AdmissionSettings {
        if (!(requestsPerSecond > 0) || burst < 1 || callsPerSource < 1 || callsPerTenant < 1) {
            throw new IllegalArgumentException(
                    RATE
                            + ", "
                            + BURST
                            + ", "
                            + CALLS_PER_SOURCE
                            + " and "
                            + CALLS_PER_TENANT
                            + " must be positive");
        }
        trusted = List.copyOf(trusted);
    }

    public static AdmissionSettings from(Config config, int maxCalls) {
        return new AdmissionSettings(
                config.getOptionalValue(RATE, Double.class).orElse(20.0),
                config.getOptionalValue(BURST, Integer.class).orElse(40),
                config.getOptionalValue(CALLS_PER_SOURCE, Integer.class)
                        .orElse(Math.max(1, maxCalls / 10)),
                config.getOptionalValue(CALLS_PER_TENANT, Integer.class)
                        .orElse(Math.max(1, maxCalls / 2)),
                config.getOptionalValues(TRUSTED, String.class).orElse(List.of()).stream()
                        .map(AddressRange::parse)
                        .toList());
    }
}
