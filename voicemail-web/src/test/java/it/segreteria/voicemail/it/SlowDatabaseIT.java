package it.segreteria.voicemail.it;

import static it.segreteria.voicemail.it.support.Service.json;
import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.Sipp;
import it.segreteria.voicemail.it.support.TestAudio;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The database becomes very slow (every exchange with it held back seconds by a relay) while a
 * message is being stored: other callers are still answered and hung up on as fast as ever, because
 * storing runs on its own worker and routes already known are served from the cache while they are
 * read afresh in the background. The message is stored and emailed once the database is fast again.
 */
class SlowDatabaseIT {

    private static final String ACME_100 = "+390255500100";

    /** Each chunk of bytes to or from the database waits this long: a query takes twice that. */
    private static final Duration DATABASE_DELAY = Duration.ofSeconds(5);

    @Test
    void aSlowDatabaseDelaysNoOtherCall() throws Exception {
        try (Service service = Service.startPrivate("slowdb")) {
            long mailbox =
                    json(service.get("api/tenants/acme/mailboxes?number=100"))
                            .get(0)
                            .path("id")
                            .asLong();
            // the number is routed once with the database at full speed
            Sipp.Result first = hangUpDuringTheGreeting(service, "3335550100");
            assertThat(first.succeeded()).as(first.output()).isTrue();
            long routedAt = System.nanoTime();

            service.databaseLink().delay(DATABASE_DELAY);
            TestAudio audio = TestAudio.warble(Codec.PCMU, 3);
            Sipp.Result deposit =
                    Sipp.start(
                                    "deposit-ended-by-service",
                                    ACME_100,
                                    service.process().sipPort(),
                                    Map.of(
                                            "AUDIO",
                                            audio.write("slowdb").toString(),
                                            "PT",
                                            "0",
                                            "TALK",
                                            "3000",
                                            "DTMF",
                                            "<nop><action><exec play_dtmf=\"#,200\"/></action></nop>"),
                                    Map.of(
                                            "caller", "3335550101",
                                            "name", "Slow Caller",
                                            "pt", "0",
                                            "te", "96"),
                                    1,
                                    null)
                            .await();
            assertThat(deposit.succeeded())
                    .as(
                            "goodbye and the service's BYE without waiting for storing: "
                                    + deposit.output())
                    .isTrue();

            // the cached route is older than the cache's lifetime by now: the next calls would read
            // it from the slow database if anything on their path did
            while (System.nanoTime() - routedAt < Duration.ofSeconds(6).toNanos()) {
                Thread.sleep(100);
            }
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                Sipp.Result other = hangUpDuringTheGreeting(service, "333555020" + i);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(other.succeeded()).as(other.output()).isTrue();
                assertThat(took)
                        .as(
                                "INVITE, 200, ACK, half a second of greeting, BYE and its 200"
                                        + " (one database query would take "
                                        + DATABASE_DELAY.multipliedBy(2)
                                        + ")")
                        .isLessThan(DATABASE_DELAY);
            }
            assertThat(spooled(service, deposit.callId()))
                    .as("the first message was still being stored in the slow database")
                    .isTrue();

            service.databaseLink().delay(Duration.ZERO);
            service.process()
                    .await(
                            "the message once the database is fast again",
                            () ->
                                    json(service.get(
                                                    "api/tenants/acme/mailboxes/"
                                                            + mailbox
                                                            + "/messages"))
                                            .findValuesAsText("sipCallId")
                                            .contains(deposit.callId()),
                            Duration.ofSeconds(120));
            service.process()
                    .await(
                            "its email",
                            () -> service.mail().getReceivedMessages().length >= 1,
                            Duration.ofSeconds(60));
            assertThat(service.mail().getReceivedMessages()).hasSize(1);
        }
    }

    private static Sipp.Result hangUpDuringTheGreeting(Service service, String caller) {
        return Sipp.call(
                "greeting-hangup",
                ACME_100,
                service.process().sipPort(),
                Map.of("TALK", "500"),
                Map.of("caller", caller, "name", "Other Caller", "pt", "0", "te", "96"));
    }

    /** The message of this call is still in the spool: not committed yet. */
    private static boolean spooled(Service service, String callId) {
        Path spool = service.process().workDir().resolve("data").resolve("spool");
        try (var files = Files.list(spool)) {
            return files.filter(p -> p.toString().endsWith(".json"))
                    .anyMatch(
                            p -> {
                                try {
                                    return Files.readString(p).contains(callId);
                                } catch (IOException gone) {
                                    return false;
                                }
                            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
