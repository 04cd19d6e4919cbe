package it.segreteria.voicemail.call.control;

import java.util.concurrent.atomic.LongAdder;

/**
 * How late something that should run on time ran: the media clock's 20 ms ticks, a call's events
 * waiting for a thread. Counted in buckets (1 ms to 1.28 s) by any thread, read window by window by
 * the call capacity.
 */
public final class Lateness {

    /** Upper bounds of the buckets, in milliseconds; a last bucket holds everything later. */
    private static final long[] BOUNDS = {1, 2, 5, 10, 20, 40, 80, 160, 320, 640, 1280};

    /** What the last bucket counts as: later than the last bound. */
    public static final long BEYOND = 2 * BOUNDS[BOUNDS.length - 1];

    private final LongAdder[] counts = new LongAdder[BOUNDS.length + 1];
    private final long[] taken = new long[BOUNDS.length + 1];

    public Lateness() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** One more sample, {@code nanos} late (0 or less: on time). */
    public void record(long nanos) {
        long millis = nanos / 1_000_000;
        int bucket = 0;
        while (bucket < BOUNDS.length && millis >= BOUNDS[bucket]) {
            bucket++;
        }
        counts[bucket].increment();
    }

    /** The samples recorded since the previous call. */
    public synchronized Window take() {
        long[] window = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            long total = counts[i].sum();
            window[i] = total - taken[i];
            taken[i] = total;
        }
        return new Window(window);
    }

    /** The samples of one window, by bucket. */
    public static final class Window {
        private final long[] counts;

        Window(long[] counts) {
            this.counts = counts;
        }

        /** A window of these late samples, in milliseconds (tests, the capacity's logs). */
        public static Window of(long... millis) {
            Lateness lateness = new Lateness();
            for (long late : millis) {
                lateness.record(late * 1_000_000);
            }
            return lateness.take();
        }

        public long samples() {
            long sum = 0;
            for (long count : counts) {
                sum += count;
            }
            return sum;
        }

        /**
         * How late, in milliseconds, the {@code quantile} (0-1) of the samples were at most, to the
         * bucket's bound ({@link #BEYOND} for the last); 0 for an empty window.
         */
        public long atMost(double quantile) {
            long samples = samples();
            if (samples == 0) {
                return 0;
            }
            long needed = (long) Math.ceil(quantile * samples);
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= needed && counts[i] > 0) {
                    return i < BOUNDS.length ? BOUNDS[i] : BEYOND;
                }
            }
            return BEYOND;
        }
    }
}
