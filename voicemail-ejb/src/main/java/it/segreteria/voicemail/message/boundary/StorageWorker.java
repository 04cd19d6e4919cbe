package it.segreteria.voicemail.message.boundary;

import it.segreteria.voicemail.message.control.MessageSpool;
import it.segreteria.voicemail.message.control.MessageSpool.Entry;
import it.segreteria.voicemail.message.control.MessageSpool.SpooledMessage;
import it.segreteria.voicemail.platform.control.DatabaseSettings;
import it.segreteria.voicemail.platform.control.LogQueue;
import it.segreteria.voicemail.shared.TenantId;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Stores spooled messages in the database, on threads of its own (never on a call's): a message the
 * caller just finished, handed over by {@link MessageDeposits}; and, at start-up and every few
 * seconds, whatever the spool still holds (a database outage, a crash). Both go through {@link
 * #store}: deposit in one transaction, then remove from the spool. Storing is idempotent per
 * Call-ID, so a message that reached the database just before a crash is not doubled.
 */
@Singleton
@Startup
@DependsOn("Provisioning") // a recovered message needs its mailbox to exist
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StorageWorker {

    private static final Logger LOG = Logger.getLogger(StorageWorker.class.getName());
    public static final String WORKERS = "voicemail.storage.workers";
    private static final long RETRY_SECONDS = 5;
    private static final int SPOOL_IO_THREADS = 8;
    private static final java.time.Duration STOP_WAIT = java.time.Duration.ofSeconds(10);

    @Inject Config config;

    @Inject Messages messages;

    @Resource ManagedThreadFactory threads;

    @Resource ManagedScheduledExecutorService scheduler;

    @Inject MetricRegistry metrics;

    private MessageSpool spool;
    private ThreadPoolExecutor workers;
    private ExecutorService spoolIo;
    private ScheduledFuture<?> retries;
    private Instant processStart;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean failing = new AtomicBoolean();
    private LogQueue log;

    @PostConstruct
    void start() {
        spool = new MessageSpool(DatabaseSettings.dataDir(config).resolve("spool"));
        log = new LogQueue(threads);
        // recordings described before this process started belong to no live call
        processStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        int count = config.getOptionalValue(WORKERS, Integer.class).orElse(4);
        workers =
                new ThreadPoolExecutor(
                        count, count, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), threads);
        workers.prestartAllCoreThreads();
        ThreadPoolExecutor io =
                new ThreadPoolExecutor(
                        SPOOL_IO_THREADS,
                        SPOOL_IO_THREADS,
                        0,
                        TimeUnit.MILLISECONDS,
                        new LinkedBlockingQueue<>(),
                        threads);
        io.prestartAllCoreThreads(); // a fixed footprint, whatever the load seen so far
        spoolIo = io;
        metrics.gauge(
                Metadata.builder()
                        .withName("voicemail.messages.spooled")
                        .withDescription(
                                "recordings in the spool: being recorded or waiting to be stored")
                        .build(),
                () -> spool.keys().size());
        retries =
                scheduler.scheduleWithFixedDelay(
                        this::storeSpooled, 0, RETRY_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (retries != null) {
            retries.cancel(false);
        }
        // the recordings' last writes finish, then what is queued is stored; whatever does not
        // make it in time stays in the spool, and the next start stores it
        awaitTermination(spoolIo, STOP_WAIT);
        awaitTermination(workers, STOP_WAIT);
        if (log != null) {
            log.close();
        }
    }

    private static void awaitTermination(ExecutorService executor, java.time.Duration wait) {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warning("storage still busy when stopping: the spool keeps the rest");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public MessageSpool spool() {
        return spool;
    }

    /**
     * The threads that write recordings to the spool (each recording in order on a serial executor
     * over them): fsync can take milliseconds, and no call may wait for it.
     */
    public Executor spoolIo() {
        return spoolIo;
    }

    /**
     * Queues a spooled message for storing (once: a message already queued is not queued again).
     */
    public void store(Entry entry) {
        if (inFlight.add(entry.key())) {
            workers.execute(() -> storeNow(entry));
        }
    }

    /** Runs a task on the storage threads (e.g. an audit write that no call should wait for). */
    public void later(Runnable task) {
        workers.execute(task);
    }

    /** At start-up and every few seconds: queue what the spool still holds. */
    void storeSpooled() {
        try {
            for (String key : spool.keys()) {
                if (workers.getQueue().size() > 4 * workers.getCorePoolSize()) {
                    return; // enough queued; the rest waits for the next round
                }
                if (!inFlight.contains(key)) {
                    spool.read(key, processStart).ifPresent(this::store);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the spool could not be read: " + e.getMessage(), e);
        }
    }

    private void storeNow(Entry entry) {
        SpooledMessage m = entry.message();
        try {
            long id =
                    messages.deposit(
                            TenantId.of(m.tenant()),
                            m.mailboxId(),
                            m.origin(),
                            Instant.parse(m.receivedAt()),
                            Duration.ofMillis(m.durationMillis()),
                            entry.cutShort(),
                            entry.wav());
            spool.remove(entry.key());
            if (failing.compareAndSet(true, false)) {
                LOG.info("storing messages works again; the spool is being emptied");
            }
            log.log(
                    LOG,
                    Level.INFO,
                    () ->
                            "call "
                                    + m.sipCallId()
                                    + " ["
                                    + m.tenant()
                                    + " mailbox "
                                    + m.mailboxId()
                                    + "]: message "
                                    + id
                                    + " stored, "
                                    + m.durationMillis()
                                    + " ms"
                                    + (entry.cutShort() ? ", cut short by a service failure" : ""));
        } catch (RuntimeException e) {
            if (failing.compareAndSet(false, true)) {
                LOG.log(
                        Level.WARNING,
                        "messages cannot be stored now ("
                                + e.getMessage()
                                + "); they wait in the spool and are retried every "
                                + RETRY_SECONDS
                                + " s",
                        e);
            } else {
                LOG.fine(() -> "call " + m.sipCallId() + ": not stored yet: " + e.getMessage());
            }
        } finally {
            inFlight.remove(entry.key());
        }
    }
}
