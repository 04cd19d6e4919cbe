package it.segreteria.voicemail.it;

import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.SipFuzzer;
import it.segreteria.voicemail.it.support.SipProbe;
import it.segreteria.voicemail.it.support.Sipp;
import it.segreteria.voicemail.it.support.TestAudio;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Mutated INVITE, BYE, INFO, ACK, CANCEL, OPTIONS and REGISTER requests ({@link SipFuzzer}) sent to
 * a service of its own, over UDP and (one in a hundred) TCP: the service never answers one with a
 * server error (but 503 when overloaded and 505 for another SIP version), does not grow its threads
 * from the first half of the run to the second, still answers probes, and a real caller still
 * leaves a message. {@code -Dfuzz.messages} (5 000 here; a million in {@code benchmark.sh fuzz})
 * and {@code -Dfuzz.seed} replay a run.
 */
class SipFuzzIT {

    private static final int MESSAGES = Integer.getInteger("fuzz.messages", 5_000);
    private static final long SEED = Long.getLong("fuzz.seed", 4475);
    private static final int PER_SECOND = Integer.getInteger("fuzz.rate", 2_000);

    @Test
    void mutatedRequestsNeverGetAServerErrorNorStopTheService() throws Exception {
        try (Service service =
                Service.startPrivate("fuzz", Map.of("voicemail.calls.max", "2000"))) {
            int port = service.process().sipPort();
            int threadsBefore = -1;
            Map<String, Integer> namesBefore = Map.of();
            Map<Integer, LongAdder> answers = new ConcurrentHashMap<>();
            AtomicLong lastAnswer = new AtomicLong(System.nanoTime());
            long started = System.nanoTime();
            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                socket.setReceiveBufferSize(4 << 20);
                Thread receiver =
                        new Thread(() -> receive(socket, answers, lastAnswer), "fuzz-answers");
                receiver.setDaemon(true);
                receiver.start();
                SipFuzzer fuzzer = new SipFuzzer(SEED, "127.0.0.1:" + port, socket.getLocalPort());
                InetSocketAddress target =
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
                long intervalNanos = 1_000_000_000L / PER_SECOND;
                int half = MESSAGES / 2;
                for (int i = 0; i < MESSAGES; i++) {
                    if (i == half) {
                        // the fixed pools (calls, timers, spool, storage) start all their threads
                        // with the service, the others are small and bounded: a leak would go on
                        // growing with the second half
                        threadsBefore = service.process().threads();
                        namesBefore = service.process().threadNames();
                    }
                    byte[] message = fuzzer.next();
                    if (i % 100 == 99) {
                        overTcp(target, message);
                    } else if (message.length <= 65_000) {
                        socket.send(new DatagramPacket(message, message.length, target));
                    }
                    long due = started + (i + 1) * intervalNanos;
                    while (System.nanoTime() < due) {
                        Thread.onSpinWait(); // pacing the sender, bounded by the rate
                    }
                }
                long sentNanos = System.nanoTime() - started;
                service.process()
                        .await(
                                "the answers to settle",
                                () -> System.nanoTime() - lastAnswer.get() > 2_000_000_000L,
                                Duration.ofSeconds(120));
                Map<Integer, Long> byStatus = new TreeMap<>();
                answers.forEach((status, n) -> byStatus.put(status, n.sum()));
                System.out.printf(
                        "reliability: fuzz: %d messages (seed %d) in %.1f s, %.0f/s; answers by"
                                + " status %s%n",
                        MESSAGES, SEED, sentNanos / 1e9, MESSAGES / (sentNanos / 1e9), byStatus);

                assertThat(service.process().isAlive()).isTrue();
                assertThat(byStatus.keySet())
                        .as("no server error but 503 (overload) and 505 (version): %s", byStatus)
                        .allMatch(status -> status < 500 || status == 503 || status == 505);
                assertThat(byStatus.values().stream().mapToLong(Long::longValue).sum())
                        .as("most messages are answered")
                        .isGreaterThan(MESSAGES / 4);
            }
            SipProbe probe = new SipProbe(port);
            assertThat(probe.udp("OPTIONS").status()).isEqualTo(200);
            assertThat(probe.tcp("OPTIONS").status()).isEqualTo(200);
            // the INVITEs that stayed valid were answered and never ACKed: their calls end
            service.process()
                    .await(
                            "the fuzzer's calls released, with their RTP ports",
                            () ->
                                    service.gauge("voicemail_calls_active").orElse(-1) == 0
                                            && service.gauge("voicemail_rtp_ports_in_use")
                                                            .orElse(-1)
                                                    == 0,
                            Duration.ofSeconds(60));
            Sipp.Result caller =
                    Sipp.call(
                            "deposit",
                            "+390255500100",
                            port,
                            Map.of(
                                    "AUDIO",
                                    TestAudio.warble(Codec.PCMU, 3).write("after-fuzz").toString(),
                                    "PT",
                                    "0",
                                    "TALK",
                                    "3000"),
                            Map.of("caller", "3339990000", "name", "After", "pt", "0", "te", "96"));
            assertThat(caller.succeeded()).as(caller.output()).isTrue();
            System.out.printf(
                    "reliability: fuzz: service threads %d at half time, %d after; still answering"
                            + " OPTIONS over UDP and TCP and taking a deposit%n",
                    threadsBefore, service.process().threads());
            assertThat(service.process().threads())
                    .as(
                            "threads after the fuzzing: %s, before: %s",
                            service.process().threadNames(), namesBefore)
                    .isLessThan(threadsBefore + 20);
        }
    }

    private static void receive(
            DatagramSocket socket, Map<Integer, LongAdder> answers, AtomicLong lastAnswer) {
        byte[] buffer = new byte[65_535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketException closed) {
                return;
            } catch (java.io.IOException e) {
                continue;
            }
            String text =
                    new String(
                            buffer,
                            0,
                            Math.min(packet.getLength(), 16),
                            StandardCharsets.ISO_8859_1);
            if (text.startsWith("SIP/2.0 ") && text.length() >= 11) {
                try {
                    int status = Integer.parseInt(text.substring(8, 11));
                    answers.computeIfAbsent(status, s -> new LongAdder()).increment();
                    lastAnswer.set(System.nanoTime());
                } catch (NumberFormatException notAStatus) {
                    // a request from the service (a BYE): not counted
                }
            }
        }
    }

    /** One message over a connection of its own, closed without waiting for the answer. */
    private static void overTcp(InetSocketAddress target, byte[] message) {
        try (Socket socket = new Socket()) {
            socket.connect(target, 2_000);
            OutputStream out = socket.getOutputStream();
            out.write(message);
            out.flush();
        } catch (java.io.IOException refused) {
            // the service may close a connection that sent garbage: that is its right
        }
    }
}
