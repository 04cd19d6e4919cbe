package it.segreteria.voicemail.notification.boundary;

import it.segreteria.voicemail.message.entity.MessageStored;
import it.segreteria.voicemail.notification.boundary.Notifications.Attempt;
import it.segreteria.voicemail.notification.boundary.Notifications.Outcome;
import it.segreteria.voicemail.notification.boundary.Notifications.Prepared;
import it.segreteria.voicemail.notification.control.MailSettings;
import it.segreteria.voicemail.notification.control.Outbox;
import it.segreteria.voicemail.notification.control.Outbox.Due;
import it.segreteria.voicemail.notification.control.SmtpConnection;
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
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.microprofile.config.Config;

/**
 * Delivers the outbox: every second, when a message commits and when a worker runs dry, one poller
 * thread queues the due notifications not already in hand for a few workers; each worker takes one
 * (or, when they queue, its share of the queue, up to {@value #MOST_AT_ONCE}), prepares them in
 * their tenant's transaction, sends them over its own SMTP connection (kept open while there is
 * work, closed after a few idle seconds) outside any transaction, and records each outcome as soon
 * as the server answered. A notification that arrives while others are being sent waits only for a
 * free worker, never for the next poll. A server that is down or answers 4xx is retried with
 * back-off; a 5xx or an invalid address stops the notification, visibly; so is one whose email
 * cannot be read or built (bad data, a bug): a failed attempt, retried with back-off, audited,
 * given up in the end, while the others of its batch go out. Pending notifications survive
 * restarts: they are rows, not memory. Delivery is at least once: a crash between the server's
 * acceptance and the record sends that email again after the restart (at most one per worker).
 */
