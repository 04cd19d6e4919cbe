package it.segreteria.voicemail.it;

import static it.segreteria.voicemail.it.support.Service.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.SipProbe;
import it.segreteria.voicemail.it.support.Sipp;
import it.segreteria.voicemail.it.support.TestAudio;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service stopped with SIGTERM while callers speak drains: new calls and probes get 503 at once,
 * the callers who finish within the grace period leave their whole messages, a caller still talking
 * when it ends is hung up on and keeps what they said; nothing is lost and the process exits by
 * itself.
 */
class ShutdownIT {

    private static final String ACME_100 = "+390255500100";
    private static final int GRACE_SECONDS = 8;
    private static final int FINISHING = 3;

    @Test
    void aStoppedServiceRefusesNewCallsAndKeepsEveryMessageInProgress() throws Exception {
        try (Service service =
                Service.startPrivate(
                        "shutdown",
                        Map.of(
                                "voicemail.shutdown.grace-seconds",
                                Integer.toString(GRACE_SECONDS),
                                "voicemail.deposit.max-seconds",
                                "60"))) {
            int sipPort = service.process().sipPort();
            // three callers who finish 4 s into their message (within the grace period) ...
            Sipp.Running finishing =
                    Sipp.start(
                            "deposit",
                            ACME_100,
                            sipPort,
                            Map.of(
                                    "AUDIO",
                                    TestAudio.warble(Codec.PCMU, 4)
                                            .write("drain-finish")
                                            .toString(),
                                    "PT",
                                    "0",
                                    "TALK",
                                    "4000"),
                            Map.of(
                                    "caller",
                                    "3331112222",
                                    "name",
                                    "Finishing",
                                    "pt",
                                    "0",
                                    "te",
                                    "96"),
                            FINISHING,
                            "drain-finish-%u@127.0.0.1");
            // ... and one who would talk for 40 s
            Sipp.Running talking =
                    Sipp.start(
                            "deposit-ended-by-service",
                            ACME_100,
                            sipPort,
                            Map.of(
                                    "AUDIO",
                                    TestAudio.warble(Codec.PCMU, 40).write("drain-talk").toString(),
                                    "PT",
                                    "0",
                                    "TALK",
                                    "1000",
                                    "DTMF",
                                    ""),
                            Map.of(
                                    "caller",
                                    "3334445555",
                                    "name",
                                    "Talking",
                                    "pt",
                                    "0",
                                    "te",
                                    "96"),
                            1,
                            "drain-talk-%u@127.0.0.1");
            service.process()
                    .await(
                            "four callers recording",
                            () -> service.gauge("voicemail_messages_spooled").orElse(0) >= 4,
                            Duration.ofSeconds(60));

            long stopAt = System.nanoTime();
            service.process().terminate();

            SipProbe probe = new SipProbe(sipPort);
            service.process()
                    .await(
                            "probes answered 503",
                            () -> {
                                try {
                                    SipProbe.Response options = probe.udpFinal("OPTIONS");
                                    return options != null && options.status() == 503;
                                } catch (java.io.IOException e) {
                                    return false;
                                }
                            },
                            Duration.ofSeconds(5));
            SipProbe.Response invite = probe.udpFinal("INVITE");
            assertThat(invite).as("a new call while stopping").isNotNull();
            assertThat(invite.status()).isEqualTo(503);
            assertThat(invite.header("retry-after")).isNotNull();

            Sipp.Result finished = finishing.await();
            assertThat(finished.succeeded()).as(finished.output()).isTrue();
            Sipp.Result hungUpOn = talking.await();
            assertThat(hungUpOn.succeeded())
                    .as("the caller still talking gets the service's BYE: " + hungUpOn.output())
                    .isTrue();
            assertThat(service.process().awaitExit(Duration.ofSeconds(GRACE_SECONDS + 40)))
                    .as("the process exits by itself")
                    .isTrue();
            long stoppedMillis = (System.nanoTime() - stopAt) / 1_000_000;
            assertThat(stoppedMillis)
                    .as("exit after the grace period, not long after")
                    .isBetween(GRACE_SECONDS * 1000L, GRACE_SECONDS * 1000L + 35_000L);

            service.restart();
            Map<String, JsonNode> messages = new HashMap<>();
            service.process()
                    .await(
                            "every message after the restart",
                            () -> {
                                messages.clear();
                                for (JsonNode message :
                                        json(
                                                service.get(
                                                        "api/tenants/acme/mailboxes/"
                                                                + mailboxId(service)
                                                                + "/messages"))) {
                                    messages.put(message.path("sipCallId").asText(), message);
                                }
                                return messages.size() >= FINISHING + 1;
                            },
                            Duration.ofSeconds(60));
            assertThat(messages).hasSize(FINISHING + 1);
            for (int call = 1; call <= FINISHING; call++) {
                JsonNode whole = messages.get("drain-finish-" + call + "@127.0.0.1");
                assertThat(whole).as("message of caller %d", call).isNotNull();
                assertThat(whole.path("cutShort").asBoolean()).isFalse();
                assertThat(whole.path("durationMillis").asLong()).isBetween(3_700L, 4_400L);
            }
            JsonNode ended = messages.get("drain-talk-1@127.0.0.1");
            assertThat(ended).as("message of the caller hung up on").isNotNull();
            // recorded from the tone until the grace period ran out (the tone came before the
            // stop)
            assertThat(ended.path("durationMillis").asLong())
                    .isBetween(GRACE_SECONDS * 1000L - 1_000L, GRACE_SECONDS * 1000L + 12_000L);
            service.process()
                    .await(
                            "an email for every message",
                            () -> service.mail().getReceivedMessages().length >= FINISHING + 1,
                            Duration.ofSeconds(60));
            assertThat(service.mail().getReceivedMessages())
                    .as("a clean stop sends no email twice")
                    .hasSize(FINISHING + 1);
        }
    }

    private static long mailboxId(Service service) {
        return json(service.get("api/tenants/acme/mailboxes?number=100"))
                .get(0)
                .path("id")
                .asLong();
    }
}
