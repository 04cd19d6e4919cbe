package it.segreteria.voicemail.it.support;

import it.segreteria.voicemail.run.Keycloak;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The suite's Keycloak: the real distribution with the realm of {@code
 * failover-config/keycloak/voicemail-realm.json} (demo users mario, giulia, anna, homer, olga, each
 * with their name as password). Its port is fixed when the suite's service starts (the service is
 * configured with it); the server itself starts with the first test that needs it and stops with
 * the test JVM.
 */
public final class TestKeycloak {

    /** Fixed for the whole run, so that every service started in it trusts this Keycloak. */
    public static final int PORT = FreePorts.tcp();

    private static final int MANAGEMENT_PORT = FreePorts.tcp();
    private static Process process;

    private TestKeycloak() {}

    /**
     * The realm's address, as the service is configured with ({@code voicemail.oidc.provider-uri}).
     */
    public static String realmUri() {
        return "http://localhost:" + PORT + "/realms/voicemail";
    }

    /** Starts it unless it runs; waits until it is ready. */
    public static synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        Path home = Path.of(System.getProperty("keycloak.home"));
        Keycloak keycloak = new Keycloak(home, PORT, MANAGEMENT_PORT);
        Path work = Path.of(System.getProperty("it.work.dir", "target/it"));
        try {
            Keycloak.unpack(Path.of(System.getProperty("keycloak.zip")), home);
            process =
                    keycloak.process(Path.of(System.getProperty("keycloak.realm")))
                            .redirectErrorStream(true)
                            .redirectOutput(work.resolve("keycloak.log").toFile())
                            .start();
            Process started = process;
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(
                                    () -> {
                                        started.descendants()
                                                .forEach(ProcessHandle::destroyForcibly);
                                        started.destroyForcibly();
                                    },
                                    "keycloak-stop"));
            keycloak.awaitReady(process, Duration.ofMinutes(4));
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * An access token for the API, by the demo client that takes passwords ({@code voicemail-cli}).
     */
    public static String accessToken(String user, String password) {
        start();
        String form =
                Map.of(
                                "grant_type",
                                "password",
                                "client_id",
                                "voicemail-cli",
                                "username",
                                user,
                                "password",
                                password)
                        .entrySet()
                        .stream()
                        .map(
                                e ->
                                        e.getKey()
                                                + "="
                                                + URLEncoder.encode(
                                                        e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            realmUri()
                                                                    + "/protocol/openid-connect/token"))
                                            .header(
                                                    "Content-Type",
                                                    "application/x-www-form-urlencoded")
                                            .POST(HttpRequest.BodyPublishers.ofString(form))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "no token for "
                                + user
                                + ": "
                                + response.statusCode()
                                + " "
                                + response.body());
            }
            return Service.json(response).path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
