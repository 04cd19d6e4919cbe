package it.segreteria.voicemail.platform.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogQueueTest {

    private final Logger logger = Logger.getLogger("it.segreteria.voicemail.test.logqueue");
    private final Logger warnings = Logger.getLogger(LogQueue.class.getName());
    private final BlockingQueue<LogRecord> written = new LinkedBlockingQueue<>();
    private final CountDownLatch handlerFree = new CountDownLatch(1);
    private final CountDownLatch handlerBusy = new CountDownLatch(1);
    private volatile boolean blockHandler;

    private final Handler handler =
            new Handler() {
                @Override
                public void publish(LogRecord line) {
                    if (blockHandler) {
                        handlerBusy.countDown();
                        try {
                            handlerFree.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    written.add(line);
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };

    LogQueueTest() {
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
        warnings.setUseParentHandlers(false);
        warnings.addHandler(handler);
    }

    @AfterEach
    void removeHandler() {
        logger.removeHandler(handler);
        warnings.removeHandler(handler);
        handlerFree.countDown();
    }

    @Test
    void linesReachTheirLoggerInOrderFromTheWritersThread() throws Exception {
        try (LogQueue queue = new LogQueue(Thread::new)) {
            queue.log(logger, Level.INFO, () -> "first");
            queue.log(logger, Level.INFO, () -> "second");
            queue.log(
                    logger,
                    Level.FINEST,
                    () -> {
                        throw new AssertionError("built below the logger's level");
                    });

            LogRecord first = written.poll(10, TimeUnit.SECONDS);
            LogRecord second = written.poll(10, TimeUnit.SECONDS);
            assertThat(List.of(first.getMessage(), second.getMessage()))
                    .containsExactly("first", "second");
            assertThat(first.getLoggerName()).isEqualTo(logger.getName());
            assertThat(first.getSourceClassName()).isEqualTo(logger.getName());
            assertThat(first.getLongThreadID())
                    .as("the thread that logged it, not the writer")
                    .isEqualTo(Thread.currentThread().getId());
            assertThat(queue.dropped()).isZero();
        }
        assertThat(written).isEmpty();
    }

    @Test
    void aStuckLogNeverHoldsTheCallerUpItsLinesBeyondTheQueueAreCountedAndSaid() throws Exception {
        blockHandler = true;
        try (LogQueue queue = new LogQueue(Thread::new, 3)) {
            queue.log(logger, Level.INFO, () -> "taken by the writer, stuck in the handler");
            assertThat(handlerBusy.await(10, TimeUnit.SECONDS)).isTrue();

            assertTimeoutPreemptively(
                    Duration.ofSeconds(10), // a guard against a caller held up, not a speed test
                    () -> {
                        for (int line = 0; line < 10; line++) {
                            int number = line;
                            queue.log(logger, Level.INFO, () -> "line " + number);
                        }
                    });

            assertThat(queue.dropped()).as("3 wait, 7 dropped").isEqualTo(7);
            blockHandler = false;
            handlerFree.countDown();
            LogRecord said = null;
            for (int line = 0; line < 5 && said == null; line++) {
                LogRecord next = written.poll(10, TimeUnit.SECONDS);
                assertThat(next).isNotNull();
                if (next.getLoggerName().equals(LogQueue.class.getName())) {
                    said = next;
                }
            }
            assertThat(said).isNotNull();
            assertThat(said.getLevel()).isEqualTo(Level.WARNING);
            assertThat(said.getMessage()).startsWith("7 log lines dropped");
        }
    }
}
