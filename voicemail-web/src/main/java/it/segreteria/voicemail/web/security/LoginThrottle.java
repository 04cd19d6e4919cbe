package it.segreteria.voicemail.web.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins per source address: after {@code maxFailures} failures within a window, the source
 * is locked out for the window (its credentials are not even checked); a success clears its count.
 * Pure logic with the clock passed in. The table is bounded: beyond {@code maxSources} entries the
 * expired ones are dropped, and if that is not enough, all of them (a flood of distinct sources
 * then costs each source its history, never the service its memory).
 */
public final class LoginThrottle {

    private final int maxFailures;
    private final Duration window;
    private final int maxSources;
    private final Map<String, Failures> bySource = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, Duration window, int maxSources) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.maxSources = maxSources;
    }

    private record Failures(int count, Instant since) {}

    /** How long the source must still wait, if it is locked out now. */
    public Optional<Duration> lockedOut(String source, Instant now) {
        Failures failures = bySource.get(source);
        if (failures == null || failures.count() < maxFailures) {
            return Optional.empty();
        }
        Instant until = failures.since().plus(window);
        return now.isBefore(until) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    public void failed(String source, Instant now) {
        if (bySource.size() >= maxSources && !bySource.containsKey(source)) {
            bySource.values().removeIf(f -> !now.isBefore(f.since().plus(window)));
            if (bySource.size() >= maxSources) {
                bySource.clear();
            }
        }
        bySource.compute(
                source,
                (key, earlier) ->
                        earlier == null || !now.isBefore(earlier.since().plus(window))
                                ? new Failures(1, now)
                                : new Failures(earlier.count() + 1, now));
    }

    int size() {
        return bySource.size();
    }

    public void succeeded(String source) {
        bySource.remove(source);
    }
}
