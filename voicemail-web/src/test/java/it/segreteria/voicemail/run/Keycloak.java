package it.segreteria.voicemail.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Keycloak for the run command and the tests: the distribution from Maven Central ({@code
 * org.keycloak:keycloak-quarkus-dist}, a zip), unpacked once into a directory outside {@code
 * target/} (its first start spends ~20 s building itself for our options, which are therefore
 * always the same), started in development mode with the realm of {@code
 * failover-config/keycloak/voicemail-realm.json} imported into an in-memory database each time (so
 * the suite's and the run command's can share the unpacked home).
 */
public final class Keycloak {

    private final Path home;
    private final int port;
    private final int managementPort;

    public Keycloak(Path home, int port, int managementPort) {
        this.home = home;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** Unpacks the distribution into {@code home} unless it is there already. */
    public static void unpack(Path zip, Path home) throws IOException {
        if (Files.isExecutable(home.resolve("bin/kc.sh"))) {
            return;
        }
        Path partial = home.resolveSibling(home.getFileName() + ".partial");
        delete(partial);
        Files.createDirectories(partial);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                String name = entry.getName();
                int slash = name.indexOf('/'); // the zip's top directory, keycloak-<version>/
                Path target = partial.resolve(name.substring(slash + 1)).normalize();
                if (!target.startsWith(partial)) {
                    throw new IOException("zip entry outside its directory: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        try (Stream<Path> scripts = Files.list(partial.resolve("bin"))) {
            for (Path script : scripts.filter(p -> p.toString().endsWith(".sh")).toList()) {
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The command that starts it with {@code realm} imported into a fresh (in-memory) database. */
    public List<String> command(Path realm) throws IOException {
        Path imports = Files.createDirectories(home.resolve("data/import"));
        Files.copy(
                realm,
                imports.resolve("voicemail-realm.json"),
                StandardCopyOption.REPLACE_EXISTING);
        return new ArrayList<>(
                List.of(
                        home.resolve("bin/kc.sh").toString(),
                        "start-dev",
                        "--db=dev-mem", // nothing on disk: two of them can share the home
                        "--http-host=127.0.0.1",
                        "--http-port=" + port,
                        "--import-realm",
                        "--health-enabled=true",
                        "--http-management-port=" + managementPort));
    }

    /** A process builder for {@link #command}, with the demo's bootstrap administrator. */
    public ProcessBuilder process(Path realm) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(realm));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        return builder;
    }

    /** Waits until its readiness check answers 200, or fails when the process dies. */
    public void awaitReady(Process process, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        URI ready = URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue());
            }
            try {
                if (http.send(
                                        HttpRequest.newBuilder(ready).build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500); // polling interval, bounded by the deadline
        }
        throw new IllegalStateException("Keycloak not ready after " + timeout);
    }

    /** Its realm's issuer, as the service must be configured with. */
    public String realmUri() {
        return "http://localhost:" + port + "/realms/voicemail";
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
