package it.segreteria.voicemail.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.it.support.Baresip;
import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.TestAudio;
import it.segreteria.voicemail.it.support.VoicemailService;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A newcomer's softphone, set up as the README says (baresip from Debian, no registration, its own
 * port, dialling the demo number): it leaves a message over UDP, TCP and TLS (trusting the
 * service's certificate), skipping the greeting with # (RFC 4733), and the whole dialog (ACK, BYE)
 * stays on the transport it started on.
 */
@ExtendWith(VoicemailService.class)
class BaresipIT {

    private static final String CALLER = "+393331234567";

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp", "tls", "tls+srtp"})
    void aSoftphoneLeavesAMessage(String setting, Service service) throws Exception {
        String transport = setting.replace("+srtp", "");
        boolean srtp = setting.endsWith("+srtp");
        TestAudio speech = TestAudio.warble(Codec.PCMU, 4);
        short[] microphone = new short[8000 + speech.samples()]; // 1 s of silence, then 4 s
        System.arraycopy(
                speech.expectedPcm(speech.samples()), 0, microphone, 8000, speech.samples());
        Path dir =
                Path.of(System.getProperty("it.work.dir", "target/it"))
                        .resolve("baresip-" + setting.replace('+', '-'));
        boolean tls = transport.equals("tls");
        try (Baresip phone =
                Baresip.start(
                        dir,
                        CALLER,
                        microphone,
                        service.certificate().pem(),
                        srtp ? ";mediaenc=srtp-mand" : "")) {
            phone.command(
                    "dial sip:+390255500100@127.0.0.1:"
                            + (tls ? service.tlsPort() : service.process().sipPort())
                            + (transport.equals("udp") ? "" : ";transport=" + transport));
            JsonNode established = phone.awaitEvent("CALL_ESTABLISHED", Duration.ofSeconds(20));
            // the phone accepts our audio (with SRTP: it authenticated and decrypted it)
            phone.awaitEvent("CALL_RTPESTAB", Duration.ofSeconds(10));
            phone.command("sndcode #"); // skips the greeting
            Thread.sleep(6_500); // the caller speaks: 1 s of silence, 4 s of speech, then waits
            phone.command("hangup");
            phone.awaitEvent("CALL_CLOSED", Duration.ofSeconds(10));

            String callId = established.path("id").asText();
            JsonNode message = DepositIT.awaitMessage(service, "acme", callId);
            assertThat(message.path("callerNumber").asText()).isEqualTo(CALLER);
            assertThat(message.path("durationMillis").asLong()).isBetween(3_500L, 6_500L);
            String sent = phone.log();
            String expectedVia = "SIP/2.0/" + transport.toUpperCase(java.util.Locale.ROOT);
            assertThat(requestVia(sent, "ACK")).as(sent).contains(expectedVia);
            assertThat(requestVia(sent, "BYE")).as(sent).contains(expectedVia);
            if (srtp) {
                assertThat(sent).as("our answer").contains("RTP/SAVP").contains("a=crypto:");
            }
        }
    }

    /** The Via line of the first request of this method that baresip's SIP trace shows it sent. */
    private static String requestVia(String trace, String method) {
        int at = trace.indexOf("\n" + method + " sip:");
        if (at < 0) {
            return "(no " + method + " in the trace)";
        }
        int via = trace.indexOf("\nVia:", at);
        return via < 0 ? "" : trace.substring(via + 1, trace.indexOf('\n', via + 1));
    }
}
