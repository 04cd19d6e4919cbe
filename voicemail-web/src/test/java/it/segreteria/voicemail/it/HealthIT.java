package it.segreteria.voicemail.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.ServiceProcess.Readiness;
import it.segreteria.voicemail.it.support.VoicemailService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VoicemailService.class)
class HealthIT {

    @Test
    void readyMeansTheDatabaseAnswersAndSipIsBound(Service service) throws Exception {
        Readiness ready = service.process().readiness();

        assertThat(ready.status()).isEqualTo(200);
        JsonNode health = new ObjectMapper().readTree(ready.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("checks").findValuesAsText("name")).contains("database", "sip");
        for (JsonNode check : health.path("checks")) {
            assertThat(check.path("status").asText()).as(check.toString()).isEqualTo("UP");
        }
        assertThat(health.findPath("kind").asText()).isEqualTo("postgresql");
        int sip = service.process().sipPort();
        assertThat(health.findPath("listening").asText())
                .isEqualTo(
                        "udp 127.0.0.1:"
                                + sip
                                + ", tcp 127.0.0.1:"
                                + sip
                                + ", tls 127.0.0.1:"
                                + service.tlsPort());
    }
}
