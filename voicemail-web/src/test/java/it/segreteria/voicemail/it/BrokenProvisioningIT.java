package it.segreteria.voicemail.it;

import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.it.support.ServiceProcess;
import it.segreteria.voicemail.it.support.SipProbe;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service started with a bad provisioning file does not come up on wrong data: the deployment
 * stops, the log names the file, the place and the problem, and readiness says DOWN. Runs on the
 * zero-setup H2 default.
 */
class BrokenProvisioningIT {

    @Test
    void aBadFileStopsTheDeploymentWithItsMessage() throws Exception {
        Path workDir =
                Path.of(System.getProperty("it.work.dir", "target/it"))
                        .resolve("broken-provisioning");
        Files.createDirectories(workDir);
        Path file = workDir.resolve("tenants.yaml");
        Files.writeString(
                file,
                """
                tenants:
                  - id: acme
                    name: ACME
                    timeZone: Europe/Rome
                    language: it
                    employees:
                      - id: mrossi
                        name: Mario Rossi
                        mailbox: {number: "100", pin: "1111"}
                """);

        try (ServiceProcess service =
                ServiceProcess.start(
                        workDir,
                        Map.of(
                                "voicemail.data.dir", workDir.resolve("data").toString(),
                                "voicemail.provisioning.file", file.toString()))) {
            String expected =
                    "Provisioning file "
                            + file.toAbsolutePath()
                            + " is refused, nothing was applied (1 problem):\n"
                            + "  - tenants[0].employees[0].mailbox.pin: a PIN cannot repeat one digit";
            service.await("the refusal in the log", () -> service.log().contains(expected));
            service.await(
                    "Payara Micro to finish booting", () -> service.log().contains("ready in"));

            assertThat(service.readiness().status()).isEqualTo(503);
            assertThat(service.readiness().body()).contains("DOWN");
            assertThat(service.log()).doesNotContain("SIP endpoint listening");
            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                String options =
                        SipProbe.request(
                                "OPTIONS", "udp", service.sipPort(), socket.getLocalPort());
                assertThat(new SipProbe(service.sipPort()).udp(socket, options, 2000))
                        .as("no SIP answer from a service that did not start")
                        .isNull();
            }
        }
    }
}
