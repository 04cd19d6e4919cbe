package it.segreteria.voicemail.sip.control;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A budget of log lines per minute for what peers can trigger at will (malformed SIP, refused
 * connections): within the budget a line is written; beyond it, lines are only counted, and the
 * first line of the next minute says how many were left out. A flood costs the log a few lines a
 * minute instead of one per message; each line is cut to {@value #MAX_LINE} characters.
 */
public final class LogBudget {

    private static final long MINUTE_NANOS = 60_000_000_000L;
    static final int MAX_LINE = 200;

    private final int linesPerMinute;
    private final LongSupplier clock;
    private long windowStart;
    private int written;
    private final AtomicLong suppressed = new AtomicLong();
    private final AtomicLong suppressedTotal = new AtomicLong();

    public LogBudget(int linesPerMinute, LongSupplier nanoClock) {
        this.linesPerMinute = linesPerMinute;
        this.clock = nanoClock;
        this.windowStart = nanoClock.getAsLong();
    }

    public LogBudget(int linesPerMinute) {
        this(linesPerMinute, System::nanoTime);
    }

    /** What to do with the next line. */
    public sealed interface Verdict {}

    /** Write it. {@code leftOut} lines were suppressed in the previous minute (say so first). */
    public record Write(long leftOut) implements Verdict {}

    /** Leave it out. */
    public record Suppress() implements Verdict {}

    public synchronized Verdict next() {
        long now = clock.getAsLong();
        long leftOut = 0;
        if (now - windowStart >= MINUTE_NANOS) {
            windowStart = now;
            written = 0;
            leftOut = suppressed.getAndSet(0);
        }
        if (written < linesPerMinute) {
            written++;
            return new Write(leftOut);
        }
        suppressed.incrementAndGet();
        suppressedTotal.incrementAndGet();
        return new Suppress();
    }

    /**
     * Writes a line to {@code log} within the budget, with the error's stack trace only when FINE
     * is on; first says how many lines the previous minute left out, if any.
     */
    public void log(
            java.util.logging.Logger log,
            java.util.logging.Level level,
            String message,
            Throwable error) {
        if (!log.isLoggable(level)) {
            return;
        }
        if (next() instanceof Write write) {
            if (write.leftOut() > 0) {
                log.log(
                        java.util.logging.Level.WARNING,
                        "{0} similar lines were left out of the log in the last minute",
                        write.leftOut());
            }
            if (error == null) {
                log.log(level, shortened(message));
            } else if (log.isLoggable(java.util.logging.Level.FINE)) {
                log.log(level, message, error);
            } else {
                log.log(level, shortened(message + ": " + error));
            }
        }
    }

    /**
     * A line cut to {@value #MAX_LINE} characters: the stack puts whole messages, even raw receive
     * buffers, into its errors (50 KB a line), and a peer chooses what is in them.
     */
    static String shortened(String message) {
        if (message == null || message.length() <= MAX_LINE) {
            return message;
        }
        return message.substring(0, MAX_LINE)
                + "… ("
                + (message.length() - MAX_LINE)
                + " characters left out)";
    }

    /** Lines left out since start. */
    public long suppressedTotal() {
        return suppressedTotal.get();
    }
}