@Singleton
@Startup
@DependsOn("Database")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NotificationSender {

    private static final Logger LOG = Logger.getLogger(NotificationSender.class.getName());
    private static final int BATCH = 200;

    /** The most due notifications a worker takes at once from a queue that grew. */
    static final int MOST_AT_ONCE = 10;

    private static final long IDLE_CLOSE_SECONDS = 5;

    /** Emails sent in parallel, each worker over its own SMTP connection. */
    public static final String WORKERS = "voicemail.notification.workers";

    @Inject Config config;

    @Inject Outbox outbox;

    @Inject Notifications notifications;

    @Resource ManagedThreadFactory threads;

    /** The poller and the workers. */
    private ExecutorService senderThreads;

    private MailSettings settings;
    private int workerCount;
    private Session session;
    private volatile boolean stopping;
    private final Semaphore wake = new Semaphore(0);
    private final BlockingQueue<Due> queue = new LinkedBlockingQueue<>();
    private final Set<Long> inHand = ConcurrentHashMap.newKeySet();

    /**
     * Held while the poller hands over what one poll found and while a worker takes its share: a
     * worker woken by the first of them sees them all, not the part added so far.
     */
    private final Object handoff = new Object();

    @PostConstruct
    void start() {
        settings = MailSettings.from(config);
        session = settings.session();
        workerCount = config.getOptionalValue(WORKERS, Integer.class).orElse(4);
        senderThreads = Executors.newFixedThreadPool(workerCount + 1, threads);
        senderThreads.execute(this::poll);
        for (int w = 0; w < workerCount; w++) {
            senderThreads.execute(this::work);
        }
        LOG.info(
                () ->
                        "Notifications go to SMTP "
                                + settings.host()
                                + ":"
                                + settings.port()
                                + " from "
                                + settings.from());
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (senderThreads != null) {
            senderThreads.shutdownNow();
        }
    }

    /**
     * A message just committed: look at the outbox now rather than at the next poll. Only wakes the
     * poller: handing a task to a managed executor here would capture the application's context, a
     * class-path scan, for every message (measured under load).
     */
    public void onMessageStored(
            @Observes(during = TransactionPhase.AFTER_SUCCESS) MessageStored stored) {
        wake.release();
    }

    /**
     * The poller: every second, or at once when woken, queues everything due that no worker has in
     * hand. Wake-ups that arrive while it reads the outbox make it read once more.
     */
    private void poll() {
        try {
            while (!stopping) {
                wake.tryAcquire(1, TimeUnit.SECONDS);
                wake.drainPermits();
                queueDue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void queueDue() {
        try {
            List<Due> found = outbox.due(Instant.now(), BATCH + inHand.size());
            synchronized (handoff) {
                for (Due due : found) {
                    if (inHand.add(due.id())) {
                        queue.add(due);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the outbox could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * One worker: takes due notifications, over one SMTP connection. One at a time while they come
     * one at a time; when they queue (a burst of messages), a worker takes its share of the queue,
     * up to {@value #MOST_AT_ONCE}, and reads them in one transaction instead of one each: at 100
     * emails a second on a busy machine the reads were most of an email's cost, and the queue grew.
     * Each outcome is recorded as soon as the server answered.
     */
    private void work() {
        SmtpConnection smtp = new SmtpConnection(session, settings, NotificationSender::permanent);
        try {
            while (!stopping) {
                Due first = queue.poll(IDLE_CLOSE_SECONDS, TimeUnit.SECONDS);
                if (first == null) {
                    smtp.close();
                    continue;
                }
                List<Due> taken = new ArrayList<>();
                taken.add(first);
                synchronized (handoff) {
                    queue.drainTo(taken, Math.min(MOST_AT_ONCE - 1, queue.size() / workerCount));
                }
                try {
                    for (Map.Entry<TenantId, List<Long>> tenant : byTenant(taken).entrySet()) {
                        deliver(tenant.getKey(), tenant.getValue(), smtp);
                    }
                } catch (RuntimeException e) {
                    LOG.log(
                            Level.WARNING,
                            "notifications "
                                    + taken.stream().map(Due::id).toList()
                                    + " could not be delivered: "
                                    + e.getMessage(),
                            e);
                } finally {
                    taken.forEach(due -> inHand.remove(due.id()));
                }
                if (queue.isEmpty()) {
                    wake.release(); // more may have become due meanwhile
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            smtp.close();
        }
    }

    private static Map<TenantId, List<Long>> byTenant(List<Due> taken) {
        Map<TenantId, List<Long>> byTenant = new LinkedHashMap<>();
        for (Due due : taken) {
            byTenant.computeIfAbsent(due.tenant(), t -> new ArrayList<>()).add(due.id());
        }
        return byTenant;
    }

    /** Sends some notifications of one tenant over a worker's connection. */
    private void deliver(TenantId tenant, List<Long> ids, SmtpConnection smtp) {
        List<Prepared> emails;
        try {
            emails = notifications.prepare(tenant, ids);
        } catch (RuntimeException e) {
            if (ids.size() == 1) {
                // a failed attempt like any other: retried with back-off, audited, given up in
                // the end; not read again at every poll
                LOG.log(
                        Level.WARNING,
                        "[" + tenant + "] notification " + ids.get(0) + " could not be read",
                        e);
                record(
                        tenant,
                        ids.get(0),
                        Outcome.TEMPORARY_FAILURE,
                        "not readable: " + describe(e));
                return;
            }
            // one notification that cannot be read must not hold the others of its batch back:
            // each on its own, as when they come one at a time
            for (Long id : ids) {
                deliver(tenant, List.of(id), smtp);
            }
            return;
        }
        for (Prepared email : emails) {
            Outcome outcome;
            String error = null;
            try {
                smtp.send(email.email().build(session, settings));
                outcome = Outcome.SENT;
            } catch (MessagingException e) {
                outcome = permanent(e) ? Outcome.PERMANENT_FAILURE : Outcome.TEMPORARY_FAILURE;
                error = describe(e);
                LOG.info(
                        "["
                                + tenant
                                + "] notification "
                                + email.notificationId()
                                + " not delivered ("
                                + outcome
                                + "): "
                                + error);
                smtp.close(); // the next attempt starts on a fresh connection
            } catch (RuntimeException e) { // a bug or bad data in one email: not the others'
                outcome = Outcome.TEMPORARY_FAILURE;
                error = "not sendable: " + describe(e);
                LOG.log(
                        Level.WARNING,
                        "[" + tenant + "] notification " + email.notificationId() + " not sent",
                        e);
                smtp.close();
            }
            // recorded at once, each in its own transaction: a crash then re-sends at most the one
            // email a worker was sending, never a batch of them (CrashIT)
            record(tenant, email.notificationId(), outcome, error);
        }
    }

    private void record(TenantId tenant, long notificationId, Outcome outcome, String error) {
        try {
            notifications.recordOutcome(
                    tenant,
                    new Attempt(notificationId, outcome, error, Instant.now()),
                    settings.firstRetry());
        } catch (RuntimeException e) { // the database: the row stays due, the next poll retries
            LOG.log(
                    Level.WARNING,
                    "["
                            + tenant
                            + "] the outcome of notification "
                            + notificationId
                            + " ("
                            + outcome
                            + ") could not be recorded: "
                            + e.getMessage(),
                    e);
        }
    }

    /** 5xx answers and invalid addresses will not get better by retrying; everything else may. */
    static boolean permanent(MessagingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof AddressException) {
                return true;
            }
            if (cause instanceof SMTPAddressFailedException failed) {
                return failed.getReturnCode() >= 500;
            }
            if (cause instanceof SMTPSendFailedException failed) {
                return failed.getReturnCode() >= 500;
            }
            if (cause instanceof SendFailedException sendFailed
                    && sendFailed.getNextException() instanceof MessagingException next
                    && next != cause) {
                return permanent(next);
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause();
                cause != null && text.length() < 800;
                cause = cause.getCause()) {
            text.append(" / ")
                    .append(cause.getClass().getSimpleName())
                    .append(": ")
                    .append(cause.getMessage());
        }
        return text.toString();
    }
}
