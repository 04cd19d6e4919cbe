package it.segreteria.voicemail.it;

import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.SipProbe;
import it.segreteria.voicemail.it.support.SipProbe.Response;
import it.segreteria.voicemail.it.support.VoicemailService;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Edge proxies and PBXs probe us with OPTIONS over UDP and TCP; whatever else arrives must not stop
 * that.
 */
@ExtendWith(VoicemailService.class)
class SipOptionsIT {

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void optionsIsAnswered200(String transport, Service service) throws Exception {
        SipProbe probe = new SipProbe(service.process().sipPort());

        Response response = transport.equals("udp") ? probe.udp("OPTIONS") : probe.tcp("OPTIONS");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("To")).as("a final response carries a To tag").contains(";tag=");
        assertThat(response.header("Allow")).contains("OPTIONS");
        assertThat(response.header("Accept")).isEqualTo("application/sdp");
    }

    @Test
    void sipsakGets200(Service service) throws Exception {
        Process sipsak =
                new ProcessBuilder(
                                "sipsak",
                                "-v",
                                "-s",
                                "sip:ping@127.0.0.1:" + service.process().sipPort())
                        .redirectErrorStream(true)
                        .start();
        assertThat(sipsak.waitFor(30, TimeUnit.SECONDS)).as("sipsak finished").isTrue();
        String output = new String(sipsak.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(sipsak.exitValue()).as(output).isZero();
        assertThat(output).contains("SIP/2.0 200 OK");
    }

    @Test
    void methodsNotServedAreRefusedWithTheProperCode(Service service) throws Exception {
        SipProbe probe = new SipProbe(service.process().sipPort());

        Response register = probe.udp("REGISTER");
        assertThat(register.status()).isEqualTo(405);
        assertThat(register.header("Allow")).contains("OPTIONS");

        assertThat(probe.udp("FROBNICATE").status()).isEqualTo(501);
    }

    @Test
    void garbageAndMalformedRequestsDoNotStopTheEndpoint(Service service) throws Exception {
        int port = service.process().sipPort();
        SipProbe probe = new SipProbe(port);
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            for (String junk :
                    new String[] {
                        "\u0000\u0001\u0002 not sip at all",
                        "OPTIONS sip:ping@127.0.0.1 SIP/2.0\r\n\r\n",
                        "OPTIONS sip:ping@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bKx\r\n"
                                + "CSeq: banana OPTIONS\r\nContent-Length: 99999\r\n\r\n",
                        "SIP/2.0 200 OK\r\n\r\n"
                    }) {
                Response answer = probe.udp(socket, junk, 1000);
                if (answer != null) {
                    assertThat(answer.status())
                            .as("an answer to junk is a 4xx")
                            .isBetween(400, 499);
                }
            }
        }
        assertThat(probe.udp("OPTIONS").status()).isEqualTo(200);
        assertThat(probe.tcp("OPTIONS").status()).isEqualTo(200);
    }
}
