package it.segreteria.voicemail.it;

import static it.segreteria.voicemail.it.support.Service.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.call.control.PromptLibrary;
import it.segreteria.voicemail.it.support.FreePorts;
import it.segreteria.voicemail.it.support.ListeningCaller;
import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.Sipp;
import it.segreteria.voicemail.shared.Language;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Continuity mode against the built WAR: acme's PBX is a sipp answering OPTIONS; killed, the
 * monitor declares an outage within the detection time; back, the outage ends by itself after the
 * hold-down. Operators declare and end outages through the API; every change is audited; another
 * tenant's continuity is untouched.
 */
class ContinuityIT {

    private static Service service;
    private static int pbxPort;
    private static Process pbx;
    private static Path work;

    @BeforeAll
    static void start() throws Exception {
        pbxPort = FreePorts.tcpAndUdp();
        service =
                Service.startPrivate(
                        "continuity",
                        Map.of(
                                "voicemail.continuity.probe-interval-seconds", "1",
                                "voicemail.continuity.probe-timeout-millis", "500",
                                "voicemail.continuity.failures-to-declare", "2",
                                "voicemail.continuity.successes-to-recover", "2",
                                "voicemail.continuity.hold-down-seconds", "2"));
        work = Path.of(System.getProperty("it.work.dir", "target/it")).resolve("continuity");
        startPbx();
        Files.writeString(
                service.provisioningFile(),
                Service.fixture()
                        .replace(
                                "    skipMailboxQuestion: true",
                                "    skipMailboxQuestion: true\n    pbx: sip:127.0.0.1:"
                                        + pbxPort));
        assertThat(service.post("api/provisioning").statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (pbx != null) {
            pbx.destroyForcibly();
        }
        if (service != null) {
            service.close();
        }
    }

    @AfterEach
    void backToAuto() {
        put("acme", "{\"mode\": \"AUTO\"}");
    }

    @Test
    void aPbxThatStopsAnsweringStartsAnOutageAndItsReturnEndsIt() throws Exception {
        service.process()
                .await(
                        "the PBX probed and answering",
                        () -> probesAnswered() >= 3,
                        Duration.ofSeconds(20));
        assertThat(status("acme").path("outage").asBoolean()).isFalse();
        assertThat(status("acme").path("pbx").asText()).isEqualTo("sip:127.0.0.1:" + pbxPort);

        pbx.destroyForcibly().waitFor();
        long killed = System.nanoTime();
        service.process()
                .await(
                        "an outage declared",
                        () -> status("acme").path("outage").asBoolean(),
                        Duration.ofSeconds(15));
        long detection = (System.nanoTime() - killed) / 1_000_000;
        System.out.println("PBX killed -> outage declared: " + detection + " ms");
        JsonNode down = status("acme");
        assertThat(down.path("mode").asText()).isEqualTo("AUTO");
        assertThat(down.path("pbxDown").asBoolean()).isTrue();
        assertThat(down.path("reason").asText()).contains("did not answer 2 probes in a row");
        assertThat(status("globex").path("outage").asBoolean()).isFalse();

        startPbx();
        service.process()
                .await(
                        "the outage ended by itself",
                        () -> !status("acme").path("outage").asBoolean(),
                        Duration.ofSeconds(20));
        assertThat(actions("acme", "pbx-monitor"))
                .containsSubsequence("PBX_DOWN", "OUTAGE_STARTED", "PBX_UP", "OUTAGE_ENDED");
        assertThat(actions("globex", "pbx-monitor")).isEmpty();
    }

    @Test
    void operatorsDeclareAndEndAnOutageWhateverThePbxSays() throws Exception {
        HttpResponse<String> on = put("acme", "{\"mode\": \"ON\"}");
        assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
        JsonNode declared = json(on);
        assertThat(declared.path("mode").asText()).isEqualTo("ON");
        assertThat(declared.path("outage").asBoolean()).isTrue();
        assertThat(declared.path("outageSince").asText()).isNotBlank();
        assertThat(declared.path("reason").asText()).contains("operator:" + Service.OPERATOR);
        assertThat(status("globex").path("outage").asBoolean()).isFalse();

        JsonNode off = json(put("acme", "{\"mode\": \"off\"}"));
        assertThat(off.path("mode").asText()).isEqualTo("OFF");
        assertThat(off.path("outage").asBoolean()).isFalse();

        // the administrators are told of both, in the tenant's language
        service.process()
                .await(
                        "the outage emails",
                        () -> adminEmails("emergenza finita").size() >= 1,
                        Duration.ofSeconds(20));
        assertThat(adminEmails("emergenza attiva")).isNotEmpty();
        String over =
                com.icegreen.greenmail.util.GreenMailUtil.getBody(
                        adminEmails("emergenza finita").get(0));
        assertThat(over).contains("ACME S.p.A.").contains("operator:" + Service.OPERATOR);
        assertThat(actions("acme", "operator:" + Service.OPERATOR))
                .containsSubsequence(
                        "CONTINUITY_MODE_CHANGED",
                        "OUTAGE_STARTED",
                        "CONTINUITY_MODE_CHANGED",
                        "OUTAGE_ENDED");
    }

    @Test
    void duringAnOutageCallersHearSoBeforeTheGreetingAndNotAfterwards() throws Exception {
        short[] notice = systemNotice();
        assertThat(put("acme", "{\"mode\": \"ON\"}").statusCode()).isEqualTo(200);
        assertThat(ListeningCaller.indexOf(hear("+390255500100", "3335550701"), notice))
                .as("acme's caller hears the outage notice")
                .isNotNegative();
        assertThat(ListeningCaller.indexOf(hear("+442079460100", "3335550702"), notice))
                .as("globex is not in an outage")
                .isNegative();

        assertThat(put("acme", "{\"mode\": \"OFF\"}").statusCode()).isEqualTo(200);
        assertThat(lastEnd("acme"))
                .as("one acme call taken over; globex's is not acme's")
                .endsWith(", 1 call taken over");
        assertThat(ListeningCaller.indexOf(hear("+390255500100", "3335550703"), notice))
                .as("the outage is over: the greeting alone")
                .isNegative();
    }

    @Test
    void theTenantsOwnOutageGreetingReplacesTheSystemOneWhileItExists() throws Exception {
        short[] own = new short[12_000]; // 1.5 s at 660 Hz: recognisable, unlike any prompt
        for (int i = 0; i < own.length; i++) {
            own[i] = (short) (9000 * Math.sin(2 * Math.PI * 660 * i / 8000.0));
        }
        byte[] wav = it.segreteria.voicemail.audio.Wav.write(own);
        HttpResponse<String> set = putGreeting(wav);
        assertThat(set.statusCode()).as(set.body()).isEqualTo(204);
        assertThat(putGreeting("not a wav".getBytes()).statusCode()).isEqualTo(400);
        assertThat(service.getBytes("api/tenants/acme/continuity/greeting")).isEqualTo(wav);

        short[] ownHeard =
                java.util.Arrays.copyOf(
                        ListeningCaller.decode(
                                it.segreteria.voicemail.audio.Prompt.of(own).encoded(Codec.PCMU)),
                        2400);
        short[] system = systemNotice();
        assertThat(put("acme", "{\"mode\": \"ON\"}").statusCode()).isEqualTo(200);
        short[] heard = hear("+390255500100", "3335550711");
        assertThat(ListeningCaller.indexOf(heard, ownHeard))
                .as("acme's own greeting")
                .isNotNegative();
        assertThat(ListeningCaller.indexOf(heard, system)).as("not the system's").isNegative();

        assertThat(service.delete("api/tenants/acme/continuity/greeting").statusCode())
                .isEqualTo(204);
        assertThat(service.delete("api/tenants/acme/continuity/greeting").statusCode())
                .isEqualTo(404);
        short[] after = hear("+390255500100", "3335550712");
        assertThat(ListeningCaller.indexOf(after, system)).as("the system's again").isNotNegative();
        assertThat(actions("acme", "operator:" + Service.OPERATOR))
                .containsSubsequence("OUTAGE_GREETING_SET", "OUTAGE_GREETING_REMOVED");
    }

    @Test
    void aDrillRoutesItsTestCallersAsInAnOutageAndReportsWhereTheirCallsWent() throws Exception {
        service.process()
                .await(
                        "acme out of any outage",
                        () -> !status("acme").path("outage").asBoolean(),
                        Duration.ofSeconds(30));
        for (String bad :
                List.of(
                        "{}",
                        "{\"callers\": [], \"minutes\": 5}",
                        "{\"callers\": [\"12\"], \"minutes\": 5}",
                        "{\"callers\": [\"+39 333 555 0799\"], \"minutes\": 0}",
                        "{\"callers\": [\"+39 333 555 0799\"], \"minutes\": 100000}",
                        "[1]")) {
            assertThat(drill(bad).statusCode()).as(bad).isEqualTo(400);
        }
        HttpResponse<String> started =
                drill("{\"callers\": [\"+39 333 555 0799\"], \"minutes\": 10}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        assertThat(json(started).path("running").asBoolean()).isTrue();

        short[] notice = systemNotice();
        assertThat(ListeningCaller.indexOf(hear("+390255500100", "3335550799"), notice))
                .as("the test caller (national format) is routed as in an outage")
                .isNotNegative();
        assertThat(ListeningCaller.indexOf(hear("+390255500100", "3335550798"), notice))
                .as("anyone else as usual")
                .isNegative();
        assertThat(status("acme").path("outage").asBoolean()).as("no outage").isFalse();

        Sipp.Result deposit =
                Sipp.call(
                        "deposit",
                        "+390255500100",
                        service.process().sipPort(),
                        Map.of(
                                "AUDIO",
                                it.segreteria.voicemail.it.support.TestAudio.warble(Codec.PCMU, 3)
                                        .write("drill")
                                        .toString(),
                                "PT",
                                "0",
                                "TALK",
                                "3000"),
                        Map.of("caller", "+393335550799", "name", "Drill", "pt", "0", "te", "96"));
        assertThat(deposit.succeeded()).as(deposit.output()).isTrue();
        JsonNode[] call = new JsonNode[1];
        service.process()
                .await(
                        "the drill's report with the message emailed",
                        () -> {
                            for (JsonNode c :
                                    json(service.get("api/tenants/acme/continuity/drill"))
                                            .path("calls")) {
                                if (c.path("callId").asText().equals(deposit.callId())
                                        && !c.path("emailedAt").isMissingNode()
                                        && !c.path("emailedAt").isNull()) {
                                    call[0] = c;
                                    return true;
                                }
                            }
                            return false;
                        },
                        Duration.ofSeconds(30));
        assertThat(call[0].path("routedTo").asText()).contains("mailbox 100");
        assertThat(call[0].path("outcome").asText()).startsWith("message left");
        assertThat(call[0].path("storedToEmailMillis").asLong()).isNotNegative();

        assertThat(service.delete("api/tenants/acme/continuity/drill").statusCode()).isEqualTo(204);
        assertThat(service.delete("api/tenants/acme/continuity/drill").statusCode()).isEqualTo(404);
        assertThat(ListeningCaller.indexOf(hear("+390255500100", "3335550799"), notice))
                .as("the drill is over")
                .isNegative();
        JsonNode report = json(service.get("api/tenants/acme/continuity/drill"));
        assertThat(report.path("running").asBoolean()).isFalse();
        assertThat(report.path("calls").size()).as(report.toString()).isEqualTo(2);
        assertThat(actions("acme", "operator:" + Service.OPERATOR))
                .containsSubsequence("DRILL_STARTED", "DRILL_ENDED");
    }

    private static HttpResponse<String> drill(String body) {
        return service.send(
                service.request("api/tenants/acme/continuity/drill")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
    }

    private static HttpResponse<String> putGreeting(byte[] wav) {
        return service.send(
                service.request("api/tenants/acme/continuity/greeting")
                        .header("Content-Type", "audio/wav")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(wav))
                        .build());
    }

    /** The start of the system's outage notice, as a caller of acme hears it. */
    private static short[] systemNotice() {
        return java.util.Arrays.copyOf(
                ListeningCaller.decode(
                        new PromptLibrary(Optional.empty())
                                .outage(Language.ITALIAN)
                                .encoded(Codec.PCMU)),
                2400);
    }

    /** The details of the tenant's latest OUTAGE_ENDED. */
    private static String lastEnd(String tenant) {
        for (JsonNode event :
                json(service.get("api/tenants/" + tenant + "/audit?action=OUTAGE_ENDED"))) {
            return event.path("details").asText();
        }
        return "";
    }

    /** The emails to acme's administrator whose subject contains {@code words}, newest last. */
    private static List<jakarta.mail.internet.MimeMessage> adminEmails(String words) {
        List<jakarta.mail.internet.MimeMessage> found = new java.util.ArrayList<>();
        try {
            for (jakarta.mail.internet.MimeMessage email : service.mail().getReceivedMessages()) {
                if (email.getAllRecipients()[0].toString().equals("it-admin@acme.example")
                        && email.getSubject().contains(words)) {
                    found.add(email);
                }
            }
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    private static short[] hear(String number, String caller) throws Exception {
        return ListeningCaller.hear(
                service.process().sipPort(), number, caller, Duration.ofSeconds(4));
    }

    @Test
    void aTenantWithoutAdministratorsHasTheMissingEmailInItsTrail() {
        try {
            assertThat(put("globex", "{\"mode\": \"ON\"}").statusCode()).isEqualTo(200);
            assertThat(json(service.get("api/tenants/globex/audit?action=NOTIFICATION_FAILED")))
                    .extracting(e -> e.path("details").asText())
                    .contains("outage start: no tenant administrator address");
        } finally {
            put("globex", "{\"mode\": \"AUTO\"}");
        }
    }

    @Test
    void badRequestsAreRefusedAndUnknownTenantsAreNotFound() {
        assertThat(put("acme", "{\"mode\": \"SOMETIMES\"}").statusCode()).isEqualTo(400);
        assertThat(put("acme", "{}").statusCode()).isEqualTo(400);
        assertThat(put("acme", "[1]").statusCode()).isEqualTo(400);
        assertThat(put("acme", "{\"mode\": ").statusCode()).isEqualTo(400);
        assertThat(put("acme", "").statusCode()).isEqualTo(400);
        assertThat(service.get("api/tenants/nobody/continuity").statusCode()).isEqualTo(404);
        assertThat(put("nobody", "{\"mode\": \"ON\"}").statusCode()).isEqualTo(404);
        assertThat(
                        service.send(service.anonymous("api/tenants/acme/continuity").GET().build())
                                .statusCode())
                .isEqualTo(401);
    }

    private static void startPbx() throws IOException {
        pbx = Sipp.serve("pbx-options", pbxPort, work, Map.of(), 0);
    }

    private static long probesAnswered() {
        try {
            Path log = work.resolve("pbx-options.log");
            return Files.exists(log)
                    ? Files.readAllLines(log).stream().filter(l -> l.contains("OPTIONS")).count()
                    : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static JsonNode status(String tenant) {
        HttpResponse<String> response = service.get("api/tenants/" + tenant + "/continuity");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static HttpResponse<String> put(String tenant, String body) {
        return service.send(
                service.request("api/tenants/" + tenant + "/continuity")
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body))
                        .build());
    }

    /** The tenant's audited actions by {@code actor}, oldest first. */
    private static List<String> actions(String tenant, String actor) {
        List<String> actions =
                new java.util.ArrayList<>(
                        StreamSupport.stream(
                                        json(service.get(
                                                        "api/tenants/"
                                                                + tenant
                                                                + "/audit?limit=500"))
                                                .spliterator(),
                                        false)
                                .filter(e -> e.path("actor").asText().equals(actor))
                                .map(e -> e.path("action").asText())
                                .toList());
        java.util.Collections.reverse(actions); // the trail lists the newest first
        return actions;
    }
}
