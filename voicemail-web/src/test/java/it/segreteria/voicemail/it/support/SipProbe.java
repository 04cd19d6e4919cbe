package it.segreteria.voicemail.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A minimal SIP client that writes requests byte for byte, as a probe, a scanner or a broken peer
 * would, and reads the response. Bytes on the wire, so that tests can also send what no
 * well-behaved stack would.
 */
public final class SipProbe {

    private static final int TIMEOUT_MS = 5000;
    private final int port;

    public SipProbe(int port) {
        this.port = port;
    }

    /** A well-formed out-of-dialog request of the given method, as sent from {@code localPort}. */
    public static String request(String method, String transport, int targetPort, int localPort) {
        String branch = "z9hG4bK" + UUID.randomUUID().toString().replace("-", "");
        return method
                + " sip:ping@127.0.0.1:"
                + targetPort
                + " SIP/2.0\r\n"
                + "Via: SIP/2.0/"
                + transport.toUpperCase(Locale.ROOT)
                + " 127.0.0.1:"
                + localPort
                + ";branch="
                + branch
                + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:probe@127.0.0.1>;tag="
                + UUID.randomUUID().toString().substring(0, 8)
                + "\r\n"
                + "To: <sip:ping@127.0.0.1>\r\n"
                + "Contact: <sip:probe@127.0.0.1:"
                + localPort
                + ">\r\n"
                + "Call-ID: "
                + UUID.randomUUID()
                + "@127.0.0.1\r\n"
                + "CSeq: 1 "
                + method
                + "\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    public Response udp(String method) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return udp(socket, request(method, "udp", port, socket.getLocalPort()));
        }
    }

    /**
     * Sends raw bytes over UDP and returns the answer, or {@code null} if none came within the
     * timeout.
     */
    public Response udp(DatagramSocket socket, String message) throws IOException {
        return udp(socket, message, TIMEOUT_MS);
    }

    /** Sends raw bytes over UDP and waits at most {@code timeoutMs} for an answer. */
    public Response udp(DatagramSocket socket, String message, int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        socket.send(
                new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
        byte[] buffer = new byte[65535];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException silence) {
            return null;
        }
        return Response.parse(new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8));
    }

    /**
     * Sends an out-of-dialog request over UDP and returns its final answer (provisional ones are
     * skipped), or {@code null} if none came within the timeout.
     */
    public Response udpFinal(String method) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Response response =
                    udp(socket, request(method, "udp", port, socket.getLocalPort()), TIMEOUT_MS);
            byte[] buffer = new byte[65535];
            while (response != null && response.status() < 200) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException silence) {
                    return null;
                }
                response =
                        Response.parse(
                                new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8));
            }
            return response;
        }
    }

    public Response tcp(String method) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            out.write(
                    request(method, "tcp", port, socket.getLocalPort())
                            .getBytes(StandardCharsets.UTF_8));
            out.flush();
            return Response.parse(readMessage(socket.getInputStream()));
        }
    }

    private static String readMessage(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            bytes.write(b);
            if (bytes.toString(StandardCharsets.UTF_8).endsWith("\r\n\r\n")) {
                break; // our probes never get a body back
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** A parsed response: status and headers by lower-case name. */
    public record Response(int status, String reason, Map<String, String> headers, String raw) {

        static Response parse(String raw) {
            String[] lines = raw.split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
                int colon = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            return new Response(Integer.parseInt(statusLine[1]), statusLine[2], headers, raw);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }
}
