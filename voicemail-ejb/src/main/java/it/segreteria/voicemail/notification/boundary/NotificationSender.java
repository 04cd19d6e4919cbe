package it.segreteria.voicemail.notification.boundary;

import it.segreteria.voicemail.message.entity.MessageStored;
import it.segreteria.voicemail.notification.boundary.Notifications.Outcome;
import it.segreteria.voicemail.notification.control.EmailJob;
import it.segreteria.voicemail.notification.control.MailSettings;
import it.segreteria.voicemail.notification.control.Outbox;
import it.segreteria.voicemail.notification.control.Outbox.Due;
import it.segreteria.voicemail.notification.control.VoicemailEmail;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.microprofile.config.Config;

/**
 * Delivers the outbox: every second, when a message commits and when a worker runs dry, the due
 * notifications not already in hand are queued for a few workers; each worker takes one at a time,
 * prepares it in its tenant's transaction, sends it over its own SMTP connection (kept open while
 * there is work, closed after a few idle seconds) outside any transaction, and records the outcome.
 * A notification that arrives while others are being sent waits only for a free worker, never for a
 * whole batch. A server that is down or answers 4xx is retried with back-off; a 5xx or an invalid
 * address stops the notification, visibly. Pending notifications survive restarts: they are rows,
 * not memory.
 */
@Singleton
@Startup
@DependsOn("Database")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NotificationSender {

    private static final Logger LOG = Logger.getLogger(NotificationSender.class.getName());
    private static final int BATCH = 200;
    private static final long IDLE_CLOSE_SECONDS = 5;

    /** Emails sent in parallel, each worker over its own SMTP connection. */
    public static final String WORKERS = "voicemail.notification.workers";

    @Inject Config config;

    @Inject Outbox outbox;

    @Inject Notifications notifications;

    @Resource ManagedScheduledExecutorService scheduler;

    @Resource ManagedThreadFactory threads;

    private ExecutorService workers;

    private MailSettings settings;
    private Session session;
    private ScheduledFuture<?> loop;
    private volatile boolean stopping;
    private final BlockingQueue<Due> queue = new LinkedBlockingQueue<>();
    private final Set<Long> inHand = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean dueAgain = new AtomicBoolean();

    @PostConstruct
    void start() {
        settings = MailSettings.from(config);
        session = settings.session();
        int workerCount = config.getOptionalValue(WORKERS, Integer.class).orElse(4);
        workers = Executors.newFixedThreadPool(workerCount, threads);
        for (int w = 0; w < workerCount; w++) {
            workers.execute(this::work);
        }
        loop = scheduler.scheduleWithFixedDelay(this::deliverDue, 1, 1, TimeUnit.SECONDS);
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
        if (loop != null) {
            loop.cancel(false);
        }
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    /** A message just committed: send its email now rather than at the next poll. */
    public void onMessageStored(
            @Observes(during = TransactionPhase.AFTER_SUCCESS) MessageStored stored) {
        scheduler.execute(this::deliverDue);
    }

    /**
     * Queues everything due now that no worker has in hand; also the scheduler's task. A call while
     * another runs is not lost: that one looks at the outbox once more when it ends.
     */
    public void deliverDue() {
        dueAgain.set(true);
        while (dueAgain.get() && running.compareAndSet(false, true)) {
            dueAgain.set(false);
            try {
                for (Due due : outbox.due(Instant.now(), BATCH + inHand.size())) {
                    if (inHand.add(due.id())) {
                        queue.add(due);
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the outbox could not be read: " + e.getMessage(), e);
            } finally {
                running.set(false);
            }
        }
    }

    /** One worker: takes due notifications one at a time, over one SMTP connection. */
    private void work() {
        Transport transport = null;
        try {
            while (!stopping) {
                Due due = queue.poll(IDLE_CLOSE_SECONDS, TimeUnit.SECONDS);
                if (due == null) {
                    transport = close(transport);
                    continue;
                }
                try {
                    transport = deliver(due, transport);
                } catch (RuntimeException e) {
                    LOG.log(
                            Level.WARNING,
                            "notification "
                                    + due.id()
                                    + " could not be delivered: "
                                    + e.getMessage(),
                            e);
                } finally {
                    inHand.remove(due.id());
                }
                if (queue.isEmpty()) {
                    scheduler.execute(this::deliverDue);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close(transport);
        }
    }

    /** Sends one notification; returns the connection to use for the next. */
    private Transport deliver(Due due, Transport transport) {
        Optional<EmailJob> job = notifications.prepare(due.tenant(), due.id());
        if (job.isEmpty()) {
            return transport;
        }
        Outcome outcome;
        String error = null;
        try {
            if (transport == null || !transport.isConnected()) {
                transport = connect();
            }
            MimeMessage mail = VoicemailEmail.build(session, settings, job.get());
            transport.sendMessage(mail, mail.getAllRecipients());
            outcome = Outcome.SENT;
        } catch (MessagingException e) {
            outcome = permanent(e) ? Outcome.PERMANENT_FAILURE : Outcome.TEMPORARY_FAILURE;
            error = describe(e);
            LOG.info(
                    "["
                            + due.tenant()
                            + "] notification "
                            + due.id()
                            + " not delivered ("
                            + outcome
                            + "): "
                            + error);
            transport = close(transport); // the next attempt starts on a fresh connection
        }
        notifications.recordOutcome(due.tenant(), due.id(), outcome, error, settings.firstRetry());
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
