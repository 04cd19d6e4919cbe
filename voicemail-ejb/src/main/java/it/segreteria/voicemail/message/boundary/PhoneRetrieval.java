package it.segreteria.voicemail.message.boundary;

import it.segreteria.voicemail.call.control.PhoneAccess;
import it.segreteria.voicemail.call.entity.CallAction.MessageMark;
import it.segreteria.voicemail.call.entity.CallEvent.PinChange;
import it.segreteria.voicemail.shared.TenantId;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The phone menu's way into the mailboxes: every database step runs on threads of its own (never on
 * a call's), and its answer is handed back to the call. When they are all busy, a login is refused
 * and a message is reported unavailable rather than queued without end.
 */
@ApplicationScoped
public class PhoneRetrieval implements PhoneAccess {

    private static final Logger LOG = Logger.getLogger(PhoneRetrieval.class.getName());
    private static final int THREADS = 4;
    private static final int QUEUE = 1_000;

    // by name: a CDI bean of the EJB module gets no default resource injected
    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Inject PhoneMailbox mailboxes;

    private ThreadPoolExecutor workers;

    /** Marks run one at a time in the order given, so "deleted" then "undeleted" ends undeleted. */
    private ThreadPoolExecutor marks;

    @PostConstruct
    void start() {
        workers =
                new ThreadPoolExecutor(
                        THREADS,
                        THREADS,
                        30,
                        TimeUnit.SECONDS,
                        new ArrayBlockingQueue<>(QUEUE),
                        threads);
        workers.allowCoreThreadTimeOut(true);
        marks =
                new ThreadPoolExecutor(
                        1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        marks.allowCoreThreadTimeOut(true);
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
        marks.shutdown();
    }

    @Override
    public void logIn(
            TenantId tenant,
            String mailboxNumber,
            String pin,
            String callerNumber,
            Consumer<Optional<Session>> answer,
            Runnable unavailable) {
        run(
                () -> mailboxes.logIn(tenant, mailboxNumber, pin, callerNumber),
                answer,
                unavailable,
                "login to mailbox " + mailboxNumber + " of " + tenant);
    }

    @Override
    public void ownMailbox(
            TenantId tenant, String callerNumber, Consumer<Optional<String>> answer) {
        run(
                () -> mailboxes.ownMailbox(tenant, callerNumber),
                answer,
                "caller identification for " + tenant);
    }

    @Override
    public void audio(Session session, long messageId, Consumer<Optional<short[]>> answer) {
        run(
                () -> mailboxes.audio(session.tenant(), session.mailboxId(), messageId),
                answer,
                "audio of message " + messageId);
    }

    @Override
    public void mark(Session session, long messageId, MessageMark mark) {
        marks.execute(
                () -> {
                    try {
                        mailboxes.mark(
                                session.tenant(),
                                session.mailboxId(),
                                messageId,
                                mark,
                                session.callerNumber());
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, mark + " of message " + messageId + " failed", e);
                    }
                });
    }

    @Override
    public void saveGreeting(
            Session session, boolean temporary, byte[] wav, Consumer<Boolean> done) {
        run(
                () ->
                        Optional.of(
                                mailboxes.saveGreeting(
                                        session.tenant(),
                                        session.mailboxId(),
                                        temporary,
                                        wav,
                                        session.callerNumber())),
                result -> done.accept(result.orElse(false)),
                "greeting of mailbox " + session.mailboxNumber() + " of " + session.tenant());
    }

    @Override
    public void clearTemporaryGreeting(Session session, Consumer<Boolean> done) {
        run(
                () ->
                        Optional.of(
                                mailboxes.clearTemporaryGreeting(
                                        session.tenant(),
                                        session.mailboxId(),
                                        session.callerNumber())),
                result -> done.accept(result.orElse(false)),
                "temporary greeting of mailbox "
                        + session.mailboxNumber()
                        + " of "
                        + session.tenant());
    }

    @Override
    public void changePin(Session session, String pin, Consumer<PinChange> answer) {
        run(
                () ->
                        Optional.of(
                                mailboxes.changePin(
                                        session.tenant(),
                                        session.mailboxId(),
                                        pin,
                                        session.callerNumber())),
                result -> answer.accept(result.orElse(PinChange.FAILED)),
                "PIN change of mailbox " + session.mailboxNumber() + " of " + session.tenant());
    }

    /** Runs {@code work} on the phone workers; a failure or a refusal answers empty. */
    private <T> void run(Supplier<Optional<T>> work, Consumer<Optional<T>> answer, String what) {
        run(work, answer, () -> answer.accept(Optional.empty()), what);
    }

    /**
     * Runs {@code work} on the phone workers and hands its result to {@code answer}; when it fails
     * or the workers are all busy, {@code failed} runs instead.
     */
    private <T> void run(Supplier<T> work, Consumer<T> answer, Runnable failed, String what) {
        try {
            workers.execute(
                    () -> {
                        T result;
                        try {
                            result = work.get();
                        } catch (RuntimeException e) {
                            LOG.log(Level.WARNING, what + " failed", e);
                            failed.run();
                            return;
                        }
                        answer.accept(result);
                    });
        } catch (RejectedExecutionException busy) {
            LOG.warning(() -> what + " refused: the phone access workers are all busy");
            failed.run();
        }
    }
}
