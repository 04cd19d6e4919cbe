package it.segreteria.voicemail.it.support;

import it.segreteria.voicemail.audio.Codec;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A caller that only listens: calls a number over UDP with a PCMU offer, keeps what the service
 * sends on RTP for a while, and hangs up ({@link KeyingCaller} makes the call). SIP written by hand
 * on purpose (a handful of lines, no stack), RTP received on a socket of its own: what a deposit
 * caller really hears, from the built WAR. Also the hand-written SIP both share.
 */
public final class ListeningCaller {

    private ListeningCaller() {}

    /** Calls {@code number} at the service and returns the audio heard for {@code listen}. */
    public static short[] hear(int sipPort, String number, String caller, Duration listen)
            throws IOException {
        try (KeyingCaller call = KeyingCaller.dial(sipPort, number, caller)) {
            return call.listen(listen);
        }
    }

    /** G.711 µ-law codes as 16-bit samples. */
    public static short[] decode(byte[] codes) {
        short[] pcm = new short[codes.length];
        for (int i = 0; i < codes.length; i++) {
            pcm[i] = Codec.PCMU.decode(codes[i]);
        }
        return pcm;
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
