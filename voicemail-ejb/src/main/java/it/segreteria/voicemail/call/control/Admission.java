package it.segreteria.voicemail.call.control;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Who may start a call or probe us now: a token bucket of requests per source address, and counts
 * of calls in progress per source and per tenant. Trusted addresses skip the per-source limits (an
 * edge proxy carries every tenant's calls from one address).
 */
public final class Admission {

    /** Sources remembered at most; beyond, buckets full again are forgotten. */
    private static final int MAX_SOURCES = 100_000;

    private final AdmissionSettings settings;
    private final LongSupplier nanoClock;
    private final Map<InetAddress, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<InetAddress, AtomicInteger> callsBySource = new ConcurrentHashMap<>();
    private final Map<Object, AtomicInteger> callsByTenant = new ConcurrentHashMap<>();
    private final LongAdder throttled = new LongAdder();

    public Admission(AdmissionSettings settings, LongSupplier nanoClock) {
        this.settings = settings;
        this.nanoClock = nanoClock;
    }

    public Admission(AdmissionSettings settings) {
        this(settings, System::nanoTime);
    }

    /** Whether this address is exempt from the per-source limits. */
    public boolean trusted(InetAddress source) {
        for (AddressRange range : settings.trusted()) {
            if (range.contains(source)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a new request (INVITE, OPTIONS) from this address is within its rate. */
    public boolean withinRate(InetAddress source) {
        if (source == null || trusted(source)) {
            return true;
        }
        if (buckets.size() > MAX_SOURCES) {
            long now = nanoClock.getAsLong();
            buckets.values().removeIf(bucket -> bucket.fullAt(now));
        }
        boolean allowed =
                buckets.computeIfAbsent(
                                source, s -> new Bucket(settings.burst(), nanoClock.getAsLong()))
                        .take(nanoClock.getAsLong());
        if (!allowed) {
            throttled.increment();
        }
        return allowed;
    }

    /** Counts a new call from this address; false (nothing counted) when it has too many. */
    public boolean startCall(InetAddress source) {
        if (source == null || trusted(source)) {
            return true;
        }
        return acquire(callsBySource, source, settings.callsPerSource());
    }

    /** The call from this address has ended (after a {@code true} from {@link #startCall}). */
    public void endCall(InetAddress source) {
        if (source != null && !trusted(source)) {
            release(callsBySource, source);
        }
    }

    /** Counts a call for this tenant; false (nothing counted) when it has too many. */
    public boolean startTenantCall(Object tenant) {
        return acquire(callsByTenant, tenant, settings.callsPerTenant());
    }

    public void endTenantCall(Object tenant) {
        release(callsByTenant, tenant);
    }

    /** Requests refused for their rate since start. */
    public long throttled() {
        return throttled.sum();
    }

    private static <K> boolean acquire(Map<K, AtomicInteger> counts, K key, int limit) {
        boolean[] acquired = {false};
        counts.compute(
                key,
                (k, count) -> {
                    AtomicInteger value = count == null ? new AtomicInteger() : count;
                    if (value.get() < limit) {
                        value.incrementAndGet();
                        acquired[0] = true;
                    }
                    return value.get() == 0 ? null : value;
                });
        return acquired[0];
    }

    private static <K> void release(Map<K, AtomicInteger> counts, K key) {
        counts.computeIfPresent(key, (k, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    /** Tokens refill continuously at the configured rate up to the burst. */
    private final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized boolean take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }

        synchronized boolean fullAt(long now) {
            refill(now);
            return tokens >= settings.burst();
        }

        private void refill(long now) {
            double elapsed = (now - updated) / 1e9;
            tokens = Math.min(settings.burst(), tokens + elapsed * settings.requestsPerSecond());
            updated = now;
        }
    }
}
