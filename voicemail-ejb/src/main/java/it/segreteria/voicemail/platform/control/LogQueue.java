package it.segreteria.voicemail.platform.control;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Log lines written by one thread of their own, for the lines written on every call or message: a
 * thread that serves calls or stores messages hands its line over and goes on, it never waits for
 * the log handler's lock or its disk. A log handler is synchronized and formats and writes under
 * its lock; on a saturated CPU a thread that holds it gets descheduled and the others queue behind
 * it (measured: at 100 deposits a second, call threads waited 10 s in 20 for the console handler).
 * When the writer cannot keep up, lines beyond {@value #CAPACITY} waiting are dropped and counted,
 * and the count is logged: losing log lines is better than delaying calls.
 */
public final class LogQueue implements AutoCloseable {

    static final int CAPACITY = 10_000;

    private final BlockingQueue<LogRecord> lines;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    public LogQueue(ThreadFactory threads) {
        this(threads, CAPACITY);
    }

    LogQueue(ThreadFactory threads, int capacity) {
        lines = new ArrayBlockingQueue<>(capacity);
        writer = threads.newThread(this::write);
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Queues a line for {@code logger}, if it logs {@code level} (only then is the message built);
     * never blocks.
     */
    public void log(Logger logger, Level level, Supplier<String> message) {
        if (closed || !logger.isLoggable(level)) {
            return;
        }
        LogRecord line = new LogRecord(level, message.get());
        line.setLoggerName(logger.getName());
        line.setSourceClassName(logger.getName()); // not inferred later on the writer's thread
        if (!lines.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    /** Lines dropped so far because the writer could not keep up. */
    public long dropped() {
        return dropped.get();
    }

    private void write() {
        long reported = 0;
        try {
            while (!closed || !lines.isEmpty()) {
                LogRecord line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null) {
                    Logger.getLogger(line.getLoggerName()).log(line);
                }
                long lost = dropped.get();
                if (lost != reported && lines.isEmpty()) {
                    Logger.getLogger(LogQueue.class.getName())
                            .warning(
                                    (lost - reported)
                                            + " log lines dropped: the log could not keep up");
                    reported = lost;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is queued (waiting up to 5 s), then stops. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
