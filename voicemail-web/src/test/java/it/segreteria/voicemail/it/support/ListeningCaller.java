package it.segreteria.voicemail.it.support;

import it.segreteria.voicemail.audio.Codec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A caller that only listens: calls a number over UDP with a PCMU offer, keeps what the service
 * sends on RTP for a while, and hangs up. SIP written by hand on purpose (a handful of lines, no
 * stack), RTP received on a socket of its own: what a deposit caller really hears, from the built
 * WAR.
 */
public final class ListeningCaller {

    private static final int RTP_HEADER = 12;

    private ListeningCaller() {}

    /** Calls {@code number} at the service and returns the audio heard for {@code listen}. */
    public static short[] hear(int sipPort, String number, String caller, Duration listen)
            throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket sip = new DatagramSocket(0, loopback);
                DatagramSocket rtp = new DatagramSocket(0, loopback)) {
            int local = sip.getLocalPort();
            String callId = UUID.randomUUID() + "@127.0.0.1";
            String from = "<sip:" + caller + "@127.0.0.1:" + local + ">;tag=" + tag();
            String uri = "sip:" + number + "@127.0.0.1:" + sipPort;
            String sdp =
                    "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                            + "m=audio "
                            + rtp.getLocalPort()
                            + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\n";
            send(
                    sip,
                    sipPort,
                    request("INVITE", uri, local, from, "<" + uri + ">", callId, 1)
                            + "Content-Type: application/sdp\r\nContent-Length: "
                            + sdp.length()
                            + "\r\n\r\n"
                            + sdp);
            String to = null;
            sip.setSoTimeout(10_000);
            while (to == null) {
                String response = receive(sip);
                int status = Integer.parseInt(response.substring(8, 11));
                if (status >= 300) {
                    throw new AssertionError("the call was refused: " + response);
                }
                if (status >= 200) {
                    to = header(response, "To");
                }
            }
            send(sip, sipPort, request("ACK", uri, local, from, to, callId, 1) + "\r\n");

            ByteArrayOutputStream heard = new ByteArrayOutputStream();
            rtp.setSoTimeout(100);
            byte[] buffer = new byte[2048];
            long end = System.nanoTime() + listen.toNanos();
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
            send(
                    sip,
                    sipPort,
                    request("BYE", uri, local, from, to, callId, 2) + "Content-Length: 0\r\n\r\n");
            byte[] codes = heard.toByteArray();
            short[] pcm = new short[codes.length];
            for (int i = 0; i < codes.length; i++) {
                pcm[i] = Codec.PCMU.decode(codes[i]);
            }
            return pcm;
        }
    }

    /** Where {@code part} starts in {@code whole}, sample for sample; -1 if it is not there. */
    public static int indexOf(short[] whole, short[] part) {
        outer:
        for (int i = 0; i + part.length <= whole.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (whole[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String request(
            String method, String uri, int local, String from, String to, String callId, int cseq) {
        return method
                + " "
                + uri
                + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:"
                + local
                + ";branch=z9hG4bK"
                + tag()
                + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: "
                + from
                + "\r\n"
                + "To: "
                + to
                + "\r\n"
                + "Call-ID: "
                + callId
                + "\r\n"
                + "CSeq: "
                + cseq
                + " "
                + method
                + "\r\n"
                + "Contact: <sip:listener@127.0.0.1:"
                + local
                + ">\r\n"
                + (method.equals("INVITE")
                        ? ""
                        : method.equals("ACK") ? "Content-Length: 0\r\n" : "");
    }

    static String header(String message, String name) {
        Matcher m =
                Pattern.compile("(?im)^" + Pattern.quote(name) + "\\s*:\\s*(.*?)\\r?$")
                        .matcher(message);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + message);
        }
        return m.group(1);
    }

    static void send(DatagramSocket socket, int port, String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        socket.send(
                new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
    }

    static String receive(DatagramSocket socket) throws IOException {
        byte[] buffer = new byte[65535];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        return new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    static String tag() {
        return UUID.randomUUID()
                .toString()
                .replace("-", "")
                .substring(0, 10)
                .toLowerCase(Locale.ROOT);
    }
}
