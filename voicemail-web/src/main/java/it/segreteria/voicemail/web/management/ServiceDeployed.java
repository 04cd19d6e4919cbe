package it.segreteria.voicemail.web.management;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness from the management WAR: DOWN until voicemail.war has started its SIP endpoint (which
 * sets {@value #STARTED} in this JVM) and after it stopped. Without it, once the management WAR is
 * deployed, a voicemail.war that failed to deploy (a refused provisioning file) or is still
 * deploying would leave readiness UP with no check at all.
 */
@Readiness
@ApplicationScoped
public class ServiceDeployed implements HealthCheck {

    /** The system property voicemail.war sets once it takes calls, and clears when it stops. */
    public static final String STARTED = "voicemail.service.started";

    @Override
    public HealthCheckResponse call() {
        String since = System.getProperty(STARTED);
        return HealthCheckResponse.named("voicemail")
                .status(since != null)
                .withData("deployed", since != null)
                .build();
    }
}
