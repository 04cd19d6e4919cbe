package it.segreteria.voicemail.sip.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.eclipse.microprofile.config.Config;

/**
 * Where the SIP endpoint listens and the limits of its TCP transport, from {@code voicemail.sip.*}.
 *
 * @param tcpIdle a TCP connection that carries nothing for this long is closed (noticed within
 *     twice this time)
 * @param tcpPerSource TCP connections open at once from one address
 * @param tcpTotal TCP connections open at once in all
 */
public record SipSettings(
        String host,
        int port,
        List<String> transports,
        java.time.Duration tcpIdle,
        int tcpPerSource,
        int tcpTotal) {

    public static final String HOST = "voicemail.sip.host";
    public static final String PORT = "voicemail.sip.port";
    public static final String TRANSPORTS = "voicemail.sip.transports";
    public static final String TCP_IDLE = "voicemail.sip.tcp.idle-seconds";
    public static final String TCP_PER_SOURCE = "voicemail.sip.tcp.max-connections-per-source";
    public static final String TCP_TOTAL = "voicemail.sip.tcp.max-connections";
    private static final List<String> SUPPORTED = List.of("udp", "tcp");

    public SipSettings {
        Objects.requireNonNull(host, HOST);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(PORT + " must be 1 to 65535, got " + port);
        }
        transports = transports.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).toList();
        if (transports.isEmpty() || !SUPPORTED.containsAll(transports)) {
            throw new IllegalArgumentException(
                    TRANSPORTS + " must list some of " + SUPPORTED + ", got " + transports);
        }
        if (tcpIdle.toSeconds() < 1) {
            throw new IllegalArgumentException(TCP_IDLE + " must be at least 1");
        }
        if (tcpPerSource < 1 || tcpTotal < tcpPerSource) {
            throw new IllegalArgumentException(
                    TCP_PER_SOURCE
                            + " must be at least 1 and "
                            + TCP_TOTAL
                            + " no lower, got "
                            + tcpPerSource
                            + " and "
                            + tcpTotal);
        }
    }

    public static SipSettings from(Config config) {
        return new SipSettings(
                config.getOptionalValue(HOST, String.class).orElse("127.0.0.1"),
                config.getOptionalValue(PORT, Integer.class).orElse(5060),
                config.getOptionalValues(TRANSPORTS, String.class).orElse(SUPPORTED),
                java.time.Duration.ofSeconds(
                        config.getOptionalValue(TCP_IDLE, Integer.class).orElse(120)),
                config.getOptionalValue(TCP_PER_SOURCE, Integer.class).orElse(200),
                config.getOptionalValue(TCP_TOTAL, Integer.class).orElse(5000));
    }

    /**
     * The listening address as an IP literal: JAIN-SIP binds to addresses, and puts them in Via
     * headers.
     */
    public String address() {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(HOST + " '" + host + "' does not resolve", e);
        }
    }
}
