package it.segreteria.voicemail.platform.boundary;

import it.segreteria.voicemail.platform.control.Database;
import it.segreteria.voicemail.sip.boundary.SipEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness ({@code /health/ready}): the service can take calls only when its database answers and
 * its SIP listening points are bound. Each is its own check, so an operator sees which one is down.
 */
public final class ServiceReadiness {

    private ServiceReadiness() {}

    @Readiness
    @ApplicationScoped
    public static class DatabaseCheck implements HealthCheck {

        @Inject Database database;

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("database")
                    .status(database.answers())
                    .withData("kind", database.kind())
                    .build();
        }
    }

    @Readiness
    @ApplicationScoped
    public static class SipCheck implements HealthCheck {

        @Inject SipEndpoint sip;

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("sip")
                    .status(sip.isListening())
                    .withData("listening", sip.describe())
                    .build();
        }
    }
}
