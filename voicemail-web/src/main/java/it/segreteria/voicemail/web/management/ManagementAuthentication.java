package it.segreteria.voicemail.web.management;

import it.segreteria.voicemail.web.security.BasicCredentials;
import it.segreteria.voicemail.web.security.LoginThrottle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * The operator's HTTP Basic login for Payara's management endpoints ({@code /metrics}, {@code
 * /openapi}). Payara adds those endpoints to the web application at the root context; the run
 * command deploys {@code voicemail-management.war} there, whose {@code web.xml} puts them behind
 * the {@code operator} role and whose only class is this mechanism: the same account ({@code
 * voicemail.operator.user} / {@code voicemail.operator.password}), the same lockout after failed
 * logins per address, malformed headers a plain 401. Readiness and liveness ({@code /health}) stay
 * open for load balancers. Not part of {@code voicemail.war}, whose API has its own mechanism.
 */
@ApplicationScoped
public class ManagementAuthentication implements HttpAuthenticationMechanism {

    private static final String CHALLENGE = "Basic realm=\"voicemail\", charset=\"UTF-8\"";

    @Inject Config config;

    private final LoginThrottle throttle = new LoginThrottle(10, Duration.ofSeconds(60), 10_000);

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        if (!context.isProtected()) {
            return context.doNothing();
        }
        String source = request.getRemoteAddr();
        Instant now = Instant.now();
        Optional<Duration> wait = throttle.lockedOut(source, now);
        if (wait.isPresent()) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds())));
            return challenge(response, context);
        }
        String header = request.getHeader("Authorization");
        if (header == null) {
            return challenge(response, context);
        }
        Optional<UsernamePasswordCredential> login = BasicCredentials.parse(header);
        if (login.isPresent() && valid(login.get())) {
            throttle.succeeded(source);
            return context.notifyContainerAboutLogin(login.get().getCaller(), Set.of("operator"));
        }
        throttle.failed(source, now);
        return challenge(response, context);
    }

    private boolean valid(UsernamePasswordCredential login) {
        String user =
                config.getOptionalValue("voicemail.operator.user", String.class).orElse("operator");
        Optional<String> password =
                config.getOptionalValue("voicemail.operator.password", String.class)
                        .filter(p -> !p.isEmpty());
        // both compared whatever the first gives, in constant time
        return password.isPresent()
                && (same(user, login.getCaller())
                        & same(password.get(), login.getPasswordAsString()));
    }

    private static boolean same(String expected, String given) {
        return given != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8),
                        given.getBytes(StandardCharsets.UTF_8));
    }

    private static AuthenticationStatus challenge(
            HttpServletResponse response, HttpMessageContext context) {
        response.setHeader("WWW-Authenticate", CHALLENGE);
        return context.responseUnauthorized();
    }
}
