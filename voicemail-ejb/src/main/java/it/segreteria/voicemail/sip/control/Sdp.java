package it.segreteria.voicemail.sip.control;

import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.audio.MediaDescription;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * SDP offer/answer for a voicemail (RFC 3264, RFC 4566): G.711 µ-law or A-law in the caller's order
 * of preference, and telephone-event with whatever payload type the caller chose. Parses the few
 * lines that matter and ignores the rest, as a tolerant receiver should; answers have exactly one
 * m-line per offered m-line, with port 0 for the streams we refuse (video, a second audio stream).
 */
public final class Sdp {

    private static final java.util.regex.Pattern LINES = java.util.regex.Pattern.compile("\r?\n");
    private static final java.util.regex.Pattern WHITESPACE =
            java.util.regex.Pattern.compile("\\s+");
    private static final java.util.regex.Pattern PAYLOAD_TYPE =
            java.util.regex.Pattern.compile("[0-9]{1,3}");

    /** SDES crypto suites we take (RFC 4568), in our order of preference among the offered. */
    private static final List<String> SUITES =
            List.of("AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32");

    private static final java.util.regex.Pattern CRYPTO =
            java.util.regex.Pattern.compile(
                    "crypto:([0-9]{1,9})\\s+([A-Za-z0-9_]+)\\s+inline:([A-Za-z0-9+/=]{40})"
                            + "(\\|[0-9^]+)?");

    private static final java.security.SecureRandom KEYS = new java.security.SecureRandom();

    private Sdp() {}

    /** What we take from a caller's offer (or answer). */
    public record Offer(
            List<String> mediaLines, int audioIndex, MediaDescription audio, String direction) {

        /**
         * The caller put us on hold: they send nothing (RFC 3264 section 8.4, or RFC 2543's
         * 0.0.0.0).
         */
        public boolean onHold() {
            return direction.equals("sendonly")
                    || direction.equals("inactive")
                    || audio.remote().getAddress() != null
                            && audio.remote().getAddress().isAnyLocalAddress();
        }
    }

    /**
     * Negotiates the caller's offer: the first codec of the first audio stream that we support, its
     * address and port, and the telephone-event payload type. Empty when there is no common codec
     * (answer 488).
     */
    public static Optional<Offer> negotiate(String sdp) {
        if (sdp == null || sdp.isBlank()) {
            return Optional.empty();
        }
        String sessionAddress = null;
        String sessionDirection = "sendrecv";
        List<String> mediaLines = new ArrayList<>();
        List<Map<String, String>> rtpmaps = new ArrayList<>();
        List<String> mediaAddresses = new ArrayList<>();
        List<String> mediaDirections = new ArrayList<>();
        List<List<String>> cryptos = new ArrayList<>();
        for (String raw : LINES.split(sdp)) {
            String line = raw.strip();
            if (line.length() < 2 || line.charAt(1) != '=') {
                continue;
            }
            String value = line.substring(2).strip();
            boolean inMedia = !mediaLines.isEmpty();
            switch (line.charAt(0)) {
                case 'm' -> {
                    mediaLines.add(value);
                    rtpmaps.add(new LinkedHashMap<>());
                    mediaAddresses.add(null);
                    mediaDirections.add(null);
                    cryptos.add(new ArrayList<>());
                }
                case 'c' -> {
                    String address = connectionAddress(value);
                    if (inMedia) {
                        mediaAddresses.set(mediaLines.size() - 1, address);
                    } else {
                        sessionAddress = address;
                    }
                }
                case 'a' -> {
                    if (value.startsWith("rtpmap:") && inMedia) {
                        String[] parts = WHITESPACE.split(value.substring(7), 2);
                        if (parts.length == 2) {
                            rtpmaps.get(mediaLines.size() - 1)
                                    .put(parts[0], parts[1].toLowerCase(Locale.ROOT));
                        }
                    } else if (value.startsWith("crypto:") && inMedia) {
                        cryptos.get(mediaLines.size() - 1).add(value);
                    } else if (isDirection(value)) {
                        if (inMedia) {
                            mediaDirections.set(mediaLines.size() - 1, value);
                        } else {
                            sessionDirection = value;
                        }
                    }
                }
                default -> {}
            }
        }
        for (int i = 0; i < mediaLines.size(); i++) {
            String[] m = WHITESPACE.split(mediaLines.get(i));
            boolean secure = m.length >= 3 && m[2].startsWith("RTP/SAVP");
            if (m.length < 4 || !m[0].equals("audio") || !(m[2].startsWith("RTP/AVP") || secure)) {
                continue;
            }
            MediaDescription.Srtp srtp = secure ? crypto(cryptos.get(i)) : null;
            if (secure && srtp == null) {
                continue; // SRTP with no keys we can use: never fall back to clear audio
            }
            int port = parsePort(m[1]);
            String address = mediaAddresses.get(i) != null ? mediaAddresses.get(i) : sessionAddress;
            if (port < 0 || address == null) {
                continue;
            }
            Map<String, String> maps = rtpmaps.get(i);
            Codec chosen = null;
            int chosenType = -1;
            int eventType = -1;
            for (int f = 3; f < m.length; f++) {
                String format = m[f];
                if (!PAYLOAD_TYPE.matcher(format).matches()) {
                    continue;
                }
                String map = maps.get(format);
                Codec codec = codecOf(format, map);
                if (codec != null && chosen == null) {
                    chosen = codec;
                    chosenType = Integer.parseInt(format);
                } else if (map != null && map.startsWith("telephone-event/8000") && eventType < 0) {
                    eventType = Integer.parseInt(format);
                }
            }
            if (chosen != null) {
                String direction =
                        mediaDirections.get(i) != null ? mediaDirections.get(i) : sessionDirection;
                return Optional.of(
                        new Offer(
                                mediaLines,
                                i,
                                new MediaDescription(
                                        socketAddress(address, port),
                                        chosen,
                                        chosenType,
                                        eventType,
                                        srtp),
                                direction));
            }
        }
        return Optional.empty();
    }

