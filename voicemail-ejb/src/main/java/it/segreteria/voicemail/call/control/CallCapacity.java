package it.segreteria.voicemail.call.control;

import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * How many connected calls the service takes now, derived each second from what it measures of
 * itself (with {@code voicemail.calls.adaptive-limit} on, the default; off, the limit is the
 * maximum and only measured): while the media clock and the calls' events run on time, up to the
 * configured maximum ({@code voicemail.calls.max}); when they run late (the machine has no CPU left
 * for more calls), the limit falls below the calls connected, so new callers get 503 with
 * Retry-After (an edge proxy tries another node) instead of every caller getting choppy prompts and
 * cut recordings. Additive increase, multiplicative decrease, as TCP does with its window.
 *
 * <p>Connected calls are those whose answer the caller acknowledged: the calls with media, what
 * costs the clock and the pool. Answered calls that never acknowledge (a flood of INVITEs, at most
 * a source's limit of them) are not counted, nor is the limit cut below {@link
 * Settings#minLimit()}: otherwise a flood that saturates the CPU would make the limit turn away the
 * legitimate callers that the per-source limits protect.
 */
public final class CallCapacity {

    /** A tenth of the calls connected less per overloaded second. */
    private static final double DECREASE = 0.9;

    /**
     * The share of a second's samples that must be late: a lone pause (a garbage collection, a
     * burst of calls) delays a few ticks and events, an overloaded machine most of them.
     */
    private static final double QUANTILE = 0.5;

    /**
     * Lateness is counted in buckets (1, 2, 5, 10, 20, 40, 80, 160 … 1 280 ms): a threshold between
     * two bounds acts as the lower one.
     *
     * @param adaptive whether the limit follows the measurements (else it is the maximum)
     * @param clockLateMillis the media clock is late when half of a second's ticks ran later than
     *     this
     * @param eventWaitMillis calls' events are late when half of a second's waited longer than this
     *     for a thread
     * @param minLimit the limit never falls below this many calls (nor above the maximum): a
     *     service late with fewer calls than that is late for another reason (a flood of requests,
     *     a pause, a noisy neighbour), which turning callers away would not cure
     */
    public record Settings(
            boolean adaptive, long clockLateMillis, long eventWaitMillis, int minLimit) {

        public static final String ADAPTIVE = "voicemail.calls.adaptive-limit";
        public static final String CLOCK_LATE = "voicemail.calls.overload.clock-late-ms";
        public static final String EVENT_WAIT = "voicemail.calls.overload.event-wait-ms";
        public static final String MIN_LIMIT = "voicemail.calls.overload.min-limit";

        public static final Settings DEFAULT = new Settings(true, 80, 80, 100);

        public Settings {
            if (clockLateMillis < 1 || eventWaitMillis < 1 || minLimit < 1) {
                throw new IllegalArgumentException(
                        CLOCK_LATE + ", " + EVENT_WAIT + " and " + MIN_LIMIT + " must be positive");
            }
        }

        public static Settings from(Config config) {
            return new Settings(
                    config.getOptionalValue(ADAPTIVE, Boolean.class).orElse(DEFAULT.adaptive()),
                    config.getOptionalValue(CLOCK_LATE, Long.class)
                            .orElse(DEFAULT.clockLateMillis()),
                    config.getOptionalValue(EVENT_WAIT, Long.class)
                            .orElse(DEFAULT.eventWaitMillis()),
                    config.getOptionalValue(MIN_LIMIT, Integer.class).orElse(DEFAULT.minLimit()));
        }
    }

    private final int ceiling;
    private final int floor;
    private final int step;
    private final Settings settings;
    private volatile int limit;
    private volatile long clockLate;
    private volatile long eventWait;
    private boolean overloaded;

    /**
     * @param ceiling the most calls at once ever ({@code voicemail.calls.max})
     */
    public CallCapacity(int ceiling, Settings settings) {
        this.ceiling = ceiling;
        this.settings = settings;
        this.floor = Math.min(ceiling, settings.minLimit());
        this.step = Math.max(1, ceiling / 50);
        this.limit = ceiling;
    }

    /** Calls the service takes at once now. */
    public int limit() {
        return limit;
    }

    /**
     * The median lateness of the media clock's ticks in the last second, in milliseconds, as the
     * upper bound of its bucket (1, 2, 5, 10, 20, 40, 80 … 1 280, then {@link Lateness#BEYOND}).
     */
    public long clockLate() {
        return clockLate;
    }

    /** The median wait of the calls' events for a thread in the last second, the same way. */
    public long eventWait() {
        return eventWait;
    }

    /**
     * One second's measurements. While late, and with no more calls connected than the limit, the
     * limit falls to nine tenths of them (never below {@link Settings#minLimit()}); while on time
     * it rises by a fiftieth of the maximum a second, up to it.
     *
     * @param active calls connected (answered, and the answer acknowledged): the calls with media
     * @param clock how late the media clock's ticks ran
     * @param events how long calls' events waited for a thread
     * @return a line for the log when the service became overloaded or recovered
     */
    public synchronized Optional<String> adjust(
            int active, Lateness.Window clock, Lateness.Window events) {
        long clockLate = clock.atMost(QUANTILE);
        long eventWait = events.atMost(QUANTILE);
        this.clockLate = clockLate;
        this.eventWait = eventWait;
        if (!settings.adaptive()) {
            return Optional.empty();
        }
        boolean late =
                clockLate > settings.clockLateMillis() || eventWait > settings.eventWaitMillis();
        String measured =
                "the media clock's median tick up to "
                        + clockLate
                        + " ms late, the call events' median wait up to "
                        + eventWait
                        + " ms";
        boolean wasOverloaded = overloaded;
        overloaded = late;
        if (late) {
            if (active <= limit) {
                // late with no more calls than the limit: the limit is too high. Above it, the
                // calls connected before are still ending: wait for them before cutting again
                limit = Math.max(floor, (int) (active * DECREASE));
            }
            return wasOverloaded
                    ? Optional.empty()
                    : Optional.of(
                            "overloaded ("
                                    + measured
                                    + "): taking at most "
                                    + limit
                                    + " connected calls at once, "
                                    + active
                                    + " connected; new ones get 503");
        }
        int before = limit;
        limit = Math.min(ceiling, limit + step);
        return wasOverloaded
                ? Optional.of(
                        "on time again ("
                                + measured
                                + "): the limit of calls rises from "
                                + before
                                + " towards "
                                + ceiling)
                : Optional.empty();
    }
}
