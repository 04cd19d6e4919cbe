package it.segreteria.voicemail.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
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

    /** TCP connections one address may hold open, and how long an idle one stays. */
    public static final int TCP_PER_SOURCE = 200;

    public static final Duration TCP_IDLE = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedPostgres postgres;
    private final int smtpPort;
    private GreenMail mail;
    private ServiceProcess process;
    private final Map<String, String> settings;
    private final Path provisioningFile;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Service(
            EmbeddedPostgres postgres,
            ServiceProcess process,
            Map<String, String> settings,
            Path provisioningFile,
            int smtpPort,
            GreenMail mail) {
        this.settings = settings;
        this.postgres = postgres;
        this.smtpPort = smtpPort;
        this.mail = mail;
        this.process = process;
        this.provisioningFile = provisioningFile;
    }

    static Service start() throws IOException, SQLException {
        return start("suite", Map.of(), 0);
    }

    /**
     * A service of its own (database, mail server, process, data directory), for a test that kills
     * or breaks it; the caller closes it.
     */
    public static Service startPrivate(String name) throws IOException, SQLException {
        return start(name, Map.of(), 0);
    }

    /**
     * A private service whose start-up is watched by {@code probes} threads asking for its
     * readiness without a pause.
     */
    public static Service startPrivateUnderProbes(String name, int probes)
            throws IOException, SQLException {
        return start(name, Map.of(), probes);
    }

    /** Like {@link #startPrivate(String)}, with some settings of its own. */
    public static Service startPrivate(String name, Map<String, String> overrides)
            throws IOException, SQLException {
        return start(name, overrides, 0);
    }

    private DatabaseProxy proxy;
    private TestCertificate certificate;

    /** The certificate of the service's SIP over TLS, for peers to trust. */
    public TestCertificate certificate() {
        return certificate;
    }

    /** The port of the service's SIP over TLS. */
    public int tlsPort() {
        return Integer.parseInt(settings.get("voicemail.sip.tls.port"));
    }

    /** The relay between the service and its database (only for a private service). */
    public DatabaseProxy databaseLink() {
        return proxy;
    }

    private static Service start(String name, Map<String, String> overrides, int probes)
            throws IOException, SQLException {
        Path workDir = Path.of(System.getProperty("it.work.dir", "target/it")).resolve(name);
        Files.createDirectories(workDir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("create user voicemail with password 'voicemail'");
            s.execute("create database voicemail owner voicemail");
        }
        int smtpPort = FreePorts.tcp();
        GreenMail mail = startMail(smtpPort);
        Path provisioning = workDir.resolve("provisioning.yaml");
        Files.writeString(provisioning, fixture());
        boolean suite = name.equals("suite");
        TestCertificate certificate = TestCertificate.in(workDir);
        int tlsPort = FreePorts.tcp();
        DatabaseProxy proxy = suite ? null : new DatabaseProxy(postgres.getPort());
        Map<String, String> settings =
                Map.ofEntries(
                        Map.entry(
                                "voicemail.db.url",
                                suite
                                        ? postgres.getJdbcUrl("voicemail", "voicemail")
                                        : "jdbc:postgresql://127.0.0.1:"
                                                + proxy.port()
                                                + "/voicemail"),
                        Map.entry("voicemail.db.user", "voicemail"),
                        Map.entry("voicemail.db.password", "voicemail"),
                        Map.entry("voicemail.provisioning.file", provisioning.toString()),
                        Map.entry("voicemail.operator.password", OPERATOR_PASSWORD),
                        Map.entry(
                                "voicemail.deposit.max-seconds",
                                Integer.toString(MAX_MESSAGE_SECONDS)),
                        Map.entry(
                                "voicemail.deposit.silence-seconds",
                                Integer.toString(SILENCE_SECONDS)),
                        Map.entry(
                                "voicemail.sip.tcp.max-connections-per-source",
                                Integer.toString(TCP_PER_SOURCE)),
                        Map.entry(
                                "voicemail.sip.tcp.idle-seconds",
                                Long.toString(TCP_IDLE.toSeconds())),
                        // 127.0.0.1 stands for an edge proxy: the other loopback addresses
                        // are callers of their own, under the per-source limits
                        Map.entry("voicemail.sip.trusted-sources", "127.0.0.1"),
                        // SIP over TLS beside UDP and TCP, with a certificate of the test's own
                        Map.entry("voicemail.sip.tls.keystore", certificate.keystore().toString()),
                        Map.entry("voicemail.sip.tls.keystore-password", certificate.password()),
                        Map.entry("voicemail.sip.tls.port", Integer.toString(tlsPort)),
                        Map.entry("voicemail.smtp.host", "127.0.0.1"),
                        Map.entry("voicemail.smtp.port", Integer.toString(smtpPort)),
                        Map.entry("voicemail.notification.first-retry-seconds", "2"),
                        Map.entry("voicemail.oidc.provider-uri", TestKeycloak.realmUri()),
                        Map.entry("voicemail.rtp.port-min", "41000"),
                        Map.entry("voicemail.rtp.port-max", "41999"));
        if (!suite) { // RTP ports apart from the suite's service
            settings = new java.util.HashMap<>(settings);
            settings.put("voicemail.rtp.port-min", "43000");
            settings.put("voicemail.rtp.port-max", "43999");
            settings.putAll(overrides);
        }
        ServiceProcess process = ServiceProcess.start(workDir, settings);
        try {
            process.awaitReady(probes);
        } catch (RuntimeException e) {
            process.close();
            postgres.close();
            mail.stop();
            throw e;
        }
        Service service = new Service(postgres, process, settings, provisioning, smtpPort, mail);
        service.certificate = certificate;
        service.proxy = proxy;
        return service;
    }

    /** The provisioning file the suite starts with. */
    public static String fixture() {
        try (var in = Service.class.getResourceAsStream("/it-provisioning.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GreenMail startMail(int port) {
        // a restart on the same port can fail for a while (the old socket still closing, or the
        // port briefly someone else's): a few attempts before giving up
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
            // on a loaded machine a restart on the same port can take longer than GreenMail's 2 s
            setup.setServerStartupTimeout(15_000);
            GreenMail mail = new GreenMail(setup);
            try {
                mail.start();
                return mail;
            } catch (IllegalStateException notYet) {
                failure = notYet;
                mail.stop();
                try {
                    Thread.sleep(2_000); // between attempts to bind the port again
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw notYet;
                }
            }
        }
        throw failure;
    }

    /** The SMTP server the service sends to (GreenMail, in this JVM). */
    public synchronized GreenMail mail() {
        return mail;
    }

    /** Takes the SMTP server down (connections refused) until {@link #startMail()}. */
    public synchronized void stopMail() {
        mail.stop();
    }

    public int smtpPort() {
        return smtpPort;
    }

    /** Brings the SMTP server back on the same port, empty. */
    public synchronized void startMail() {
        mail = startMail(smtpPort);
    }

    public synchronized ServiceProcess process() {
        return process;
    }

    /** Kills the service's process at once (SIGKILL: no shutdown hook, no clean-up). */
    public synchronized void kill() {
        process.kill();
    }

    /** Starts the service again on the same database and data directory, and waits until ready. */
    public synchronized void restart() {
        process.close();
        process = ServiceProcess.start(process.workDir(), settings).awaitReady();
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

    /** The body of a GET as bytes (audio); fails on any status but 200. */
    public byte[] getBytes(String path) {
        try {
            HttpResponse<byte[]> response =
                    http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + ": " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).DELETE().build());
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
        return anonymous(path).header("Authorization", operatorAuthorization());
    }

    /** The operator's {@code Authorization} header (the API and {@code /metrics} take it). */
    public static String operatorAuthorization() {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                (OPERATOR + ":" + OPERATOR_PASSWORD)
                                        .getBytes(StandardCharsets.UTF_8));
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
            if (proxy != null) {
                proxy.close();
            }
            postgres.close();
            mail.stop();
        }
    }

    /** A gauge of the application from {@code /metrics} (Prometheus text format). */
    public java.util.OptionalDouble gauge(String name) {
        String text =
                send(java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(
                                                "http://127.0.0.1:"
                                                        + process.httpPort()
                                                        + "/metrics?scope=application"))
                                .header("Authorization", operatorAuthorization())
                                .timeout(Duration.ofSeconds(10))
                                .GET()
                                .build())
                        .body();
        java.util.regex.Matcher value =
                java.util.regex.Pattern.compile("(?m)^\\w*" + name + "(?:\\{[^}]*\\})?\\s+(\\S+)")
                        .matcher(text);
        return value.find()
                ? java.util.OptionalDouble.of(Double.parseDouble(value.group(1)))
                : java.util.OptionalDouble.empty();
    }
}