    /**
     * The first offered crypto line (RFC 4568) of a suite we support with one inline key, no MKI
     * and no session parameters, with a fresh key of ours for the answer; null if there is none.
     */
    private static MediaDescription.Srtp crypto(List<String> lines) {
        for (String suite : SUITES) {
            for (String line : lines) {
                java.util.regex.Matcher crypto = CRYPTO.matcher(line);
                if (!crypto.matches() || !crypto.group(2).equals(suite)) {
                    continue; // unknown suite, several keys, an MKI or session parameters
                }
                byte[] theirs;
                try {
                    theirs = java.util.Base64.getDecoder().decode(crypto.group(3));
                } catch (IllegalArgumentException notBase64) {
                    continue;
                }
                if (theirs.length != 30) {
                    continue;
                }
                byte[] ours = new byte[30];
                KEYS.nextBytes(ours);
                return new MediaDescription.Srtp(
                        Integer.parseInt(crypto.group(1)), suite, theirs, ours);
            }
        }
        return null;
    }

    /**
     * An IP literal as a resolved address (no lookup is made for a literal); a host name stays
     * unresolved: we never look up names a caller hands us, their media is found by latching.
     */
    private static InetSocketAddress socketAddress(String address, int port) {
        if (address.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                || address.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            try {
                return new InetSocketAddress(java.net.InetAddress.getByName(address), port);
            } catch (java.net.UnknownHostException malformed) {
                return InetSocketAddress.createUnresolved(address, port);
            }
        }
        return InetSocketAddress.createUnresolved(address, port);
    }

