package it.segreteria.voicemail.it;

import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.ServiceProcess;
import it.segreteria.voicemail.it.support.SipProbe;
import it.segreteria.voicemail.it.support.Sipp;
import it.segreteria.voicemail.it.support.TestAudio;
import it.segreteria.voicemail.it.support.VoicemailService;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What calls and malformed input cost the log: one short line per call with the caller's number
 * masked, and a flood of malformed messages a few lines a minute. Prints the figures recorded in
 * docs/operations.md.
 */
@ExtendWith(VoicemailService.class)
class LogVolumeIT {

    private static final int CALLS = 10;
    private static final int MALFORMED = 5000;
    private static final String CALLER = "3337771234";

    @Test
    void aCallIsOneLineWithTheCallersNumberMasked(Service service) throws Exception {
        ServiceProcess process = service.process();
        awaitQuietLog(service);
        long before = process.logSize();
        TestAudio audio = TestAudio.warble(Codec.PCMU, 3.0);

        Sipp.Result calls =
                Sipp.start(
                                "deposit",
                                "+390255500100",
                                process.sipPort(),
                                Map.of(
                                        "AUDIO", audio.write("log-volume").toString(),
                                        "PT", "0",
                                        "TALK", "3000"),
                                Map.of("caller", CALLER, "name", "Log", "pt", "0", "te", "96"),
                                CALLS,
                                "log-%u-" + System.nanoTime() + "@127.0.0.1")
                        .await();
        assertThat(calls.succeeded()).as(calls.output()).isTrue();
        process.await(
                "a line for each call",
                () -> count(process.logSince(before), "from 333*****34: ") >= CALLS,
                Duration.ofSeconds(30));
        awaitQuietLog(service);

        String written = process.logSince(before);
        long perCall = (process.logSize() - before) / CALLS;
        System.out.printf("log bytes per call: %d%n", perCall);
        assertThat(written).as("the caller's number").doesNotContain(CALLER);
        assertThat(written).contains("[acme mailbox 100] from 333*****34: message of ");
        assertThat(perCall).as("log bytes per call").isLessThan(1024);
    }

    @Test
    void aFloodOfMalformedMessagesCostsTheLogAFewLines(Service service) throws Exception {
        ServiceProcess process = service.process();
        awaitQuietLog(service);
        long before = process.logSize();
        String[] junk = {
            "\u0000\u0001\u0002 not sip at all",
            "SIP/2.0 200 OK\r\n\r\n",
            "OPTIONS sip:ping@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bKx\r\n"
                    + "CSeq: banana OPTIONS\r\nContent-Length: 99999\r\n\r\n",
            "INVITE sip:+390255500100@127.0.0.1 SIP/2.0\r\nTo: <sip:a@b>\r\n\r\n",
            "INVITE sip:+390255500100@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bKy\r\n"
                    + "From: <sip:3337771234@x>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n"
                    + "Max-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: 5\r\n\r\nv=9"
        };
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            InetAddress service127 = InetAddress.getByName("127.0.0.1");
            for (int i = 0; i < MALFORMED; i++) {
                byte[] bytes = junk[i % junk.length].getBytes(StandardCharsets.ISO_8859_1);
                socket.send(new DatagramPacket(bytes, bytes.length, service127, process.sipPort()));
            }
        }
        SipProbe probe = new SipProbe(process.sipPort());
        process.await( // once the datagrams queued before it are read
                "the service to answer OPTIONS after the flood",
                () -> {
                    try {
                        SipProbe.Response answer = probe.udp("OPTIONS");
                        return answer != null && answer.status() == 200;
                    } catch (java.io.IOException e) {
                        return false;
                    }
                },
                Duration.ofSeconds(30));
        awaitQuietLog(service);

        long added = process.logSize() - before;
        System.out.printf(
                "log bytes for %d malformed messages: %d (%.1f per message)%n",
                MALFORMED, added, (double) added / MALFORMED);
        assertThat(added).as("log bytes for %d malformed messages", MALFORMED).isLessThan(40_000);
        assertThat(process.logSince(before)).doesNotContain(CALLER);
    }

    /** Waits until no call is in progress and the log has not grown for a second. */
    private static void awaitQuietLog(Service service) {
        ServiceProcess process = service.process();
        process.await(
                "no call in progress",
                () -> service.gauge("voicemail_calls_active").orElse(-1) == 0,
                Duration.ofSeconds(60));
        long[] last = {-1};
        long[] since = {System.nanoTime()};
        process.await(
                "the log to stop growing",
                () -> {
                    long size = process.logSize();
                    if (size != last[0]) {
                        last[0] = size;
                        since[0] = System.nanoTime();
                        return false;
                    }
                    return System.nanoTime() - since[0] > 1_000_000_000L;
                },
                Duration.ofSeconds(30));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
