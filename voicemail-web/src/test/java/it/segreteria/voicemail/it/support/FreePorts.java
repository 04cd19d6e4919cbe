package it.segreteria.voicemail.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports that are free on loopback right now, for both TCP and UDP (SIP listens on both). */
public final class FreePorts {

    private FreePorts() {}

    public static int tcpAndUdp() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    DatagramSocket udp =
                            new DatagramSocket(
                                    tcp.getLocalPort(), InetAddress.getLoopbackAddress())) {
                return tcp.getLocalPort();
            } catch (IOException taken) {
                // the UDP side is taken: try another
            }
        }
        throw new IllegalStateException("no free TCP+UDP port on loopback");
    }

    /**
     * A port free for TCP and UDP whose next port is free for TCP too: a SIP user agent that also
     * listens for TLS on the port above (baresip) needs both.
     */
    public static int tcpAndUdpWithNextTcp() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = tcpAndUdp();
            try (ServerSocket next =
                    new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // the port above is in use: try another
            }
        }
        throw new IllegalStateException("no free pair of ports on loopback");
    }

    public static int tcp() {
        try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return tcp.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
