package it.segreteria.voicemail.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The built WAR running in a real Payara Micro child process, as an operator runs it: configuration
 * by system properties, output in a log file under the work directory.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);

    private final Process process;
    private final Path workDir;
    private final Path log;
    private final int httpPort;
    private final int sipPort;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceProcess(Process process, Path workDir, Path log, int httpPort, int sipPort) {
        this.process = process;
        this.workDir = workDir;
        this.log = log;
        this.httpPort = httpPort;
        this.sipPort = sipPort;
    }

    /**
     * Starts Payara Micro with the WAR and the given {@code voicemail.*} settings; does not wait.
     */
    public static ServiceProcess start(Path workDir, Map<String, String> settings) {
        int httpPort = FreePorts.tcp();
        int sipPort = FreePorts.tcpAndUdp();
        try {
            Files.createDirectories(workDir);
            Path log = workDir.resolve("payara.log");
            if (Files.exists(log)) { // a restart keeps the log of the run before it
                Files.move(
                        log,
                        workDir.resolve("payara-" + System.currentTimeMillis() + ".log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx768m");
            // a fresh runtime directory every time: Payara Micro would redeploy an application it
            // finds there
            Path tmp = workDir.resolve("tmp");
            deleteRecursively(tmp);
            command.add("-Djava.io.tmpdir=" + Files.createDirectories(tmp));
            command.add("-Dvoicemail.sip.host=127.0.0.1");
            command.add("-Dvoicemail.sip.port=" + sipPort);
            // the emails' links lead to this service's portal
            command.add("-Dvoicemail.portal.url=http://127.0.0.1:" + httpPort + "/voicemail");
            // failed operator logins summed per 10 s, not per minute: OperatorApiIT waits for the
            // row
            command.add("-Dvoicemail.operator.failed-login-summary-seconds=10");
            settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(
                    List.of(
                            "-jar",
                            required("payara.microJar"),
                            "--deploy",
                            required("voicemail.war"),
                            // Payara's /metrics and /openapi join the root context's application;
                            // deployed second, so readiness cannot say UP before the service is
                            // there
                            "--deploy",
                            required("voicemail.managementWar") + ":/",
                            "--port",
                            Integer.toString(httpPort),
                            "--nohazelcast",
                            "--disablephonehome"));
            Process process =
                    new ProcessBuilder(command)
                            .directory(workDir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
            return new ServiceProcess(process, workDir, log, httpPort, sipPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Payara Micro", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.exists(Path.of(value))) {
            throw new IllegalStateException(
                    "system property "
                            + property
                            + " must name a built file (run through Maven: ./mvnw verify)");
        }
        return value;
    }

    /**
     * Waits until {@code /health/ready} says UP; fails with the log's tail if the process dies or
     * times out.
     */
    public ServiceProcess awaitReady() {
        return awaitReady(0);
    }

    /**
     * Like {@link #awaitReady()}, with {@code probes} more threads asking {@code /health/ready}
     * without a pause all the while, as impatient load balancers and orchestrators do.
     */
    public ServiceProcess awaitReady(int probes) {
        java.util.concurrent.atomic.AtomicBoolean done =
                new java.util.concurrent.atomic.AtomicBoolean();
        java.util.List<Thread> probing = new java.util.ArrayList<>();
        for (int i = 0; i < probes; i++) {
            Thread probe =
                    new Thread(
                            () -> {
                                while (!done.get() && process.isAlive()) {
                                    readiness();
                                }
                            },
                            "readiness-probe-" + i);
            probe.setDaemon(true);
            probe.start();
            probing.add(probe);
        }
        try {
            awaitReadyChecks();
        } finally {
            done.set(true);
            for (Thread probe : probing) {
                try {
                    probe.join(15_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return this;
    }

    private void awaitReadyChecks() {
        await(
                "the service to become ready",
                () -> {
                    Readiness readiness = readiness();
                    if (readiness.status() != 200
                            && log().contains(" ready in ")
                            && readiness.body().contains("No Application deployed")) {
                        throw new IllegalStateException(
                                "the application did not deploy:\n" + logTail());
                    }
                    // UP with the service's own checks (not an empty UP while it deploys)
                    return readiness.status() == 200 && readiness.body().contains("\"sip\"");
                });
    }

    public void await(String what, BooleanSupplier condition) {
        await(what, condition, STARTUP_TIMEOUT);
    }

    /** Waits for a condition, failing with the log's tail after {@code timeout}. */
    public void await(String what, BooleanSupplier condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Payara Micro exited ("
                                + process.exitValue()
                                + ") waiting for "
                                + what
                                + ":\n"
                                + logTail());
            }
            pause();
        }
        throw new IllegalStateException("timed out waiting for " + what + ":\n" + logTail());
    }

    /** The answer of {@code /health/ready}; status 0 while nothing answers. */
    public Readiness readiness() {
        try {
            HttpResponse<String> response =
                    http.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    "http://127.0.0.1:"
                                                            + httpPort
                                                            + "/health/ready"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return new Readiness(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Readiness(0, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Readiness(int status, String body) {}

    /** The size of the service's log (its standard output) now, in bytes. */
    public long logSize() {
        try {
            return Files.size(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service's log from byte {@code from} on. */
    public String logSince(long from) {
        try (var in = Files.newInputStream(log)) {
            in.skipNBytes(from);
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private String logTail() {
        String text = log();
        return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
    }

    /** The service's threads now, from {@code /proc}. */
    public int threads() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid(), "status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.substring(8).strip());
                }
            }
            throw new IllegalStateException("no thread count in /proc/" + pid() + "/status");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service's threads now by name (digits folded to #), from {@code /proc}, for reports. */
    public java.util.SortedMap<String, Integer> threadNames() {
        java.util.SortedMap<String, Integer> names = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", pid(), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name =
                            Files.readString(task.resolve("comm")).strip().replaceAll("\\d+", "#");
                    names.merge(name, 1, Integer::sum);
                } catch (IOException ended) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** The service's open file descriptors now (sockets included), from {@code /proc}. */
    public int openFiles() {
        try (var fds = Files.list(Path.of("/proc", pid(), "fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String pid() {
        return Long.toString(process.pid());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The service's working directory (its {@code data} directory is in it). */
    public Path workDir() {
        return workDir;
    }

    public int httpPort() {
        return httpPort;
    }

    public int sipPort() {
        return sipPort;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort + "/voicemail/");
    }

    /** SIGTERM, as an operator's {@code kill} or systemd's stop would; does not wait. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to exit; false if it is still running after {@code timeout}. */
    public boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL, as a crash or the OOM killer would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(
                    250); // polling interval while waiting for a state, bounded by the deadline
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