    /** Our answer to a negotiated offer. */
    public static String answer(
            Offer offer, String localAddress, int localPort, long sessionVersion) {
        StringBuilder sdp = header(localAddress, sessionVersion);
        for (int i = 0; i < offer.mediaLines().size(); i++) {
            String[] m = WHITESPACE.split(offer.mediaLines().get(i));
            if (i != offer.audioIndex()) {
                sdp.append("m=")
                        .append(m[0])
                        .append(" 0 ")
                        .append(m.length > 2 ? m[2] : "RTP/AVP")
                        .append(' ')
                        .append(m.length > 3 ? m[3] : "0")
                        .append("\r\n");
                continue;
            }
            MediaDescription audio = offer.audio();
            sdp.append("m=audio ")
                    .append(localPort)
                    .append(audio.secure() ? " RTP/SAVP " : " RTP/AVP ")
                    .append(audio.audioPayloadType());
            if (audio.hasTelephoneEvents()) {
                sdp.append(' ').append(audio.eventPayloadType());
            }
            sdp.append("\r\n");
            sdp.append("a=rtpmap:")
                    .append(audio.audioPayloadType())
                    .append(' ')
                    .append(audio.codec().encodingName())
                    .append("/8000\r\n");
            if (audio.hasTelephoneEvents()) {
                sdp.append("a=rtpmap:")
                        .append(audio.eventPayloadType())
                        .append(" telephone-event/8000\r\n");
                sdp.append("a=fmtp:").append(audio.eventPayloadType()).append(" 0-15\r\n");
            }
            sdp.append("a=ptime:20\r\n");
            if (audio.secure()) {
                sdp.append("a=crypto:")
                        .append(audio.srtp().tag())
                        .append(' ')
                        .append(audio.srtp().suite())
                        .append(" inline:")
                        .append(
                                java.util.Base64.getEncoder()
                                        .encodeToString(audio.srtp().outbound()))
                        .append("\r\n");
            }
            sdp.append("a=").append(answerDirection(offer.direction())).append("\r\n");
        }
        return sdp.toString();
    }

    /** Our offer when the INVITE had none (late offer): both G.711 laws and telephone-event 101. */
    public static String offer(String localAddress, int localPort, long sessionVersion) {
        return header(localAddress, sessionVersion)
                .append("m=audio ")
                .append(localPort)
                .append(" RTP/AVP 0 8 101\r\n")
                .append("a=rtpmap:0 PCMU/8000\r\n")
                .append("a=rtpmap:8 PCMA/8000\r\n")
                .append("a=rtpmap:101 telephone-event/8000\r\n")
                .append("a=fmtp:101 0-15\r\n")
                .append("a=ptime:20\r\n")
                .append("a=sendrecv\r\n")
                .toString();
    }

    private static StringBuilder header(String localAddress, long sessionVersion) {
        return new StringBuilder()
                .append("v=0\r\n")
                .append("o=segreteria ")
                .append(sessionVersion)
                .append(' ')
                .append(sessionVersion)
                .append(" IN IP4 ")
                .append(localAddress)
                .append("\r\n")
                .append("s=voicemail\r\n")
                .append("c=IN IP4 ")
                .append(localAddress)
                .append("\r\n")
                .append("t=0 0\r\n");
    }

    private static String answerDirection(String offered) {
        return switch (offered) {
            case "sendonly" -> "recvonly";
            case "recvonly" -> "sendonly";
            case "inactive" -> "inactive";
            default -> "sendrecv";
        };
    }

    private static boolean isDirection(String value) {
        return value.equals("sendrecv")
                || value.equals("sendonly")
                || value.equals("recvonly")
                || value.equals("inactive");
    }

    private static Codec codecOf(String format, String rtpmap) {
        if (rtpmap != null) {
            if (rtpmap.startsWith("pcmu/8000")) return Codec.PCMU;
            if (rtpmap.startsWith("pcma/8000")) return Codec.PCMA;
            return null;
        }
        return switch (format) { // static payload types need no rtpmap (RFC 3551)
            case "0" -> Codec.PCMU;
            case "8" -> Codec.PCMA;
            default -> null;
        };
    }

    private static String connectionAddress(String value) {
        String[] c = WHITESPACE.split(value);
        if (c.length < 3 || !c[0].equals("IN")) {
            return null;
        }
        String address = c[2];
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }

    private static int parsePort(String port) {
        try {
            int slash = port.indexOf('/');
            int value = Integer.parseInt(slash < 0 ? port : port.substring(0, slash));
            return value > 0 && value <= 65535 ? value : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
