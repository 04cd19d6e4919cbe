package it.segreteria.voicemail.sip.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.eclipse.microprofile.config.Config;

/** Where the SIP endpoint listens, from {@code voicemail.sip.*}. */
public record SipSettings(String host, int port, List<String> transports) {

    public static final String HOST = "voicemail.sip.host";
    public static final String PORT = "voicemail.sip.port";
    public static final String TRANSPORTS = "voicemail.sip.transports";
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
    }

    public static SipSettings from(Config config) {
        return new SipSettings(
                config.getOptionalValue(HOST, String.class).orElse("127.0.0.1"),
                config.getOptionalValue(PORT, Integer.class).orElse(5060),
                config.getOptionalValues(TRANSPORTS, String.class).orElse(SUPPORTED));
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
