package it.segreteria.voicemail.it;

import static it.segreteria.voicemail.it.support.Service.json;
import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.SipProbe;
import org.junit.jupiter.api.Test;

/**
 * Health probes that hammer the service while Payara starts it must not break it. The readiness
 * checks used to call the database and SIP singletons at once: a probe that arrived while Payara
 * was still starting the applications created the database singleton on an HTTP thread of the
 * management application, where its data source cannot be injected, and the service stayed DOWN for
 * good (it happened to the test suite's own start-up polling).
 */
class StartupProbesIT {

    @Test
    void probesDuringStartUpLeaveAWorkingService() throws Exception {
        try (Service service = Service.startPrivateUnderProbes("probed", 6)) {
            assertThat(service.process().log())
                    .doesNotContain("Initialization failed for Singleton");
            SipProbe.Response options = new SipProbe(service.process().sipPort()).udp("OPTIONS");
            assertThat(options).isNotNull();
            assertThat(options.status()).isEqualTo(200);
            assertThat(json(service.get("api/tenants/acme/mailboxes?number=100")))
                    .as("the database works")
                    .hasSize(1);
        }
    }
}
