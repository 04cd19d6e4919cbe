package it.segreteria.voicemail.call.control;

import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * How long and how many calls last, from {@code voicemail.calls.*}: every call ends, whatever the
 * caller's phone does.
 *
 * @param maxCalls calls at once; beyond, 503 with Retry-After
 * @param rtpTimeout no packet from the caller for this long (outside hold) ends the call
 * @param maxCallTime no call lasts longer than this
 * @param sessionExpires the session interval (RFC 4028) offered to callers that support timers
 * @param checkpointInterval how often a recording's audio is made durable
 * @param digitTimeout how long the phone menu waits for a key after its question
 */
public record CallSettings(
        int maxCalls,
        Duration rtpTimeout,
        Duration maxCallTime,
        Duration sessionExpires,
        Duration checkpointInterval,
        Duration digitTimeout) {

    public static final String MAX_CALLS = "voicemail.calls.max";
    public static final String RTP_TIMEOUT = "voicemail.calls.rtp-timeout-seconds";
    public static final String MAX_CALL_TIME = "voicemail.calls.max-call-seconds";
    public static final String SESSION_EXPIRES = "voicemail.calls.session-expires-seconds";
    public static final String CHECKPOINT = "voicemail.calls.checkpoint-seconds";
    public static final String DIGIT_TIMEOUT = "voicemail.phone.digit-timeout-seconds";
    private static final Duration DEFAULT_DIGIT_TIMEOUT = Duration.ofSeconds(5);

    /** RFC 4028's lowest session interval (Min-SE). */
    public static final Duration MIN_SESSION_EXPIRES = Duration.ofSeconds(90);

    public static final CallSettings DEFAULT =
            new CallSettings(
                    1000,
                    Duration.ofSeconds(30),
                    Duration.ofMinutes(10),
                    Duration.ofMinutes(30),
                    Duration.ofSeconds(5),
                    DEFAULT_DIGIT_TIMEOUT);

    public CallSettings(
            int maxCalls,
            Duration rtpTimeout,
            Duration maxCallTime,
            Duration sessionExpires,
            Duration checkpointInterval) {
        this(
                maxCalls,
                rtpTimeout,
                maxCallTime,
                sessionExpires,
                checkpointInterval,
                DEFAULT_DIGIT_TIMEOUT);
    }

    public CallSettings {
        if (maxCalls < 1) {
            throw new IllegalArgumentException(MAX_CALLS + " must be at least 1");
        }
        if (rtpTimeout.toSeconds() < 5) {
            throw new IllegalArgumentException(RTP_TIMEOUT + " must be at least 5 seconds");
        }
        if (sessionExpires.compareTo(MIN_SESSION_EXPIRES) < 0) {
            throw new IllegalArgumentException(SESSION_EXPIRES + " must be at least 90 seconds");
        }
        if (checkpointInterval.toSeconds() < 1) {
            throw new IllegalArgumentException(CHECKPOINT + " must be at least 1 second");
        }
        if (digitTimeout.toSeconds() < 1 || digitTimeout.toSeconds() > 60) {
            throw new IllegalArgumentException(DIGIT_TIMEOUT + " must be 1 to 60 seconds");
        }
    }

    public static CallSettings from(Config config) {
        return new CallSettings(
                config.getOptionalValue(MAX_CALLS, Integer.class).orElse(DEFAULT.maxCalls()),
                seconds(config, RTP_TIMEOUT, DEFAULT.rtpTimeout()),
                seconds(config, MAX_CALL_TIME, DEFAULT.maxCallTime()),
                seconds(config, SESSION_EXPIRES, DEFAULT.sessionExpires()),
                seconds(config, CHECKPOINT, DEFAULT.checkpointInterval()),
                seconds(config, DIGIT_TIMEOUT, DEFAULT.digitTimeout()));
    }

    private static Duration seconds(Config config, String key, Duration fallback) {
        return config.getOptionalValue(key, Long.class).map(Duration::ofSeconds).orElse(fallback);
    }
}
