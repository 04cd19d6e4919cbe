package it.segreteria.voicemail.it.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A mutation fuzzer for SIP requests: well-formed requests like those sipp and softphones send
 * (INVITE with SDP, ACK, BYE, INFO with a DTMF relay, CANCEL, OPTIONS, REGISTER), each given a
 * fresh Call-ID and branch so the stack cannot take it for a retransmission, then damaged by one to
 * four random mutations: bytes flipped, replaced, inserted or cut, lines duplicated, dropped or
 * swapped, numbers made extreme, headers made huge or repeated, the message truncated. Seeded: the
 * same seed gives the same messages, so a failure can be replayed.
 */
public final class SipFuzzer {

    private static final byte[] SPECIAL =
            "\0\r\n:;,<>\"%@ \t=/\\?&[]{}".getBytes(StandardCharsets.ISO_8859_1);
    private static final String[] EXTREME_NUMBERS = {
        "-1", "0", "4294967296", "2147483648", "99999999999999999999999", "0x10", "1e9", "-0", ""
    };

    private final Random random;
    private final String target;
    private final int localPort;
    private long count;

    /**
     * @param seed the seed of every choice
     * @param target {@code host:port} the requests are addressed to
     * @param localPort the sender's port, put in Via and Contact so answers come back
     */
    public SipFuzzer(long seed, String target, int localPort) {
        this.random = new Random(seed);
        this.target = target;
        this.localPort = localPort;
    }

