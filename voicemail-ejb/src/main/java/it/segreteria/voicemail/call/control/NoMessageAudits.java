package it.segreteria.voicemail.call.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps a flood of calls without a message from burying a tenant's audit trail: per tenant and
 * source address, the first {@code perMinute} calls of each minute are audited one by one, the rest
 * are counted and audited as one summary when the minute is over.
 */
public final class NoMessageAudits {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final int perMinute;
    private final java.util.function.Supplier<Instant> clock;
    private final Map<Key, Window> windows = new HashMap<>();

    public NoMessageAudits(int perMinute, java.util.function.Supplier<Instant> clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    private record Key(Object tenant, String source) {}

    private static final class Window {
        final Instant start;
        int audited;
        int counted;

        Window(Instant start) {
            this.start = start;
        }
    }

    /** A minute's calls from one source that were counted, not audited one by one. */
    public record Summary(Object tenant, String source, int calls, Instant from, Instant to) {}

    /** Whether this call is audited on its own (true) or only counted into a summary (false). */
    public synchronized boolean individually(Object tenant, String source) {
        Instant now = clock.get();
        Key key = new Key(tenant, Objects.requireNonNullElse(source, "unknown"));
        Window window = windows.get(key);
        if (window == null || !now.isBefore(window.start.plus(WINDOW))) {
            if (window != null && window.counted > 0) {
                pending.add(summary(key, window));
            }
            window = new Window(now);
            windows.put(key, window);
        }
        if (window.audited < perMinute) {
            window.audited++;
            return true;
        }
        window.counted++;
        return false;
    }

    private final List<Summary> pending = new ArrayList<>();

    /** The summaries of the minutes that are over (each once); forgets their windows. */
    public synchronized List<Summary> closed() {
        Instant now = clock.get();
        List<Summary> done = new ArrayList<>(pending);
        pending.clear();
        for (Iterator<Map.Entry<Key, Window>> it = windows.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Window> entry = it.next();
            if (!now.isBefore(entry.getValue().start.plus(WINDOW))) {
                if (entry.getValue().counted > 0) {
                    done.add(summary(entry.getKey(), entry.getValue()));
                }
                it.remove();
            }
        }
        return done;
    }

    private static Summary summary(Key key, Window window) {
        return new Summary(
                key.tenant(),
                key.source(),
                window.counted,
                window.start,
                window.start.plus(WINDOW));
    }
}
