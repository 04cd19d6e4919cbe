package it.segreteria.voicemail.notification.boundary;

import it.segreteria.voicemail.message.entity.MessageStored;
import it.segreteria.voicemail.notification.boundary.Notifications.Attempt;
import it.segreteria.voicemail.notification.boundary.Notifications.Outcome;
import it.segreteria.voicemail.notification.boundary.Notifications.Prepared;
import it.segreteria.voicemail.notification.control.MailSettings;
import it.segreteria.voicemail.notification.control.Outbox;
import it.segreteria.voicemail.notification.control.Outbox.Due;
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
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
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
 * back-off; a 5xx or an invalid address stops the notification, visibly. Pending notifications
 * survive restarts: they are rows, not memory. Delivery is at least once: a crash between the
 * server's acceptance and the record sends that email again after the restart (at most one per
 * worker).
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
            for (Due due : outbox.due(Instant.now(), BATCH + inHand.size())) {
                if (inHand.add(due.id())) {
                    queue.add(due);
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
        Transport transport = null;
        try {
            while (!stopping) {
                Due first = queue.poll(IDLE_CLOSE_SECONDS, TimeUnit.SECONDS);
                if (first == null) {
                    transport = close(transport);
                    continue;
                }
                List<Due> taken = new ArrayList<>();
                taken.add(first);
                queue.drainTo(taken, Math.min(MOST_AT_ONCE - 1, queue.size() / workerCount));
                try {
                    for (Map.Entry<TenantId, List<Long>> tenant : byTenant(taken).entrySet()) {
                        transport = deliver(tenant.getKey(), tenant.getValue(), transport);
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
            close(transport);
        }
    }

    private static Map<TenantId, List<Long>> byTenant(List<Due> taken) {
        Map<TenantId, List<Long>> byTenant = new LinkedHashMap<>();
        for (Due due : taken) {
            byTenant.computeIfAbsent(due.tenant(), t -> new ArrayList<>()).add(due.id());
        }
        return byTenant;
    }

    /** Sends some notifications of one tenant; returns the connection to use for the next. */
    private Transport deliver(TenantId tenant, List<Long> ids, Transport transport) {
        List<Prepared> emails;
        try {
            emails = notifications.prepare(tenant, ids);
        } catch (RuntimeException e) {
            if (ids.size() == 1) {
                throw e;
            }
            // one notification that cannot be read must not hold the others of its batch back:
            // each on its own, as when they come one at a time
            for (Long id : ids) {
                try {
                    transport = deliver(tenant, List.of(id), transport);
                } catch (RuntimeException one) {
                    LOG.log(
                            Level.WARNING,
                            "notification " + id + " could not be delivered: " + one.getMessage(),
                            one);
                }
            }
            return transport;
        }
        for (Prepared email : emails) {
            Outcome outcome;
            String error = null;
            try {
                if (transport == null || !transport.isConnected()) {
                    transport = connect();
                }
                MimeMessage mail = email.email().build(session, settings);
                transport.sendMessage(mail, mail.getAllRecipients());
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
                transport = close(transport); // the next attempt starts on a fresh connection
            }
            // recorded at once, each in its own transaction: a crash then re-sends at most the one
            // email a worker was sending, never a batch of them (CrashIT)
            notifications.recordOutcome(
                    tenant,
                    new Attempt(email.notificationId(), outcome, error, Instant.now()),
                    settings.firstRetry());
        }
        return transport;
    }

    private Transport connect() throws MessagingException {
        Transport transport = session.getTransport("smtp");
        if (settings.user().isPresent()) {
            transport.connect(settings.user().get(), settings.password().orElse(""));
        } else {
            transport.connect();
        }
        return transport;
    }

    private static Transport close(Transport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                LOG.log(Level.FINE, "closing the SMTP connection", e);
            }
        }
        return null;
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
