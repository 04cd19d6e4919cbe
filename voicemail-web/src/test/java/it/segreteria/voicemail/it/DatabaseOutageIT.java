package it.segreteria.voicemail.it;

import static it.segreteria.voicemail.it.support.Service.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.Sipp;
import it.segreteria.voicemail.it.support.TestAudio;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The database goes away while a caller speaks and stays away after they finish: the caller still
 * hears goodbye and is hung up on, a second caller still reaches the mailbox, and both messages are
 * stored and emailed exactly once when the database is back.
 */
class DatabaseOutageIT {

    private static final String ACME_100 = "+390255500100";

    @Test
    void aMessageLeftDuringADatabaseOutageIsStoredAndEmailedOnceWhenItIsBack() throws Exception {
        try (Service service = Service.startPrivate("outage")) {
            long mailbox =
                    json(service.get("api/tenants/acme/mailboxes?number=100"))
                            .get(0)
                            .path("id")
                            .asLong();
            TestAudio audio = TestAudio.warble(Codec.PCMU, 4);
            Sipp.Running caller = caller(service, audio, "3335550000", "Outage Caller");
            // the caller is routed and answered with the database up; then it goes away mid-message
            service.process()
                    .await(
                            "the caller to be recording",
                            () -> recordingInSpool(service),
                            Duration.ofSeconds(30));
            service.databaseLink().down();

            Sipp.Result call = caller.await();
            assertThat(call.succeeded())
                    .as("'#', goodbye and the service's BYE, database or not: " + call.output())
                    .isTrue();
            assertThat(service.mail().getReceivedMessages()).isEmpty();

            // the database is still away (longer than routes are cached): a second caller still
            // reaches the mailbox and leaves a message
            Sipp.Result second = caller(service, audio, "3335550001", "Second Caller").await();
            assertThat(second.succeeded()).as(second.output()).isTrue();

            service.databaseLink().up();
            JsonNode[] stored = new JsonNode[1];
            service.process()
                    .await(
                            "the message once the database is back",
                            () -> {
                                for (JsonNode message :
                                        json(
                                                service.get(
                                                        "api/tenants/acme/mailboxes/"
                                                                + mailbox
                                                                + "/messages"))) {
                                    if (message.path("sipCallId").asText().equals(call.callId())) {
                                        stored[0] = message;
                                        return true;
                                    }
                                }
                                return false;
                            },
                            Duration.ofSeconds(90));
            assertThat(stored[0].path("durationMillis").asLong()).isBetween(3_500L, 4_400L);
            service.process()
                    .await(
                            "the second caller's message",
                            () ->
                                    json(service.get(
                                                            "api/tenants/acme/mailboxes/"
                                                                    + mailbox
                                                                    + "/messages"))
                                                    .size()
                                            == 2,
                            Duration.ofSeconds(60));
            assertThat(stored[0].path("cutShort").asBoolean()).isFalse();
            service.process()
                    .await(
                            "their emails",
                            () -> service.mail().getReceivedMessages().length >= 2,
                            Duration.ofSeconds(60));
            assertThat(service.mail().getReceivedMessages()).as("one email each").hasSize(2);
            assertThat(json(service.get("api/tenants/acme/mailboxes/" + mailbox + "/messages")))
                    .as("stored once each")
                    .hasSize(2);
        }
    }

    /** A caller who speaks 4 s, presses '#' (RFC 4733) and waits for goodbye and our BYE. */
    private static Sipp.Running caller(
            Service service, TestAudio audio, String number, String name) {
        return Sipp.start(
                "deposit-ended-by-service",
                ACME_100,
                service.process().sipPort(),
                Map.of(
                        "AUDIO", audio.write("outage-" + number).toString(),
                        "PT", "0",
                        "TALK", "4000",
                        "DTMF", "<nop><action><exec play_dtmf=\"#,200\"/></action></nop>"),
                Map.of("caller", number, "name", name, "pt", "0", "te", "96"),
                1,
                null);
    }

    /** A recording described in the spool: the call has passed the tone. */
    private static boolean recordingInSpool(Service service) {
        java.nio.file.Path spool = service.process().workDir().resolve("data").resolve("spool");
        try (var files = java.nio.file.Files.list(spool)) {
            return files.anyMatch(p -> p.toString().endsWith(".g711"));
        } catch (java.io.IOException notYet) {
            return false;
        }
    }
}
