package it.segreteria.voicemail.platform.boundary;

import it.segreteria.voicemail.platform.control.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness ({@code /health/ready}) of the database: the service can take calls only when it
 * answers. The SIP endpoint has its own check, so an operator sees which one is down.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Inject Database database;

    @Override
    public HealthCheckResponse call() {
        if (!Database.migrated()) { // never the call that creates the singleton: see migrated()
            return HealthCheckResponse.named("database").down().withData("starting", true).build();
        }
        return HealthCheckResponse.named("database")
                .status(database.answers())
                .withData("kind", database.kind())
                .build();
    }
}
