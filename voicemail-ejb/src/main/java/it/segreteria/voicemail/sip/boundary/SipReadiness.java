package it.segreteria.voicemail.sip.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness ({@code /health/ready}) of SIP: the listening points are bound and the stack runs. */
@Readiness
@ApplicationScoped
public class SipReadiness implements HealthCheck {

    @Inject SipEndpoint sip;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("sip")
                .status(sip.isListening())
                .withData("listening", sip.describe())
                .build();
    }
}
