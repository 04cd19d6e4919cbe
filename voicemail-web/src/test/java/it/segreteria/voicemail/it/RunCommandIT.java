package it.segreteria.voicemail.it;

import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.it.support.FreePorts;
import it.segreteria.voicemail.run.RunService;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The launcher of the README's run command, as Maven runs it: a helper (standing for the mail
 * catcher) and the built WAR in Payara Micro on the zero-set-up defaults; a SIGTERM to the launcher
 * (what {@code kill} on Maven does) stops every process it started.
 */
class RunCommandIT {

    @Test
    void aSigtermToTheRunCommandStopsEverythingItStarted() throws Exception {
        Path work = Path.of(System.getProperty("it.work.dir", "target/it")).resolve("run-command");
        Files.createDirectories(work);
        int httpPort = FreePorts.tcp();
        int sipPort = FreePorts.tcpAndUdp();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path classes =
                Path.of(
                        RunService.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI());
        List<String> command =
                new ArrayList<>(
                        List.of(
                                java,
                                "-cp",
                                classes.toString(),
                                RunService.class.getName(),
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
            List<ProcessHandle> children = launcher.toHandle().children().toList();
            assertThat(children).as("the helper and the service").hasSize(2);

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
}
