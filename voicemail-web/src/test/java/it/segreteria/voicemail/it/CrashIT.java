package it.segreteria.voicemail.it;

import static it.segreteria.voicemail.it.support.Service.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.Sipp;
import it.segreteria.voicemail.it.support.TestAudio;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The service killed with SIGKILL while 20 callers speak and right after 20 others hung up: after
 * the restart, every finished message is stored whole and once, every interrupted recording is a
 * message cut short with its checkpointed audio, and each message is emailed (an email in flight at
 * the kill may be sent twice, under one Message-ID).
 */
class CrashIT {

    private static final String ACME_100 = "+390255500100";
    private static final int CALLERS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aKilledServiceLosesNoFinishedMessageAndKeepsCheckpointedRecordings() throws Exception {
        try (Service service = Service.startPrivate("crash")) {
            Path spool = service.process().workDir().resolve("data").resolve("spool");
            TestAudio longSpeech = TestAudio.warble(Codec.PCMU, 60);
            TestAudio shortSpeech = TestAudio.warble(Codec.PCMU, 3);

            Sipp.Running speaking =
                    callers(service, "speaking", longSpeech, 60_000); // still talking at the kill
            Sipp.Result hungUp = callers(service, "hungup", shortSpeech, 3_000).await();
            assertThat(hungUp.succeeded()).as(hungUp.output()).isTrue();
            service.process()
                    .await(
                            "every speaking caller's recording checkpointed",
                            () -> checkpointedRecordings(spool) >= CALLERS,
                            Duration.ofSeconds(60));

            service.kill();
            speaking.kill();
            service.restart();

            Map<String, JsonNode> messages = new HashMap<>();
            service.process()
                    .await(
                            "40 messages after the restart",
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
                                return messages.size() >= 2 * CALLERS;
                            },
                            Duration.ofSeconds(90));
            assertThat(messages).hasSize(2 * CALLERS); // once per call, never doubled
            for (int call = 1; call <= CALLERS; call++) {
                JsonNode whole = messages.get("crash-hungup-" + call + "@127.0.0.1");
                assertThat(whole).as("finished message of caller %d", call).isNotNull();
                assertThat(whole.path("cutShort").asBoolean()).isFalse();
                assertThat(whole.path("durationMillis").asLong()).isBetween(2_800L, 3_300L);

                JsonNode cut = messages.get("crash-speaking-" + call + "@127.0.0.1");
                assertThat(cut).as("interrupted recording of caller %d", call).isNotNull();
                assertThat(cut.path("cutShort").asBoolean()).isTrue();
                assertThat(cut.path("durationMillis").asLong()).isGreaterThanOrEqualTo(1_000L);
                byte[] wav =
                        service.http()
                                .send(
                                        service.request(
                                                        "api/tenants/acme/messages/"
                                                                + cut.path("id").asLong()
                                                                + "/audio")
                                                .GET()
                                                .build(),
                                        java.net.http.HttpResponse.BodyHandlers.ofByteArray())
                                .body();
                long millis = cut.path("durationMillis").asLong();
                assertThat(wav.length - 44L) // 16-bit samples at 8 kHz: 16 bytes a millisecond
                        .as("the audio up to the last checkpoint")
                        .isBetween(millis * 16, millis * 16 + 15);
            }

            service.process()
                    .await(
                            "an email for every message",
                            () -> notifiedMessageIds(service).size() >= 2 * CALLERS,
                            Duration.ofSeconds(90));
            assertThat(notifiedMessageIds(service)).hasSize(2 * CALLERS);
            // SMTP has no idempotency: an email accepted in the instant before the kill, its
            // outcome
            // not yet committed, is sent again after the restart, with the same Message-ID. That is
            // at most one email per sender connection (4), never a lost one.
            assertThat(service.mail().getReceivedMessages())
                    .as("one email per message, but for those in flight at the kill")
                    .hasSizeBetween(2 * CALLERS, 2 * CALLERS + 4);
            assertThat(distinctMessageIdHeaders(service)).hasSize(2 * CALLERS);
            assertThat(spool).isEmptyDirectory();
        }
    }

    private static Sipp.Running callers(
            Service service, String group, TestAudio audio, int talkMillis) {
        return Sipp.start(
                "deposit",
                ACME_100,
                service.process().sipPort(),
                Map.of(
                        "AUDIO",
                        audio.write("crash-" + group).toString(),
                        "PT",
                        "0",
                        "TALK",
                        Integer.toString(talkMillis)),
                Map.of("caller", "3331112222", "name", "Crash " + group, "pt", "0", "te", "96"),
                CALLERS,
                "crash-" + group + "-%u@127.0.0.1");
    }

    /** Recordings in progress whose audio has reached the disk at least once. */
    private static long checkpointedRecordings(Path spool) {
        if (!Files.isDirectory(spool)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(spool)) {
            List<Path> audio = files.filter(p -> p.toString().endsWith(".g711")).toList();
            long count = 0;
            for (Path g711 : audio) {
                Path description =
                        g711.resolveSibling(
                                g711.getFileName().toString().replace(".g711", ".json"));
                try {
                    JsonNode spooled = JSON.readTree(description.toFile());
                    if (spooled.path("sipCallId").asText().startsWith("crash-speaking-")
                            && spooled.path("stage").asText().equals("RECORDING")
                            && Files.size(g711) > 0) {
                        count++;
                    }
                } catch (IOException finishedMeanwhile) {
                    // not counted
                }
            }
            return count;
        } catch (IOException e) {
            return 0;
        }
    }

    private static long mailboxId(Service service) {
        return json(service.get("api/tenants/acme/mailboxes?number=100"))
                .get(0)
                .path("id")
                .asLong();
    }

    /** The distinct Message-ID headers of the emails received. */
    private static java.util.Set<String> distinctMessageIdHeaders(Service service) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        try {
            for (MimeMessage email : service.mail().getReceivedMessages()) {
                ids.add(email.getMessageID());
            }
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    /** The message ids of the notification emails received, one entry per distinct message. */
    private static List<String> notifiedMessageIds(Service service) {
        List<String> ids = new ArrayList<>();
        try {
            for (MimeMessage email : service.mail().getReceivedMessages()) {
                String id = email.getHeader("X-Voicemail-Message-Id", null);
                if (id != null && !ids.contains(id)) {
                    ids.add(id);
                }
            }
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }
}
