package it.segreteria.voicemail.sip.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness ({@code /health/ready}) of SIP: the listening points are bound, the stack runs, and the
 * service is below its limit of calls (a saturated service answers 503, so a balancer should send
 * calls elsewhere).
 */
@Readiness
@ApplicationScoped
public class SipReadiness implements HealthCheck {

    @Inject SipEndpoint sip;

    @Override
    public HealthCheckResponse call() {
        if (!SipEndpoint.started()) { // never the call that creates the singleton
            return HealthCheckResponse.named("sip").down().withData("starting", true).build();
        }
        return HealthCheckResponse.named("sip")
                .status(sip.isListening() && !sip.sessions().saturated())
                .withData("listening", sip.describe())
                .withData("calls", sip.sessions() == null ? 0 : sip.sessions().active())
                .build();
    }
}
