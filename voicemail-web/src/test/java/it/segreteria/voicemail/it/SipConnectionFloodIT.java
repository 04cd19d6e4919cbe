package it.segreteria.voicemail.it;

import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.SipProbe;
import it.segreteria.voicemail.it.support.VoicemailService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Thousands of TCP connections that send nothing or half a request, from a few addresses: the
 * service's threads stay flat, each address gets no more than its cap, a legitimate peer still gets
 * answers, and the idle connections are closed by the service.
 */
@ExtendWith(VoicemailService.class)
class SipConnectionFloodIT {

    private static final int SOURCES = 4;
    private static final int ATTEMPTS_PER_SOURCE = Service.TCP_PER_SOURCE + 300;

    @Test
    void idleAndHalfSentConnectionsCostNoThreadsAndAreCappedAndClosed(Service service)
            throws Exception {
        int port = service.process().sipPort();
        new SipProbe(port).tcp("OPTIONS"); // the TCP transport's own threads exist from here on
        int threadsBefore = service.process().threads();
        int filesBefore = service.process().openFiles();
        List<SocketChannel> flood = new ArrayList<>();
        Map<SocketChannel, String> sourceOf = new HashMap<>();
        try (Selector selector = Selector.open()) {
            // all connections opened at once, without waiting for each handshake: the service's
            // accept queue overflows, and connecting one by one (each overflow costs a SYN
            // retransmission) took longer than the idle timeout of the first connections
            Map<SocketChannel, Integer> numberOf = new HashMap<>();
            int connecting = 0;
            for (int s = 1; s <= SOURCES; s++) {
                String source = "127.0.1." + s;
                for (int i = 0; i < ATTEMPTS_PER_SOURCE; i++) {
                    SocketChannel connection = SocketChannel.open();
                    flood.add(connection);
                    sourceOf.put(connection, source);
                    numberOf.put(connection, i);
                    connection.configureBlocking(false);
                    connection.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
                    if (connection.connect(new InetSocketAddress("127.0.0.1", port))) {
                        connected(connection, source, i);
                        connection.register(selector, SelectionKey.OP_READ);
                    } else {
                        connection.register(selector, SelectionKey.OP_CONNECT);
                        connecting++;
                    }
                }
            }
            long connectDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (connecting > 0 && System.nanoTime() < connectDeadline) {
                selector.select(500);
                for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    if (!key.isValid() || !key.isConnectable()) {
                        continue; // a closed one: counted below
                    }
                    it.remove();
                    SocketChannel connection = (SocketChannel) key.channel();
                    try {
                        if (!connection.finishConnect()) {
                            continue;
                        }
                        connected(connection, sourceOf.get(connection), numberOf.get(connection));
                    } catch (IOException closedAtOnce) {
                        // closed by the service while connecting: read as closed below
                    }
                    connecting--;
                    key.interestOps(SelectionKey.OP_READ);
                }
            }
            assertThat(connecting).as("connections still connecting").isZero();
            int attempts = SOURCES * ATTEMPTS_PER_SOURCE;

            // beyond its cap, every connection of a source is closed by the service at once
            Map<String, Integer> closedBySource = new HashMap<>();
            awaitClosed(
                    selector,
                    closedBySource,
                    sourceOf,
                    SOURCES * (ATTEMPTS_PER_SOURCE - Service.TCP_PER_SOURCE),
                    Duration.ofSeconds(30));
            for (int s = 1; s <= SOURCES; s++) {
                assertThat(closedBySource.get("127.0.1." + s))
                        .as("connections of 127.0.1.%d refused", s)
                        .isEqualTo(ATTEMPTS_PER_SOURCE - Service.TCP_PER_SOURCE);
            }
            int held = SOURCES * Service.TCP_PER_SOURCE;
            assertThat(service.gauge("voicemail_sip_tcp_connections").orElseThrow())
                    .as("connections the service holds")
                    .isBetween((double) held, held + 5.0);
            assertThat(service.gauge("voicemail_sip_tcp_connections_refused").orElseThrow())
                    .isGreaterThanOrEqualTo(attempts - held);
            System.out.printf(
                    "reliability: TCP flood: %d connections from %d addresses, %d held, %d refused;"
                            + " threads %d before, %d with them held%n",
                    attempts,
                    SOURCES,
                    (long) service.gauge("voicemail_sip_tcp_connections").orElseThrow(),
                    (long) service.gauge("voicemail_sip_tcp_connections_refused").orElseThrow(),
                    threadsBefore,
                    service.process().threads());
            assertThat(service.process().threads())
                    .as("threads with %d connections held (before: %d)", held, threadsBefore)
                    .isLessThan(threadsBefore + 30);

            // a legitimate peer from another address is still answered, over TCP and UDP
            SipProbe probe = new SipProbe(port);
            assertThat(probe.tcp("OPTIONS").status()).isEqualTo(200);
            assertThat(probe.udp("OPTIONS").status()).isEqualTo(200);

            // the idle and half-sent ones are closed by the service after the idle time
            awaitClosed(
                    selector,
                    closedBySource,
                    sourceOf,
                    attempts,
                    Service.TCP_IDLE.multipliedBy(2).plusSeconds(30));
            service.process()
                    .await(
                            "the service's descriptors back to where they were",
                            () -> service.process().openFiles() < filesBefore + 30,
                            Duration.ofSeconds(30));
        } finally {
            for (SocketChannel connection : flood) {
                connection.close();
            }
        }
    }

    /** Half a request on every other connection, never finished. */
    private static void connected(SocketChannel connection, String source, int i) {
        if (i % 2 != 0) {
            return;
        }
        try {
            connection.write(
                    ByteBuffer.wrap(
                            ("INVITE sip:+390255500100@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP "
                                            + source
                                            + ":5060;branch=z9hG4bKflood"
                                            + i
                                            + "\r\nFrom: <sip:a@b>;tag=x\r\n")
                                    .getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException closedAtOnce) {
            // refused by the service before the write: read as closed later
        }
    }

    /** Reads until {@code total} connections have been closed by the far end, or fails. */
    private static void awaitClosed(
            Selector selector,
            Map<String, Integer> closedBySource,
            Map<SocketChannel, String> sourceOf,
            int total,
            Duration timeout)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        int closed = closedBySource.values().stream().mapToInt(Integer::intValue).sum();
        while (closed < total && System.nanoTime() < deadline) {
            selector.select(500);
            for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                SelectionKey key = it.next();
                it.remove();
                SocketChannel connection = (SocketChannel) key.channel();
                buffer.clear();
                int read;
                try {
                    read = connection.read(buffer);
                } catch (IOException reset) {
                    read = -1;
                }
                if (read < 0) {
                    key.cancel();
                    connection.close();
                    closedBySource.merge(sourceOf.get(connection), 1, Integer::sum);
                    closed++;
                }
            }
        }
        assertThat(closed)
                .as("connections closed by the service (by source: %s)", closedBySource)
                .isEqualTo(total);
    }
}
