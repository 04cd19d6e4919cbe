package it.segreteria.voicemail.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.it.support.FreePorts;
import it.segreteria.voicemail.it.support.ServiceProcess;
import it.segreteria.voicemail.it.support.Sipp;
import it.segreteria.voicemail.it.support.TestAudio;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pending emails are rows, not memory: a service stopped while its SMTP server is down delivers
 * them after it starts again. Runs its own service (H2 default) so it can stop and start it.
 */
class NotificationRestartIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRestartedServiceDeliversWhatWasPending() throws Exception {
        Path workDir =
                Path.of(System.getProperty("it.work.dir", "target/it"))
                        .resolve("notification-restart");
        if (Files.exists(workDir.resolve("data"))) {
            try (var files = Files.walk(workDir.resolve("data"))) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(workDir);
        Path provisioning = workDir.resolve("tenants.yaml");
        Files.writeString(
                provisioning,
                """
                tenants:
                  - id: hooli
                    name: Hooli
                    timeZone: America/Los_Angeles
                    language: en
                    employees:
                      - id: gbelson
                        name: Gavin Belson
                        emails: [gavin@hooli.example]
                        mailbox: {number: "500", directNumbers: ["+1 650 555 0500"]}
                """);
        int smtpPort = FreePorts.tcp(); // nothing listens there yet: the SMTP server is down
        Map<String, String> settings =
                Map.of(
                        "voicemail.data.dir",
                        workDir.resolve("data").toString(),
                        "voicemail.provisioning.file",
                        provisioning.toString(),
                        "voicemail.operator.password",
                        "restart",
                        "voicemail.smtp.host",
                        "127.0.0.1",
                        "voicemail.smtp.port",
                        Integer.toString(smtpPort),
                        "voicemail.notification.first-retry-seconds",
                        "1");

        long messageId;
        try (ServiceProcess first =
                ServiceProcess.start(workDir.resolve("first"), settings).awaitReady()) {
            Sipp.Result call =
                    DepositIT.deposit(
                            first,
                            "+16505550500",
                            "4155550000",
                            Codec.PCMU,
                            TestAudio.warble(Codec.PCMU, 2.5),
                            2700);
            assertThat(call.succeeded()).as(call.output()).isTrue();
            JsonNode[] message = new JsonNode[1];
            first.await(
                    "the message",
                    () -> {
                        JsonNode list =
                                get(
                                        first,
                                        "api/tenants/hooli/mailboxes/"
                                                + mailboxId(first)
                                                + "/messages");
                        message[0] = list.size() > 0 ? list.get(0) : null;
                        return message[0] != null;
                    },
                    Duration.ofSeconds(30));
            messageId = message[0].path("id").asLong();
            first.await(
                    "a failed attempt",
                    () ->
                            get(first, "api/tenants/hooli/messages/" + messageId + "/notifications")
                                            .get(0)
                                            .path("attempts")
                                            .asInt()
                                    >= 1,
                    Duration.ofSeconds(30));
        }

        GreenMail mail =
                new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        try (ServiceProcess second =
                ServiceProcess.start(workDir.resolve("second"), settings).awaitReady()) {
            second.await(
                    "the email after the restart",
                    () -> mail.getReceivedMessages().length == 1,
                    Duration.ofSeconds(60));
            assertThat(mail.getReceivedMessages()[0].getAllRecipients()[0].toString())
                    .isEqualTo("gavin@hooli.example");
            JsonNode status =
                    get(second, "api/tenants/hooli/messages/" + messageId + "/notifications")
                            .get(0);
            second.await(
                    "the status to say so",
                    () ->
                            get(
                                            second,
                                            "api/tenants/hooli/messages/"
                                                    + messageId
                                                    + "/notifications")
                                    .get(0)
                                    .path("status")
                                    .asText()
                                    .equals("SENT"),
                    Duration.ofSeconds(30));
            assertThat(status.path("recipient").asText()).isEqualTo("gavin@hooli.example");
        } finally {
            mail.stop();
        }
    }

    private static long mailboxId(ServiceProcess service) {
        return get(service, "api/tenants/hooli/mailboxes").get(0).path("id").asLong();
    }

    private static JsonNode get(ServiceProcess service, String path) {
        try {
            HttpResponse<String> response =
                    HTTP.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    "http://127.0.0.1:"
                                                            + service.httpPort()
                                                            + "/voicemail/"
                                                            + path))
                                    .header(
                                            "Authorization",
                                            "Basic "
                                                    + Base64.getEncoder()
                                                            .encodeToString(
                                                                    "operator:restart"
                                                                            .getBytes(
                                                                                    StandardCharsets
                                                                                            .UTF_8)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
