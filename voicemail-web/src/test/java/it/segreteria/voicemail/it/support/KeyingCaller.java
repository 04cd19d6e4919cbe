package it.segreteria.voicemail.it.support;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.UUID;

/**
 * A caller that keys digits by SIP INFO (application/dtmf-relay) and times the service's answers:
 * how long after a key the next prompt starts sounding. SIP written by hand like {@link
 * ListeningCaller}'s, RTP received on a socket of its own; what it measures includes the whole path
 * of the built WAR (SIP, the call's queue, the database, the media clock).
 */
public final class KeyingCaller implements AutoCloseable {

    private static final int RTP_HEADER = 12;

    private final DatagramSocket sip;
    private final DatagramSocket rtp;
    private final int sipPort;
    private final String uri;
    private final String from;
    private final String callId;
    private String to;
    private int cseq = 1;

    private KeyingCaller(int sipPort, String number, String caller) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.sip = new DatagramSocket(0, loopback);
        this.rtp = new DatagramSocket(0, loopback);
        this.sipPort = sipPort;
        this.uri = "sip:" + number + "@127.0.0.1:" + sipPort;
        this.from =
                "<sip:"
                        + caller
                        + "@127.0.0.1:"
                        + sip.getLocalPort()
                        + ">;tag="
                        + ListeningCaller.tag();
        this.callId = UUID.randomUUID() + "@127.0.0.1";
    }

    /** Calls {@code number} and waits for the answer. */
    public static KeyingCaller dial(int sipPort, String number, String caller) throws IOException {
        KeyingCaller call = new KeyingCaller(sipPort, number, caller);
        try {
            call.invite();
        } catch (IOException | RuntimeException | Error e) {
            call.sip.close();
            call.rtp.close();
            throw e;
        }
        return call;
    }

    private void invite() throws IOException {
        String sdp =
                "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                        + "m=audio "
                        + rtp.getLocalPort()
                        + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\n";
        int local = sip.getLocalPort();
        ListeningCaller.send(
                sip,
                sipPort,
                ListeningCaller.request("INVITE", uri, local, from, "<" + uri + ">", callId, cseq)
                        + "Content-Type: application/sdp\r\nContent-Length: "
                        + sdp.length()
                        + "\r\n\r\n"
                        + sdp);
        sip.setSoTimeout(10_000);
        while (to == null) {
            String response = ListeningCaller.receive(sip);
            int status = Integer.parseInt(response.substring(8, 11));
            if (status >= 300) {
                throw new AssertionError("the call was refused: " + response);
            }
            if (status >= 200) {
                to = ListeningCaller.header(response, "To");
            }
        }
        ListeningCaller.send(
                sip,
                sipPort,
                ListeningCaller.request("ACK", uri, local, from, to, callId, cseq) + "\r\n");
    }

    /** Keys each digit by one INFO, and waits for its 200. */
    public void key(String keys) throws IOException {
        for (char key : keys.toCharArray()) {
            String body = "Signal=" + key + "\r\nDuration=160\r\n";
            cseq++;
            ListeningCaller.send(
                    sip,
                    sipPort,
                    ListeningCaller.request("INFO", uri, sip.getLocalPort(), from, to, callId, cseq)
                            + "Content-Type: application/dtmf-relay\r\nContent-Length: "
                            + body.length()
                            + "\r\n\r\n"
                            + body);
            String expected = "CSeq: " + cseq + " INFO";
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (true) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("no answer to the INFO of " + key);
                }
                String message = ListeningCaller.receive(sip);
                if (message.startsWith("SIP/2.0 ") && message.contains(expected)) {
                    break; // other messages (a retransmitted 200 of the INVITE) are not ours
                }
            }
        }
    }

    /** The audio the service sends for {@code duration} (PCMU, decoded). */
    public short[] listen(Duration duration) throws IOException {
        java.io.ByteArrayOutputStream heard = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[2048];
        rtp.setSoTimeout(100);
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                rtp.receive(packet);
            } catch (SocketTimeoutException quiet) {
                continue;
            }
            if (packet.getLength() > RTP_HEADER && (buffer[1] & 0x7F) == 0) {
                heard.write(buffer, RTP_HEADER, packet.getLength() - RTP_HEADER);
            }
        }
        return ListeningCaller.decode(heard.toByteArray());
    }

    /** Waits until the service has sent nothing but silence for {@code quiet}. */
    public void awaitQuiet(Duration quiet, Duration timeout) throws IOException {
        long end = System.nanoTime() + timeout.toNanos();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < quiet.toNanos()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the service never fell quiet");
            }
            if (nextSound(Duration.ofMillis(20))) {
                quietSince = System.nanoTime();
            }
        }
    }

    /** How long until the service's RTP carries sound, from now. */
    public Duration untilSound(Duration timeout) throws IOException {
        long start = System.nanoTime();
        long end = start + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (nextSound(Duration.ofMillis(20))) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
        }
        throw new AssertionError("no sound within " + timeout);
    }

    /** Whether a packet with sound came within {@code wait}. */
    private boolean nextSound(Duration wait) throws IOException {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        rtp.setSoTimeout((int) Math.max(1, wait.toMillis()));
        try {
            rtp.receive(packet);
        } catch (SocketTimeoutException quiet) {
            return false;
        }
        if (packet.getLength() <= RTP_HEADER || (buffer[1] & 0x7F) != 0) {
            return false;
        }
        for (int i = RTP_HEADER; i < packet.getLength(); i++) {
            // the µ-law codes next to 0xFF/0x7F are the quietest samples: not sound
            if ((buffer[i] & 0x7F) < 0x70) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        try {
            cseq++;
            ListeningCaller.send(
                    sip,
                    sipPort,
                    ListeningCaller.request("BYE", uri, sip.getLocalPort(), from, to, callId, cseq)
                            + "Content-Length: 0\r\n\r\n");
        } finally {
            sip.close();
            rtp.close();
        }
    }
}
