package it.segreteria.voicemail.web.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins counted per source address and minute, so that the audit gets one row per source
 * and minute however many passwords are tried. Pure logic with the clock passed in. Bounded: beyond
 * {@code maxSources} addresses in one minute, the others are counted together under {@link
 * #OTHERS}.
 */
final class FailedLoginCounts {

    static final String OTHERS = "(other addresses)";
    private static final Duration MINUTE = Duration.ofMinutes(1);

    /** The failures of one source in one minute. */
    record Summary(String source, int failures, Instant from, Instant to) {}

    private record Window(Instant from, Instant last, int failures) {}

    private final int maxSources;
    private final Duration window;
    private final Map<String, Window> bySource = new ConcurrentHashMap<>();

    FailedLoginCounts(int maxSources) {
        this(maxSources, MINUTE);
    }

    /** Counts per {@code window} (a minute in production) instead of per minute. */
    FailedLoginCounts(int maxSources, Duration window) {
        this.maxSources = maxSources;
        this.window = window;
    }

    void failed(String source, Instant now) {
        String key =
                bySource.size() >= maxSources && !bySource.containsKey(source) ? OTHERS : source;
        bySource.merge(
                key,
                new Window(now, now, 1),
                (earlier, one) -> new Window(earlier.from(), now, earlier.failures() + 1));
    }

    /** The counts of the minutes that are over, each taken out of the table once. */
    List<Summary> closed(Instant now) {
        List<Summary> closed = new ArrayList<>();
        for (var entry : bySource.entrySet()) {
            Window window = entry.getValue();
            if (!now.isBefore(window.from().plus(this.window))
                    && bySource.remove(entry.getKey(), window)) {
                closed.add(
                        new Summary(
                                entry.getKey(), window.failures(), window.from(), window.last()));
            }
        }
        return closed;
    }
}
