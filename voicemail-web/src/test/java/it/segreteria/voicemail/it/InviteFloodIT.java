package it.segreteria.voicemail.it;

import static it.segreteria.voicemail.it.support.Service.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.Sipp;
import it.segreteria.voicemail.it.support.TestAudio;
import it.segreteria.voicemail.it.support.VoicemailService;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One address floods the service with thousands of INVITEs a second that never ACK; callers from
 * other addresses leave their messages as if nothing happened.
 */
@ExtendWith(VoicemailService.class)
class InviteFloodIT {

    private static final String FLOODER = "127.0.0.9";
    private static final String CALLERS = "127.0.0.2";
    private static final int FLOOD_RATE = 3000;
    private static final int FLOOD_SECONDS = 10;
    private static final int LEGITIMATE_CALLS = 20;

    @Test
    void callersFromOtherAddressesAreServedAndTheirMessagesStored(Service service)
            throws Exception {
        int port = service.process().sipPort();
        double throttledBefore = service.gauge("voicemail_sip_requests_throttled").orElse(0);
        Process flood = flood(port);
        try {
            service.process()
                    .await(
                            "the flood to be throttled",
                            () ->
                                    service.gauge("voicemail_sip_requests_throttled").orElse(0)
                                            > throttledBefore + 1000,
                            java.time.Duration.ofSeconds(20));
            TestAudio audio = TestAudio.warble(Codec.PCMU, 3.0);
            Sipp.Result calls =
                    Sipp.startFrom(
                                    CALLERS,
                                    "deposit",
                                    "+390255500100",
                                    port,
                                    Map.of(
                                            "AUDIO", audio.write("flood-legitimate").toString(),
                                            "PT", "0",
                                            "TALK", "3000"),
                                    Map.of(
                                            "caller",
                                            "3334440000",
                                            "name",
                                            "Legit",
                                            "pt",
                                            "0",
                                            "te",
                                            "96"),
                                    LEGITIMATE_CALLS,
                                    "legit-%u-" + System.nanoTime() + "@" + CALLERS)
                            .await();
            assertThat(flood.isAlive())
                    .as("the flood lasted through the legitimate calls")
                    .isTrue();

            assertThat(calls.succeeded()).as(calls.output()).isTrue();
            String ids = calls.callId();
            for (int call = 1; call <= LEGITIMATE_CALLS; call++) {
                DepositIT.awaitMessage(service, "acme", ids.replace("%u", Integer.toString(call)));
            }
        } finally {
            flood.destroy();
            flood.waitFor(10, TimeUnit.SECONDS);
        }
        System.out.printf(
                "reliability: INVITE flood: %.0f flood INVITEs answered 503 statelessly; legitimate"
                        + " callers %d of %d succeeded, every message stored%n",
                service.gauge("voicemail_sip_requests_throttled").orElseThrow() - throttledBefore,
                LEGITIMATE_CALLS,
                LEGITIMATE_CALLS);
        assertThat(service.gauge("voicemail_sip_requests_throttled").orElseThrow())
                .as("flood INVITEs answered 503 without a call")
                .isGreaterThan(throttledBefore + FLOOD_RATE * 2);
        service.process()
                .await(
                        "the flood's half-open calls released, with their RTP ports",
                        () ->
                                service.gauge("voicemail_calls_active").orElse(-1) == 0
                                        && service.gauge("voicemail_rtp_ports_in_use").orElse(-1)
                                                == 0,
                        java.time.Duration.ofSeconds(30));
        auditTrailIsSummarizedAndPaged(service);
    }

    /**
     * The flood leaves the tenant's audit trail readable: a few rows per minute from the flooding
     * address and one summary with the count of the rest, and the API pages through all of it.
     */
    private static void auditTrailIsSummarizedAndPaged(Service service) {
        JsonNode[] summaries = new JsonNode[1];
        service.process()
                .await(
                        "the summary of the flood's calls in the audit",
                        () -> {
                            summaries[0] =
                                    json(
                                            service.get(
                                                    "api/tenants/globex/audit?limit=1000&action="
                                                            + "CALLS_WITHOUT_MESSAGE_COUNTED"));
                            return summaries[0].size() > 0;
                        },
                        Duration.ofSeconds(90));
        int counted = 0;
        for (JsonNode summary : summaries[0]) {
            assertThat(summary.path("actor").asText()).isEqualTo("sip:" + FLOODER);
            counted += Integer.parseInt(summary.path("details").asText().split(" ")[0]);
        }
        List<JsonNode> trail = new ArrayList<>();
        for (JsonNode event :
                json(
                        service.get(
                                "api/tenants/globex/audit?limit=1000&action=CALL_ENDED_WITHOUT_MESSAGE"))) {
            if (event.path("details").asText().contains("@" + FLOODER)) {
                trail.add(event);
            }
        }
        assertThat(counted).as("flood calls counted in summaries").isGreaterThan(50);
        assertThat(trail.size())
                .as("flood calls audited one by one (%d counted)", counted)
                .isLessThanOrEqualTo(20); // 10 a minute, the flood spans two minutes at most

        // keyset paging: small pages, following the Link header, give every row exactly once
        List<Long> all = ids(json(service.get("api/tenants/globex/audit?limit=1000")));
        List<Long> paged = new ArrayList<>();
        String next = "api/tenants/globex/audit?limit=7";
        while (next != null) {
            HttpResponse<String> page = service.get(next);
            paged.addAll(ids(json(page)));
            next =
                    page.headers()
                            .firstValue("Link")
                            .map(link -> link.replaceAll("^<[^>]*/voicemail/([^>]*)>.*$", "$1"))
                            .orElse(null);
        }
        assertThat(paged).as("every event once, newest first").isEqualTo(all);
        assertThat(service.get("api/tenants/globex/audit?action=NO_SUCH_ACTION").statusCode())
                .isEqualTo(400);
        assertThat(service.get("api/tenants/globex/audit?from=yesterday").statusCode())
                .isEqualTo(400);
    }

    private static List<Long> ids(JsonNode events) {
        List<Long> ids = new ArrayList<>();
        events.forEach(event -> ids.add(event.path("id").asLong()));
        return ids;
    }

    private static Process flood(int port) throws Exception {
        Path dir = Path.of(System.getProperty("it.work.dir", "target/it")).resolve("sipp");
        Files.createDirectories(dir);
        Path scenario = dir.resolve("invite-flood.xml");
        try (InputStream in = InviteFloodIT.class.getResourceAsStream("/sipp/invite-flood.xml")) {
            Files.write(scenario, in.readAllBytes());
        }
        return new ProcessBuilder(
                        List.of(
                                "sipp",
                                "-sf",
                                scenario.toString(),
                                "-i",
                                FLOODER,
                                "-p",
                                "5099",
                                "-mi",
                                FLOODER,
                                "-s",
                                "+442079460100",
                                "-r",
                                Integer.toString(FLOOD_RATE),
                                "-m",
                                Integer.toString(FLOOD_RATE * FLOOD_SECONDS),
                                "-nostdin",
                                "-timeout",
                                "60s",
                                "127.0.0.1:" + port))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("invite-flood.out").toFile())
                .start();
    }
}
