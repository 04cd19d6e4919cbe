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
 * @param tcpTotal TCP connections open at once in all (TLS connections included)
 * @param tlsPort the port of SIP over TLS (when {@code tls} is among the transports)
 * @param tlsKeystore the PKCS#12 file with the TLS certificate and its key; empty without TLS
 * @param tlsPassword its password
 */
public record SipSettings(
        String host,
        int port,
        List<String> transports,
        java.time.Duration tcpIdle,
        int tcpPerSource,
        int tcpTotal,
        int tlsPort,
        java.util.Optional<java.nio.file.Path> tlsKeystore,
        String tlsPassword) {

    public static final String HOST = "voicemail.sip.host";
    public static final String PORT = "voicemail.sip.port";
    public static final String TRANSPORTS = "voicemail.sip.transports";
    public static final String TCP_IDLE = "voicemail.sip.tcp.idle-seconds";
    public static final String TCP_PER_SOURCE = "voicemail.sip.tcp.max-connections-per-source";
    public static final String TCP_TOTAL = "voicemail.sip.tcp.max-connections";
    public static final String TLS_PORT = "voicemail.sip.tls.port";
    public static final String TLS_KEYSTORE = "voicemail.sip.tls.keystore";
    public static final String TLS_PASSWORD = "voicemail.sip.tls.keystore-password";
    private static final List<String> SUPPORTED = List.of("udp", "tcp", "tls");

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
        if (transports.contains("tls") && tlsKeystore.isEmpty()) {
            throw new IllegalArgumentException(
                    TRANSPORTS + " lists tls: " + TLS_KEYSTORE + " must name its certificate");
        }
        if (tlsPort < 1 || tlsPort > 65535) {
            throw new IllegalArgumentException(TLS_PORT + " must be 1 to 65535, got " + tlsPort);
        }
        if (tlsKeystore.isPresent() && !java.nio.file.Files.isReadable(tlsKeystore.get())) {
            throw new IllegalArgumentException(
                    TLS_KEYSTORE + " '" + tlsKeystore.get() + "' cannot be read");
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
        int port = config.getOptionalValue(PORT, Integer.class).orElse(5060);
        java.util.Optional<java.nio.file.Path> keystore =
                config.getOptionalValue(TLS_KEYSTORE, String.class).map(java.nio.file.Path::of);
        // with a certificate, TLS is on unless the transports say otherwise
        List<String> transports = keystore.isPresent() ? SUPPORTED : List.of("udp", "tcp");
        return new SipSettings(
                config.getOptionalValue(HOST, String.class).orElse("127.0.0.1"),
                port,
                config.getOptionalValues(TRANSPORTS, String.class).orElse(transports),
                java.time.Duration.ofSeconds(
                        config.getOptionalValue(TCP_IDLE, Integer.class).orElse(120)),
                config.getOptionalValue(TCP_PER_SOURCE, Integer.class).orElse(200),
                config.getOptionalValue(TCP_TOTAL, Integer.class).orElse(5000),
                config.getOptionalValue(TLS_PORT, Integer.class).orElse(port + 1),
                keystore,
                config.getOptionalValue(TLS_PASSWORD, String.class).orElse(""));
    }

    /** The port a transport listens on: TLS has its own (5061 next to 5060). */
    public int port(String transport) {
        return "tls".equalsIgnoreCase(transport) ? tlsPort : port;
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
