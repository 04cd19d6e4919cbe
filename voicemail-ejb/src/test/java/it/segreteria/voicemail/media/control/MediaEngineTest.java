package it.segreteria.voicemail.media.control;

import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.audio.MediaDescription;
import it.segreteria.voicemail.call.control.MediaEvents;
import it.segreteria.voicemail.call.control.TestMediaEvents;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The RTP port pool with real sockets on loopback. */
class MediaEngineTest {

    private static final MediaEvents NOBODY = TestMediaEvents.NOBODY;

    /**
     * Every port of the pool, used and released with no packet arriving anywhere (as after a flood
     * of calls that never sent audio), can be used again at once: a released socket is closed
     * before its port goes back. (Closing a channel still registered with the idle selector kept
     * its port bound, so the whole pool answered "no free RTP port" with nothing in use.)
     */
    @Test
    void releasedPortsAreFreeAgainWithoutAnyTraffic() throws Exception {
        int base = freeEvenPortRange(8);
        MediaEngine engine = new MediaEngine("127.0.0.1", base, base + 7, Thread::new);
        try {
            for (int round = 0; round < 3; round++) {
                List<RtpSession> sessions = new ArrayList<>();
                for (int call = 0; call < 4; call++) {
                    sessions.add(engine.open(NOBODY));
                }
                assertThat(engine.inUse()).isEqualTo(4);
                sessions.forEach(RtpSession::close);
                assertThat(engine.inUse()).isZero();
                awaitBindable(base, 4);
            }
        } finally {
            engine.close();
        }
    }

    /**
     * What a caller sent before hanging up is in the recording when the hang-up's task runs: the
     * packets still waiting at the port are read first (the store after a BYE relies on it).
     */
    @Test
    void packetsWaitingAtThePortAreReadBeforeTheTaskRuns() throws Exception {
        int base = freeEvenPortRange(2);
        MediaEngine engine = new MediaEngine("127.0.0.1", base, base + 1, Thread::new);
        try (DatagramSocket caller = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            RtpSession session = engine.open(NOBODY);
            session.connect(
                    new MediaDescription(
                            new InetSocketAddress(
                                    InetAddress.getLoopbackAddress(), caller.getLocalPort()),
                            Codec.PCMU,
                            0,
                            101),
                    true);
            session.startRecording(8000 * 60, 60_000);
            InetSocketAddress port =
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), session.localPort());
            int packets = 25; // half a second sent at once (well within the socket buffer)
            for (int i = 0; i < packets; i++) {
                byte[] packet = new byte[12 + 160];
                packet[0] = (byte) 0x80;
                packet[2] = (byte) (i >> 8);
                packet[3] = (byte) i;
                int timestamp = 160 * i;
                packet[4] = (byte) (timestamp >> 24);
                packet[5] = (byte) (timestamp >> 16);
                packet[6] = (byte) (timestamp >> 8);
                packet[7] = (byte) timestamp;
                packet[11] = 42; // SSRC
                java.util.Arrays.fill(packet, 12, packet.length, (byte) 0x55);
                caller.send(new java.net.DatagramPacket(packet, packet.length, port));
            }
            java.util.concurrent.CompletableFuture<Integer> recorded =
                    new java.util.concurrent.CompletableFuture<>();
            session.afterPendingPackets(() -> recorded.complete(session.recordedAudio(0).length));

            assertThat(recorded.get(20, java.util.concurrent.TimeUnit.SECONDS))
                    .as("every sample sent before the task was asked for")
                    .isEqualTo(packets * 160);
            session.close();
        } finally {
            engine.close();
        }
    }

    /**
     * A media clock held up (here: 300 ms in one session's event, as a starved CPU would) measures
     * how late it ran, and catches up by skipping the ticks it missed instead of sending every
     * session a burst of late frames: the other session gets no more packets than its time allows.
     */
    @Test
    void aClockHeldUpMeasuresItsLatenessAndSendsNoBurst() throws Exception {
        int base = freeEvenPortRange(4);
        MediaEngine engine = new MediaEngine("127.0.0.1", base, base + 3, Thread::new);
        java.util.concurrent.CountDownLatch stalled = new java.util.concurrent.CountDownLatch(1);
        MediaEvents stalling = // on the clock's thread
                TestMediaEvents.onPlaybackFinished(
                        () -> {
                            stalled.countDown();
                            try {
                                Thread.sleep(300);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
        try (DatagramSocket listener = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            MediaDescription towardsListener =
                    new MediaDescription(
                            new InetSocketAddress(
                                    InetAddress.getLoopbackAddress(), listener.getLocalPort()),
                            Codec.PCMU,
                            0,
                            101);
            RtpSession counted = engine.open(NOBODY);
            RtpSession stalls = engine.open(stalling);
            stalls.connect(towardsListener, true);
            engine.clockWindow(); // what came before
            stalls.play(it.segreteria.voicemail.audio.Prompt.tone(440, 100, 0.1));

            assertThat(stalled.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            counted.connect(towardsListener, true); // its packets: from the hold-up on
            Thread.sleep(150);
            assertThat(engine.clockWindow().atMost(1.0))
                    .as("while it is held up, the ticks it owes count as late, ms")
                    .isGreaterThanOrEqualTo(80);
            listener.setSoTimeout(100);
            int fromCounted = 0;
            byte[] buffer = new byte[2048];
            while (System.nanoTime() - start < 600_000_000L) {
                java.net.DatagramPacket packet = new java.net.DatagramPacket(buffer, buffer.length);
                try {
                    listener.receive(packet);
                } catch (java.net.SocketTimeoutException e) {
                    continue;
                }
                if (packet.getPort() == counted.localPort()) {
                    fromCounted++;
                }
            }

            // 600 ms is 30 ticks, the first 15 of them held up: 15 sent after it, 30 if the late
            // ones were all sent
            assertThat(fromCounted)
                    .as("packets in 600 ms from the session not held up")
                    .isLessThan(24);
            assertThat(engine.clockWindow().atMost(1.0))
                    .as("the worst lateness measured, ms")
                    .isGreaterThanOrEqualTo(160);
            counted.close();
            stalls.close();
        } finally {
            engine.close();
        }
    }

    private static void awaitBindable(int base, int ports) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L; // stuck would be forever
        while (true) {
            boolean all = true;
            for (int i = 0; i < ports; i++) {
                try (DatagramSocket probe =
                        new DatagramSocket(
                                new InetSocketAddress(
                                        InetAddress.getLoopbackAddress(), base + 2 * i))) {
                    // bound: the port is really free
                } catch (java.net.SocketException stillBound) {
                    all = false;
                }
            }
            if (all) {
                return;
            }
            assertThat(System.nanoTime()).as("ports released within 20 s").isLessThan(deadline);
            Thread.sleep(10); // polling the ports, bounded by the deadline
        }
    }

    private static int freeEvenPortRange(int length) throws Exception {
        for (int base = 47000; base < 60000; base += 16) {
            boolean free = true;
            for (int port = base; port < base + length && free; port++) {
                try (DatagramSocket probe =
                        new DatagramSocket(
                                new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                    // free
                } catch (java.net.SocketException taken) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range");
    }
}
