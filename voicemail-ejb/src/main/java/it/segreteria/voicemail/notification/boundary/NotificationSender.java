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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.microprofile.config.Config;

/**
 * Delivers the outbox: every second and when a message commits, the due notifications are shared
 * among a few workers; each is prepared in its tenant's transaction, sent over SMTP outside any
 * transaction (one connection per worker), and its outcome recorded. A server that is down or
 * answers 4xx is retried with back-off; a 5xx or an invalid address stops the notification,
 * visibly. Pending notifications survive restarts: they are rows, not memory.
 */
@Singleton
@Startup
@DependsOn("Database")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NotificationSender {

    private static final Logger LOG = Logger.getLogger(NotificationSender.class.getName());
    private static final int BATCH = 100;

    /** Emails sent in parallel, each worker over its own SMTP connection. */
    public static final String WORKERS = "voicemail.notification.workers";

    private int workerCount;

    @Inject Config config;

    @Inject Outbox outbox;

    @Inject Notifications notifications;

    @Resource ManagedScheduledExecutorService scheduler;

    @Resource ManagedThreadFactory threads;

    private ExecutorService workers;

    private MailSettings settings;
    private Session session;
    private ScheduledFuture<?> loop;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean dueAgain = new AtomicBoolean();

    @PostConstruct
    void start() {
        settings = MailSettings.from(config);
        session = settings.session();
        workerCount = config.getOptionalValue(WORKERS, Integer.class).orElse(4);
        workers = Executors.newFixedThreadPool(workerCount, threads);
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
     * Sends everything due now; also the scheduler's task. A call while a delivery runs is not
     * lost: that delivery looks at the outbox once more when it ends.
     */
    public void deliverDue() {
        dueAgain.set(true);
        while (dueAgain.get() && running.compareAndSet(false, true)) {
            dueAgain.set(false);
            try {
                deliverBatch();
            } finally {
                running.set(false);
            }
        }
    }

    private void deliverBatch() {
        try {
            List<Due> due = outbox.due(Instant.now(), BATCH);
            if (due.size() <= 1) {
                deliver(due);
                return;
            }
            List<Callable<Void>> batches = new ArrayList<>();
            for (int w = 0; w < workerCount; w++) {
                List<Due> share = new ArrayList<>();
                for (int i = w; i < due.size(); i += workerCount) {
                    share.add(due.get(i));
                }
                if (!share.isEmpty()) {
                    batches.add(
                            () -> {
                                deliver(share);
                                return null;
                            });
                }
            }
            workers.invokeAll(batches);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the outbox could not be delivered: " + e.getMessage(), e);
        }
    }

    /** One worker's share, over one SMTP connection. */
    private void deliver(List<Due> share) {
        Transport transport = null;
        try {
            for (Due due : share) {
                Optional<EmailJob> job = notifications.prepare(due.tenant(), due.id());
                if (job.isEmpty()) {
                    continue;
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
                }
                notifications.recordOutcome(
                        due.tenant(), due.id(), outcome, error, settings.firstRetry());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "notifications could not be delivered: " + e.getMessage(), e);
        } finally {
            close(transport);
        }
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

    private static void close(Transport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                LOG.log(Level.FINE, "closing the SMTP connection", e);
            }
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
