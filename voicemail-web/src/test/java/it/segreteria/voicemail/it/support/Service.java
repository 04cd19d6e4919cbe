package it.segreteria.voicemail.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The service under test, started once for the whole integration suite: a real PostgreSQL
 * (embedded), the built WAR in Payara Micro, provisioned from {@code it-provisioning.yaml}. Tests
 * talk to it over HTTP and SIP.
 */
public final class Service implements AutoCloseable {

    public static final String OPERATOR = "operator";
    public static final String OPERATOR_PASSWORD = "it-secret";

    /** Short limits, so that the tests of them are short too. */
    public static final int MAX_MESSAGE_SECONDS = 8;

    public static final int SILENCE_SECONDS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedPostgres postgres;
    private final ServiceProcess process;
    private final Path provisioningFile;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Service(EmbeddedPostgres postgres, ServiceProcess process, Path provisioningFile) {
        this.postgres = postgres;
        this.process = process;
        this.provisioningFile = provisioningFile;
    }

    static Service start() throws IOException, SQLException {
        Path workDir = Path.of(System.getProperty("it.work.dir", "target/it")).resolve("suite");
        Files.createDirectories(workDir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("create user voicemail with password 'voicemail'");
            s.execute("create database voicemail owner voicemail");
        }
        Path provisioning = workDir.resolve("provisioning.yaml");
        Files.writeString(provisioning, fixture());
        ServiceProcess process =
                ServiceProcess.start(
                        workDir,
                        Map.of(
                                "voicemail.db.url",
                                postgres.getJdbcUrl("voicemail", "voicemail"),
                                "voicemail.db.user",
                                "voicemail",
                                "voicemail.db.password",
                                "voicemail",
                                "voicemail.provisioning.file",
                                provisioning.toString(),
                                "voicemail.operator.password",
                                OPERATOR_PASSWORD,
                                "voicemail.deposit.max-seconds",
                                Integer.toString(MAX_MESSAGE_SECONDS),
                                "voicemail.deposit.silence-seconds",
                                Integer.toString(SILENCE_SECONDS),
                                "voicemail.rtp.port-min",
                                "41000",
                                "voicemail.rtp.port-max",
                                "41999"));
        try {
            process.awaitReady();
        } catch (RuntimeException e) {
            process.close();
            postgres.close();
            throw e;
        }
        return new Service(postgres, process, provisioning);
    }

    /** The provisioning file the suite starts with. */
    public static String fixture() {
        try (var in = Service.class.getResourceAsStream("/it-provisioning.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ServiceProcess process() {
        return process;
    }

    public Path provisioningFile() {
        return provisioningFile;
    }

    /** A direct connection to the service's PostgreSQL database, to check what is really stored. */
    public DataSource database() {
        return postgres.getDatabase("voicemail", "voicemail");
    }

    public HttpClient http() {
        return http;
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    public HttpResponse<String> post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request to the API as the operator. */
    public HttpRequest.Builder request(String path) {
        return anonymous(path)
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (OPERATOR + ":" + OPERATOR_PASSWORD)
                                                        .getBytes(StandardCharsets.UTF_8)));
    }

    public HttpRequest.Builder anonymous(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    }

    public URI uri(String path) {
        return process.baseUri().resolve(path);
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            process.close();
        } finally {
            postgres.close();
        }
    }
}
