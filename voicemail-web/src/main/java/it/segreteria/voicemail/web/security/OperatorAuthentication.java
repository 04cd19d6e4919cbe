package it.segreteria.voicemail.web.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * HTTP Basic for the operator account on the operator API (called by {@link WebAuthentication}, the
 * application's one mechanism), written by hand rather than the container's so that a malformed
 * {@code Authorization} header is a plain 401 (the container's answered 500 with a stack trace) and
 * repeated failures from one address lock it out for a while: after {@code
 * voicemail.operator.max-failed-logins} (default 10) failures within {@code
 * voicemail.operator.lockout-seconds} (default 60) the address gets 401 with {@code Retry-After}
 * until that time has passed since its last failure, and its passwords are not checked at all.
 */
@ApplicationScoped
public class OperatorAuthentication {

    private static final Logger LOG = Logger.getLogger(OperatorAuthentication.class.getName());
    static final String MAX_FAILURES = "voicemail.operator.max-failed-logins";
    static final String WINDOW_SECONDS = "voicemail.operator.lockout-seconds";
    static final String SUMMARY_SECONDS = "voicemail.operator.failed-login-summary-seconds";
    private static final String CHALLENGE = "Basic realm=\"voicemail\", charset=\"UTF-8\"";

    @Inject IdentityStoreHandler identities;

    @Inject Config config;

    @Inject it.segreteria.voicemail.audit.boundary.PlatformAudit audit;

    @jakarta.annotation.Resource
    jakarta.enterprise.concurrent.ManagedScheduledExecutorService scheduler;

    private LoginThrottle throttle;

    /** Failed logins, written to the platform audit a row per source and minute. */
    private volatile FailedLoginCounts failures;

    /** Lockouts not yet written (the request that caused one does not wait for the database). */
    private final java.util.Queue<String> lockouts =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    private java.util.concurrent.ScheduledFuture<?> flushing;

    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header == null) {
            return context.isProtected() ? challenge(response, context) : context.doNothing();
        }
        String source = request.getRemoteAddr();
        Instant now = Instant.now();
        Optional<Duration> wait = throttle.lockedOut(source, now);
        if (wait.isPresent()) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds())));
            return challenge(response, context);
        }
        Optional<UsernamePasswordCredential> credential = basic(header);
        CredentialValidationResult result =
                credential.isPresent()
                        ? identities.validate(credential.get())
                        : CredentialValidationResult.INVALID_RESULT;
        if (result.getStatus() == CredentialValidationResult.Status.VALID) {
            throttle.succeeded(source);
            return context.notifyContainerAboutLogin(result);
        }
        throttle.failed(source, now);
        failures.failed(source, now);
        if (throttle.lockedOut(source, now).isPresent()) {
            LOG.warning("operator API: too many failed logins from " + source + ", locked out");
            lockouts.add(source);
        }
        return challenge(response, context);
    }

    /** The user and password of a Basic header; empty when it is anything else or malformed. */
    static Optional<UsernamePasswordCredential> basic(String header) {
        return BasicCredentials.parse(header);
    }

    private static AuthenticationStatus challenge(
            HttpServletResponse response, HttpMessageContext context) {
        response.setHeader("WWW-Authenticate", CHALLENGE);
        return context.responseUnauthorized();
    }

    @PostConstruct
    void start() {
        failures =
                new FailedLoginCounts(
                        1_000,
                        Duration.ofSeconds(
                                config.getOptionalValue(SUMMARY_SECONDS, Integer.class)
                                        .orElse(60)));
        throttle =
                new LoginThrottle(
                        config.getOptionalValue(MAX_FAILURES, Integer.class).orElse(10),
                        Duration.ofSeconds(
                                config.getOptionalValue(WINDOW_SECONDS, Integer.class).orElse(60)),
                        10_000);
        flushing =
                scheduler.scheduleWithFixedDelay(
                        this::flush, 5, 5, java.util.concurrent.TimeUnit.SECONDS);
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        if (flushing != null) {
            flushing.cancel(false);
        }
    }

    /** Writes the lockouts and the minutes of failed logins that are over to the platform audit. */
    void flush() {
        try {
            for (String source; (source = lockouts.poll()) != null; ) {
                audit.record(
                        it.segreteria.voicemail.audit.entity.PlatformEvent.Action
                                .OPERATOR_LOCKED_OUT,
                        source,
                        "locked out of the operator API for "
                                + config.getOptionalValue(WINDOW_SECONDS, Integer.class).orElse(60)
                                + " s after too many failed logins");
            }
            for (FailedLoginCounts.Summary summary : failures.closed(Instant.now())) {
                audit.record(
                        it.segreteria.voicemail.audit.entity.PlatformEvent.Action
                                .OPERATOR_LOGIN_FAILED,
                        summary.source(),
                        summary.failures()
                                + " failed operator logins from "
                                + summary.from()
                                + " to "
                                + summary.to());
            }
        } catch (RuntimeException e) {
            LOG.log(java.util.logging.Level.WARNING, "failed operator logins not audited", e);
        }
    }
}
