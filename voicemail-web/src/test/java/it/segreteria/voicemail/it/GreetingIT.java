package it.segreteria.voicemail.it;

import static it.segreteria.voicemail.it.support.Service.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.segreteria.voicemail.audio.Wav;
import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.VoicemailService;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An operator uploads a mailbox's own greeting; what is not a WAV file is refused with a reason.
 */
@ExtendWith(VoicemailService.class)
class GreetingIT {

    @Test
    void aGreetingIsSetAuditedAndRemoved(Service service) {
        long mailbox =
                json(service.get("api/tenants/initech/mailboxes?number=300"))
                        .get(0)
                        .path("id")
                        .asLong();
        short[] tone = new short[8000];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) (6000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        }
        String path = "api/tenants/initech/mailboxes/" + mailbox + "/greeting";

        HttpResponse<String> set = put(service, path, Wav.write(tone));
        HttpResponse<String> junk = put(service, path, "not audio".getBytes());

        assertThat(set.statusCode()).as(set.body()).isEqualTo(204);
        assertThat(junk.statusCode()).isEqualTo(400);
        assertThat(json(junk).path("message").asText()).contains("not a WAV file");
        JsonNode latest = json(service.get("api/tenants/initech/audit?limit=1")).get(0);
        assertThat(latest.path("action").asText()).isEqualTo("GREETING_CHANGED");
        assertThat(latest.path("actor").asText()).isEqualTo("operator:operator");
        assertThat(service.delete(path).statusCode()).isEqualTo(204);
        assertThat(service.delete(path).statusCode()).isEqualTo(404);
        assertThat(
                        put(
                                        service,
                                        "api/tenants/acme/mailboxes/" + mailbox + "/greeting",
                                        Wav.write(tone))
                                .statusCode())
                .as("another tenant's mailbox")
                .isEqualTo(404);
    }

    private static HttpResponse<String> put(Service service, String path, byte[] body) {
        return service.send(
                service.request(path)
                        .header("Content-Type", "audio/wav")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build());
    }
}
