package it.segreteria.voicemail.it;

import static it.segreteria.voicemail.it.support.Service.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.segreteria.voicemail.audio.Wav;
import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.VoicemailService;
import it.segreteria.voicemail.message.control.MessageSpool;
import it.segreteria.voicemail.message.control.MessageSpool.SpooledMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A message that a crash or a database outage left in the spool reaches its mailbox once the
 * service can store it, exactly once.
 */
@ExtendWith(VoicemailService.class)
class SpoolIT {

    @Test
    void aMessageLeftInTheSpoolIsStoredOnce(Service service) throws Exception {
        long mailbox =
                json(service.get("api/tenants/initech/mailboxes?number=301"))
                        .get(0)
                        .path("id")
                        .asLong();
        String callId = "spooled-" + System.nanoTime() + "@127.0.0.1";
        MessageSpool spool =
                new MessageSpool(service.process().workDir().resolve("data").resolve("spool"));
        SpooledMessage left =
                new SpooledMessage(
                        "initech",
                        mailbox,
                        "13125550199",
                        "Bob Slydell",
                        "+13125550301",
                        null,
                        callId,
                        Instant.now().toString(),
                        3000,
                        MessageSpool.Stage.FINISHED,
                        "PCMU");

        spool.put(left, Wav.write(new short[24000]));
        spool.put(left, Wav.write(new short[24000])); // the crash came twice

        JsonNode[] found = new JsonNode[1];
        service.process()
                .await(
                        "the spooled message in its mailbox",
                        () -> {
                            for (JsonNode message :
                                    json(
                                            service.get(
                                                    "api/tenants/initech/mailboxes/"
                                                            + mailbox
                                                            + "/messages"))) {
                                if (message.path("sipCallId").asText().equals(callId)) {
                                    found[0] = message;
                                    return true;
                                }
                            }
                            return false;
                        },
                        java.time.Duration.ofSeconds(60));
        assertThat(found[0].path("callerName").asText()).isEqualTo("Bob Slydell");
        assertThat(found[0].path("durationMillis").asLong()).isEqualTo(3000);
        service.process()
                .await(
                        "the spool to empty",
                        () -> spool.keys().isEmpty(),
                        java.time.Duration.ofSeconds(60));
        long copies = 0;
        for (JsonNode message :
                json(service.get("api/tenants/initech/mailboxes/" + mailbox + "/messages"))) {
            if (message.path("sipCallId").asText().equals(callId)) {
                copies++;
            }
        }
        assertThat(copies).isEqualTo(1);
    }
}
