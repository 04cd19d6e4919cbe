package it.segreteria.voicemail.call.control;

import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/** The limits of a message, from {@code voicemail.deposit.*}. */
public record DepositSettings(Duration maxLength, Duration minLength, Duration silenceLimit) {

    public static final String MAX = "voicemail.deposit.max-seconds";
    public static final String MIN = "voicemail.deposit.min-seconds";
    public static final String SILENCE = "voicemail.deposit.silence-seconds";
    public static final DepositSettings DEFAULT =
            new DepositSettings(
                    Duration.ofSeconds(180), Duration.ofSeconds(2), Duration.ofSeconds(10));

    public DepositSettings {
        if (maxLength.isNegative() || maxLength.isZero() || maxLength.toHours() >= 1) {
            throw new IllegalArgumentException(
                    MAX + " must be 1 to 3599 seconds, got " + maxLength.toSeconds());
        }
        if (minLength.isNegative() || minLength.compareTo(maxLength) >= 0) {
            throw new IllegalArgumentException(MIN + " must be 0 or more and less than " + MAX);
        }
        if (silenceLimit.isNegative() || silenceLimit.isZero()) {
            throw new IllegalArgumentException(SILENCE + " must be at least 1 second");
        }
    }

    /** These settings with a tenant's own limits where it has them. */
    public DepositSettings forTenant(it.segreteria.voicemail.tenant.entity.MessageLimits limits) {
        return new DepositSettings(
                limits.maxLength().orElse(maxLength),
                limits.minLength().orElse(minLength),
                limits.silenceLimit().orElse(silenceLimit));
    }

    public static DepositSettings from(Config config) {
        return new DepositSettings(
                seconds(config, MAX, DEFAULT.maxLength()),
                seconds(config, MIN, DEFAULT.minLength()),
                seconds(config, SILENCE, DEFAULT.silenceLimit()));
    }

    private static Duration seconds(Config config, String key, Duration fallback) {
        return config.getOptionalValue(key, Double.class)
                .map(s -> Duration.ofMillis(Math.round(s * 1000)))
                .orElse(fallback);
    }
}
