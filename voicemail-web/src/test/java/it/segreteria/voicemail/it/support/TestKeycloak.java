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

    /**
     * Sets an attribute of one of the realm's clients through Keycloak's admin API (e.g. {@code
     * access.token.lifespan} in seconds); {@code null} removes it.
     */
    public static void setClientAttribute(String clientId, String name, String value) {
        String clients = "/admin/realms/voicemail/clients";
        com.fasterxml.jackson.databind.JsonNode found =
                Service.json(admin("GET", clients + "?clientId=" + clientId, null));
        com.fasterxml.jackson.databind.node.ObjectNode client =
                (com.fasterxml.jackson.databind.node.ObjectNode) found.get(0);
        com.fasterxml.jackson.databind.node.ObjectNode attributes =
                (com.fasterxml.jackson.databind.node.ObjectNode) client.path("attributes");
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
        HttpResponse<String> put =
                admin("PUT", clients + "/" + client.path("id").asText(), client.toString());
        if (put.statusCode() != 204) {
            throw new IllegalStateException("client not updated: " + put.body());
        }
    }

    /** Ends every Keycloak session of {@code user} (as an administrator would). */
    public static void logOut(String user) {
        String users = "/admin/realms/voicemail/users";
        String id =
                Service.json(admin("GET", users + "?exact=true&username=" + user, null))
                        .get(0)
                        .path("id")
                        .asText();
        HttpResponse<String> out = admin("POST", users + "/" + id + "/logout", "");
        if (out.statusCode() != 204) {
            throw new IllegalStateException("not logged out: " + out.body());
        }
    }

    private static HttpResponse<String> admin(String method, String path, String json) {
        start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            String token =
                    Service.json(
                                    http.send(
                                            HttpRequest.newBuilder(
                                                            URI.create(
                                                                    "http://localhost:"
                                                                            + PORT
                                                                            + "/realms/master/protocol/openid-connect/token"))
                                                    .header(
                                                            "Content-Type",
                                                            "application/x-www-form-urlencoded")
                                                    .POST(
                                                            HttpRequest.BodyPublishers.ofString(
                                                                    "grant_type=password&client_id=admin-cli"
                                                                            + "&username=admin&password=admin"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString()))
                            .path("access_token")
                            .asText();
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .method(
                                    method,
                                    json == null
                                            ? HttpRequest.BodyPublishers.noBody()
                                            : HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
