package it.segreteria.voicemail.it;

import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.VoicemailService;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator API against hostile clients: malformed credentials get 401 (never 500), and an
 * address that keeps guessing is locked out while everyone else goes on working.
 */
@ExtendWith(VoicemailService.class)
class OperatorApiIT {

    @Test
    void malformedCredentialsAreAPlain401WithAChallenge(Service service) throws IOException {
        for (String header :
                new String[] {
                    "Basic",
                    "Basic !!!",
                    "Basic " + base64("no-colon-at-all"),
                    "Basic " + base64(":"),
                    "Basic =====",
                    "Digest username=\"operator\"",
                    "Basic " + "A".repeat(5000)
                }) {
            String answer = exchange(service, "127.0.0.3", header);
            assertThat(statusLine(answer)).as(header).endsWith(" 401 Unauthorized");
            assertThat(answer).as(header).containsIgnoringCase("WWW-Authenticate: Basic");
        }
    }

    @Test
    void anAddressThatKeepsGuessingIsLockedOutAndOthersAreNot(Service service) throws IOException {
        String right = "Basic " + base64(Service.OPERATOR + ":" + Service.OPERATOR_PASSWORD);
        assertThat(statusLine(exchange(service, "127.0.0.2", right))).endsWith(" 200 OK");
        for (int guess = 0; guess < 10; guess++) {
            String answer =
                    exchange(service, "127.0.0.2", "Basic " + base64("operator:guess" + guess));
            assertThat(statusLine(answer)).endsWith(" 401 Unauthorized");
        }

        String lockedOut = exchange(service, "127.0.0.2", right);
        assertThat(statusLine(lockedOut))
                .as("the right password from the guessing address")
                .endsWith(" 401 Unauthorized");
        assertThat(lockedOut).containsIgnoringCase("Retry-After:");
        assertThat(service.get("api/tenants").statusCode())
                .as("the operator from another address")
                .isEqualTo(200);

        // the platform's own audit trail: the lockout at once, the failures as one row per minute
        service.process()
                .await(
                        "the lockout audited",
                        () -> platformEvents(service, "OPERATOR_LOCKED_OUT").contains("127.0.0.2"),
                        java.time.Duration.ofSeconds(20));
        service.process()
                .await(
                        "the minute of failed logins audited in one row",
                        () ->
                                platformEvents(service, "OPERATOR_LOGIN_FAILED")
                                        .contains("127.0.0.2"),
                        java.time.Duration.ofSeconds(90));
        var failed = Service.json(service.get("api/audit?action=OPERATOR_LOGIN_FAILED"));
        int rows = 0;
        for (var event : failed) {
            if (event.path("source").asText().equals("127.0.0.2")) {
                rows++;
                String details = event.path("details").asText();
                assertThat(details).matches("\\d+ failed operator logins from .+ to .+");
                assertThat(Integer.parseInt(details.substring(0, details.indexOf(' '))))
                        .as("the ten wrong guesses, counted in one row")
                        .isGreaterThanOrEqualTo(10);
            }
        }
        assertThat(rows).as("rows for the guessing address").isEqualTo(1);
        assertThat(service.get("api/audit?action=NOPE").statusCode()).isEqualTo(400);
        assertThat(service.anonymous("api/audit").GET().build())
                .extracting(r -> service.send(r).statusCode())
                .isEqualTo(401);
    }

    private static String platformEvents(Service service, String action) {
        return service.get("api/audit?action=" + action).body();
    }

    /** One HTTP/1.1 request from a chosen loopback address (the JDK's client cannot bind one). */
    private static String exchange(Service service, String from, String authorization)
            throws IOException {
        var uri = service.uri("api/tenants");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", uri.getPort()), 10_000);
            socket.setSoTimeout(30_000);
            String request =
                    "GET "
                            + uri.getRawPath()
                            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                            + authorization
                            + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String statusLine(String answer) {
        int end = answer.indexOf("\r\n");
        return end < 0 ? answer : answer.substring(0, end);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
