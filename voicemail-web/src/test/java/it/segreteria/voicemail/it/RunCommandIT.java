package it.segreteria.voicemail.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.it.support.BrowserSession;
import it.segreteria.voicemail.it.support.FreePorts;
import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.Sipp;
import it.segreteria.voicemail.it.support.TestAudio;
import it.segreteria.voicemail.run.RunService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The launcher of the README's run command, as Maven runs it: the demo PBX, a helper (standing for
 * the mail catcher) and the built WAR in Payara Micro on the zero-set-up defaults with the demo
 * provisioning file and the run command's continuity settings. Stopping the demo PBX puts acme into
 * an outage within seconds, where Giulia's calls ring Mario's (busy) demo mobile and end in her
 * mailbox; starting it again ends the outage by itself. A SIGTERM to the launcher (what {@code
 * kill} on Maven does) stops every process it started.
 */
class RunCommandIT {

    private static final String OPERATOR_PASSWORD = "run-it";
    private static final String GIULIA = "+390255500101";

    private final HttpClient http = HttpClient.newHttpClient();
    private int httpPort;

    @Test
    void theDemoPbxCanBeStoppedAndStartedAndASigtermStopsEverything() throws Exception {
        Path work = Path.of(System.getProperty("it.work.dir", "target/it")).resolve("run-command");
        Files.createDirectories(work);
        httpPort = FreePorts.tcp();
        int sipPort = FreePorts.tcpAndUdp();
        int pbxPort = FreePorts.tcpAndUdp();
        int trunkPort = FreePorts.tcpAndUdp();
        int controlPort = FreePorts.tcp();
        int keycloakPort = FreePorts.tcp();
        int keycloakManagementPort = FreePorts.tcp();
        String demo = Files.readString(Path.of("../docs/examples/demo-provisioning.yaml"));
        assertThat(demo).contains("sip:127.0.0.1:5090").contains("sip:127.0.0.1:5091");
        Path provisioning = work.resolve("demo-provisioning.yaml");
        Files.writeString(
                provisioning,
                demo.replace("sip:127.0.0.1:5090", "sip:127.0.0.1:" + pbxPort)
                        .replace("sip:127.0.0.1:5091", "sip:127.0.0.1:" + trunkPort));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command =
                new ArrayList<>(
                        List.of(
                                java,
                                "-cp",
                                System.getProperty("java.class.path"),
                                RunService.class.getName(),
                                "-demo-pbx",
                                pbxPort + "," + trunkPort + "," + controlPort,
                                "-keycloak",
                                String.join(
                                        ",",
                                        System.getProperty("keycloak.zip"),
                                        System.getProperty("keycloak.home"),
                                        System.getProperty("keycloak.realm"),
                                        Integer.toString(keycloakPort),
                                        Integer.toString(keycloakManagementPort),
                                        work.resolve("keycloak.log").toString()),
                                "sleep",
                                "600",
                                "---",
                                java,
                                "-Djava.io.tmpdir=" + Files.createDirectories(work.resolve("tmp")),
                                "-Dvoicemail.data.dir=" + work.resolve("data"),
                                "-Dvoicemail.sip.host=127.0.0.1",
                                "-Dvoicemail.sip.port=" + sipPort,
                                "-Dvoicemail.rtp.port-min=44000",
                                "-Dvoicemail.rtp.port-max=44999",
                                "-Dvoicemail.provisioning.file=" + provisioning,
                                "-Dvoicemail.operator.password=" + OPERATOR_PASSWORD,
                                "-Dvoicemail.oidc.provider-uri=http://localhost:"
                                        + keycloakPort
                                        + "/realms/voicemail",
                                // as in the run profile of voicemail-web/pom.xml
                                "-Dvoicemail.continuity.probe-interval-seconds=2",
                                "-Dvoicemail.continuity.probe-timeout-millis=1000",
                                "-Dvoicemail.continuity.failures-to-declare=2",
                                "-Dvoicemail.continuity.successes-to-recover=2",
                                "-Dvoicemail.continuity.hold-down-seconds=10",
                                "-jar",
                                System.getProperty("payara.microJar"),
                                "--deploy",
                                System.getProperty("voicemail.war"),
                                "--deploy",
                                System.getProperty("voicemail.managementWar") + ":/",
                                "--port",
                                Integer.toString(httpPort),
                                "--nohazelcast",
                                "--disablephonehome"));
        Process launcher =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(work.resolve("run.log").toFile())
                        .start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            Instant deadline = Instant.now().plusSeconds(180);
            boolean ready = false;
            while (!ready && Instant.now().isBefore(deadline) && launcher.isAlive()) {
                try {
                    ready =
                            http.send(
                                                    HttpRequest.newBuilder(
                                                                    URI.create(
                                                                            "http://127.0.0.1:"
                                                                                    + httpPort
                                                                                    + "/health/ready"))
                                                            .timeout(Duration.ofSeconds(5))
                                                            .build(),
                                                    HttpResponse.BodyHandlers.discarding())
                                            .statusCode()
                                    == 200;
                } catch (java.io.IOException notYet) {
                    // still starting
                }
                if (!ready) {
                    Thread.sleep(500); // polling interval, bounded by the deadline
                }
            }
            assertThat(ready).as(Files.readString(work.resolve("run.log"))).isTrue();
            await("acme's demo PBX answers its probes", () -> !outage(), Duration.ofSeconds(30));

            assertThat(control(controlPort, "stop")).contains("\"up\": false");
            Instant stopped = Instant.now();
            await("acme in an outage", this::outage, Duration.ofSeconds(60));
            Duration detected = Duration.between(stopped, Instant.now());
            assertThat(continuity().path("reason").asText())
                    .as("declared by the monitor, %s after the PBX stopped", detected)
                    .isNotBlank();

            TestAudio message = TestAudio.warble(Codec.PCMU, 3.0);
            Sipp.Result call =
                    Sipp.call(
                            "deposit",
                            GIULIA,
                            sipPort,
                            Map.of(
                                    "AUDIO", message.write("run-outage").toString(),
                                    // # after the demo mobile's rings, to skip the greeting
                                    "HASH_AFTER", "7000",
                                    "PT", "0",
                                    "TALK", "3000"),
                            Map.of(
                                    "caller",
                                    "3336667777",
                                    "name",
                                    "Run Test",
                                    "pt",
                                    "0",
                                    "te",
                                    "96"));
            assertThat(call.succeeded()).as(call.output()).isTrue();
            await(
                    "the outage call's message in Giulia's mailbox",
                    () -> "101".equals(mailboxOf(call.callId())),
                    Duration.ofSeconds(30));
            assertThat(Files.readString(work.resolve("run.log")))
                    .as("the outage plan rang Mario's demo mobile first")
                    .contains("Demo mobile +393337654321 rings");

            // Giulia signs in to the portal (the run command's Keycloak) and plays that message
            BrowserSession giulia = new BrowserSession();
            await(
                    "the run command's Keycloak",
                    () -> keycloakReady(keycloakManagementPort),
                    Duration.ofSeconds(120));
            String portal = "http://127.0.0.1:" + httpPort + "/voicemail/";
            assertThat(giulia.signIn(portal + "portal/", "giulia", "giulia").statusCode())
                    .isEqualTo(200);
            JsonNode inbox = Service.json(giulia.get(portal + "api/v1/messages"));
            JsonNode left = null;
            for (JsonNode item : inbox) {
                if (item.path("callerNumber").asText().endsWith("3336667777")) {
                    left = item;
                }
            }
            assertThat(left).as(inbox.toString()).isNotNull();
            HttpResponse<String> audio =
                    giulia.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    portal
                                                            + "api/v1/messages/"
                                                            + left.path("id").asLong()
                                                            + "/audio"))
                                    .header("Range", "bytes=0-")
                                    .build());
            assertThat(audio.statusCode()).isEqualTo(206);
            assertThat(audio.headers().firstValue("Content-Type")).hasValue("audio/wav");

            assertThat(control(controlPort, "start")).contains("\"up\": true");
            await("acme's outage over", () -> !outage(), Duration.ofSeconds(90));
            List<ProcessHandle> children = launcher.toHandle().children().toList();
            assertThat(children).as("Keycloak, the helper and the service").hasSize(3);

            launcher.destroy(); // SIGTERM, to the launcher only

            assertThat(launcher.waitFor(90, TimeUnit.SECONDS)).as("the launcher ends").isTrue();
            for (ProcessHandle child : children) {
                try {
                    child.onExit().get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException stillRunning) {
                    // reported below
                }
                assertThat(child.isAlive())
                        .as("%s stopped with the launcher", child.info().command())
                        .isFalse();
            }
        } finally {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    private boolean keycloakReady(int managementPort) {
        try {
            return http.send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://127.0.0.1:"
                                                                    + managementPort
                                                                    + "/health/ready"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (java.io.IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The mailbox number of the message the call left, or null. */
    private String mailboxOf(String callId) {
        for (JsonNode mailbox : Service.json(get("api/tenants/acme/mailboxes"))) {
            for (JsonNode message :
                    Service.json(
                            get(
                                    "api/tenants/acme/mailboxes/"
                                            + mailbox.path("id").asLong()
                                            + "/messages"))) {
                if (message.path("sipCallId").asText().equals(callId)) {
                    return message.path("mailbox").asText();
                }
            }
        }
        return null;
    }

    private boolean outage() {
        return continuity().path("outage").asBoolean();
    }

    private JsonNode continuity() {
        HttpResponse<String> response = get("api/tenants/acme/continuity");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Service.json(response);
    }

    private HttpResponse<String> get(String path) {
        String credentials = "operator:" + OPERATOR_PASSWORD;
        try {
            return http.send(
                    HttpRequest.newBuilder(
                                    URI.create(
                                            "http://127.0.0.1:" + httpPort + "/voicemail/" + path))
                            .header(
                                    "Authorization",
                                    "Basic "
                                            + Base64.getEncoder()
                                                    .encodeToString(
                                                            credentials.getBytes(
                                                                    StandardCharsets.UTF_8)))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String control(int port, String action) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + "/pbx/" + action))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static void await(String what, BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited %s for %s", timeout, what).isBefore(deadline);
            Thread.sleep(250); // polling interval, bounded by the deadline
        }
    }
}