    /** The next message: a valid request, mutated. */
    public byte[] next() {
        byte[] message = template(count++).getBytes(StandardCharsets.UTF_8);
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            message = mutate(message);
        }
        return message;
    }

    private String template(long n) {
        String callId = "fuzz-" + n + "-" + Long.toHexString(random.nextLong()) + "@127.0.0.1";
        String branch = "z9hG4bK-fuzz-" + n + "-" + Integer.toHexString(random.nextInt());
        String from = "\"Fuzz " + n + "\" <sip:3331112222@127.0.0.1:" + localPort + ">;tag=f" + n;
        String called = random.nextBoolean() ? "+390255500100" : "+442079460100";
        String to = "<sip:" + called + "@" + target + ">";
        String toTag = to + ";tag=t" + n; // an in-dialog request of a dialog that does not exist
        String via = "SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=" + branch + ";rport";
        String contact = "<sip:3331112222@127.0.0.1:" + localPort + ">";
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> {
                String sdp =
                        "v=0\r\n"
                                + "o=caller 53655765 2353687637 IN IP4 127.0.0.1\r\n"
                                + "s=-\r\n"
                                + "c=IN IP4 127.0.0.1\r\n"
                                + "t=0 0\r\n"
                                + "m=audio 6000 RTP/AVP 0 8 96\r\n"
                                + "a=rtpmap:0 PCMU/8000\r\n"
                                + "a=rtpmap:96 telephone-event/8000\r\n"
                                + "a=fmtp:96 0-16\r\n"
                                + "a=ptime:20\r\n";
                yield request(
                        "INVITE",
                        via,
                        from,
                        to,
                        callId,
                        "1 INVITE",
                        contact,
                        "Supported: timer\r\nSession-Expires: 1800\r\n"
                                + "Diversion: <sip:100@127.0.0.1>;reason=no-answer\r\n"
                                + "Content-Type: application/sdp\r\n",
                        sdp);
            }
            case 3 -> request("BYE", via, from, toTag, callId, "2 BYE", contact, "", "");
            case 4 ->
                    request(
                            "INFO",
                            via,
                            from,
                            toTag,
                            callId,
                            "2 INFO",
                            contact,
                            "Content-Type: application/dtmf-relay\r\n",
                            "Signal=#\r\nDuration=160\r\n");
            case 5 -> request("ACK", via, from, toTag, callId, "1 ACK", contact, "", "");
            case 6 -> request("CANCEL", via, from, to, callId, "1 CANCEL", contact, "", "");
            default ->
                    request(
                            random.nextBoolean() ? "OPTIONS" : "REGISTER",
                            via,
                            from,
                            to,
                            callId,
                            "1 OPTIONS",
                            contact,
                            "Accept: application/sdp\r\n",
                            "");
        };
    }

    private String request(
            String method,
            String via,
            String from,
            String to,
            String callId,
            String cseq,
            String contact,
            String extra,
            String body) {
        String uri = to.substring(to.indexOf('<') + 1, to.indexOf('>'));
        return method
                + " "
                + uri
                + " SIP/2.0\r\n"
                + "Via: "
                + via
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
                + cseq.replace("OPTIONS", method)
                + "\r\n"
                + "Contact: "
                + contact
                + "\r\n"
                + "User-Agent: fuzzer\r\n"
                + extra
                + "Content-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n"
                + body;
    }

    private byte[] mutate(byte[] message) {
        if (message.length == 0) {
            return message;
        }
        int at = random.nextInt(message.length);
        return switch (random.nextInt(13)) {
            case 0 -> { // flip a bit
                byte[] copy = message.clone();
                copy[at] ^= (byte) (1 << random.nextInt(8));
                yield copy;
            }
            case 1 -> { // a special character in place of a byte
                byte[] copy = message.clone();
                copy[at] = SPECIAL[random.nextInt(SPECIAL.length)];
                yield copy;
            }
            case 2 -> splice(message, at, at, randomBytes(1 + random.nextInt(16)));
            case 3 -> splice(message, at, Math.min(message.length, at + 1 + random.nextInt(32)));
            case 4 -> Arrays.copyOf(message, at); // truncated
            case 5 -> lines(message, Mutation.DUPLICATE);
            case 6 -> lines(message, Mutation.DROP);
            case 7 -> lines(message, Mutation.SWAP);
            case 8 -> lines(message, Mutation.HUGE_VALUE);
            case 9 -> lines(message, Mutation.REPEAT);
            case 10 -> extremeNumber(message);
            case 11 -> // invalid UTF-8 and a bare LF
                    splice(
                            message,
                            at,
                            at,
                            new byte[] {(byte) 0xC3, (byte) 0x28, '\n', (byte) 0xFF});
            default -> { // another method, version or scheme on the request line
                String text = new String(message, StandardCharsets.ISO_8859_1);
                String[] swaps = {
                    "SIP/2.0",
                    "SIP/2.1",
                    "sip:",
                    "sips:",
                    "INVITE",
                    "INVITe",
                    "BYE",
                    "OPTIONS ",
                    "UDP",
                    "TLS"
                };
                String from = swaps[random.nextInt(swaps.length)];
                String into = swaps[random.nextInt(swaps.length)];
                yield text.replaceFirst(
                                java.util.regex.Pattern.quote(from),
                                java.util.regex.Matcher.quoteReplacement(into))
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
        };
    }

    private enum Mutation {
        DUPLICATE,
        DROP,
        SWAP,
        HUGE_VALUE,
        REPEAT
    }

    private byte[] lines(byte[] message, Mutation mutation) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int headerEnd = text.indexOf("\r\n\r\n");
        String head = headerEnd < 0 ? text : text.substring(0, headerEnd);
        String rest = headerEnd < 0 ? "" : text.substring(headerEnd);
        List<String> lines = new ArrayList<>(Arrays.asList(head.split("\r\n", -1)));
        if (lines.isEmpty()) {
            return message;
        }
        int i = random.nextInt(lines.size());
        switch (mutation) {
            case DUPLICATE -> lines.add(i, lines.get(i));
            case DROP -> lines.remove(i);
            case SWAP -> {
                int j = random.nextInt(lines.size());
                String line = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, line);
            }
            case HUGE_VALUE -> {
                String line = lines.get(i);
                int colon = Math.max(0, line.indexOf(':') + 1);
                char filler = "a;,<%\" ".charAt(random.nextInt(7));
                lines.set(
                        i,
                        line.substring(0, colon)
                                + String.valueOf(filler).repeat(100 + random.nextInt(20_000)));
            }
            case REPEAT -> {
                String line = lines.get(i);
                int times = 2 + random.nextInt(200);
                for (int k = 0; k < times; k++) {
                    lines.add(i, line);
                }
            }
        }
        return (String.join("\r\n", lines) + rest).getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] extremeNumber(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher numbers = java.util.regex.Pattern.compile("\\d+").matcher(text);
        List<int[]> found = new ArrayList<>();
        while (numbers.find()) {
            found.add(new int[] {numbers.start(), numbers.end()});
        }
        if (found.isEmpty()) {
            return message;
        }
        int[] number = found.get(random.nextInt(found.size()));
        String value = EXTREME_NUMBERS[random.nextInt(EXTREME_NUMBERS.length)];
        return (text.substring(0, number[0]) + value + text.substring(number[1]))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] splice(byte[] message, int from, int to, byte[]... inserted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 32);
        out.write(message, 0, from);
        for (byte[] bytes : inserted) {
            out.write(bytes, 0, bytes.length);
        }
        out.write(message, to, message.length - to);
        return out.toByteArray();
    }
}
