package it.segreteria.voicemail.sip.control;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.header.Header;
import javax.sip.message.Request;

/**
 * Who calls and whom they called, read from an INVITE's headers. Caller: {@code
 * P-Asserted-Identity}, else {@code Remote-Party-ID}, else {@code From}; the display name is
 * untrusted text, cleaned of control characters and cut to a sane length. Called: the Request-URI
 * and To users, and the original called numbers of a forwarded call from {@code Diversion} (RFC
 * 5806) and {@code History-Info} (RFC 7044).
 */
public final class CallParties {

    public static final int MAX_NAME = 255;
    public static final int MAX_NUMBER = 64;
    private static final Pattern NAME_ADDR =
            Pattern.compile("^\\s*(?:\"((?:[^\"\\\\]++|\\\\.)*+)\"|([^<\"]*+))\\s*<([^>]*+)>");
    private static final Pattern URI_USER =
            Pattern.compile("^(?:sips?|tel):([^@;?>]+)", Pattern.CASE_INSENSITIVE);

    private CallParties() {}

    /** The caller, as the network presents them. */
    public record Caller(String number, String name) {}

    public static Caller caller(Request invite) {
        for (String name : List.of("P-Asserted-Identity", "Remote-Party-ID", "From")) {
            List<String> values = values(invite, name);
            for (String value : values) {
                Optional<Caller> caller = parseIdentity(value);
                if (caller.isPresent()) {
                    return caller.get();
                }
            }
        }
        return new Caller(null, null);
    }

    /**
     * Every number the call was for, most specific first: original called numbers, then Request-URI
     * and To.
     */
    public static List<String> calledNumbers(Request invite) {
        LinkedHashSet<String> numbers = new LinkedHashSet<>();
        for (String entry : entries(invite, "Diversion")) {
            uriUser(entry).ifPresent(numbers::add);
        }
        // the entry with the lowest index is the number first dialled
        entries(invite, "History-Info").stream()
                .findFirst()
                .flatMap(CallParties::uriUser)
                .ifPresent(numbers::add);
        uriUser(invite.getRequestURI().toString()).ifPresent(numbers::add);
        uriUser(after(invite.getHeader("To"))).ifPresent(numbers::add);
        return List.copyOf(numbers);
    }

    /** The last Diversion entry is the first diversion (RFC 5806: the newest is added on top). */
    public static Optional<String> originalCalledNumber(Request invite) {
        List<String> diversions = entries(invite, "Diversion");
        if (!diversions.isEmpty()) {
            return uriUser(diversions.get(diversions.size() - 1));
        }
        return entries(invite, "History-Info").stream().findFirst().flatMap(CallParties::uriUser);
    }

    private static final Pattern OUT_OF_SERVICE =
            Pattern.compile(";\\s*reason\\s*=\\s*\"?out-of-service\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern SERVER_FAILURE_CAUSE =
            Pattern.compile("(?:[;?&]|%3B)cause(?:=|%3D)(5\\d\\d)\\b", Pattern.CASE_INSENSITIVE);

    /**
     * Why the call was sent to us instead of the PBX, when the INVITE says the PBX failed it: a
     * {@code Diversion} entry with reason {@code out-of-service} (RFC 5806), or a {@code
     * History-Info} entry whose cause (RFC 4458, as a URI parameter or inside an escaped {@code
     * Reason}) is a 5xx. A no-answer, busy or unconditional forward is not a failure.
     */
    public static Optional<String> failover(Request invite) {
        for (String entry : entries(invite, "Diversion")) {
            if (OUT_OF_SERVICE.matcher(entry).find()) {
                return Optional.of("Diversion reason out-of-service");
            }
        }
        for (String entry : entries(invite, "History-Info")) {
            Matcher cause = SERVER_FAILURE_CAUSE.matcher(entry);
            if (cause.find()) {
                return Optional.of("History-Info cause " + cause.group(1));
            }
        }
        return Optional.empty();
    }

    /** Every entry of a list header, over all its occurrences, in order. */
    private static List<String> entries(Request request, String name) {
        List<String> entries = new ArrayList<>();
        for (String value : values(request, name)) {
            entries.addAll(splitList(value));
        }
        return entries;
    }

    static Optional<Caller> parseIdentity(String value) {
        Matcher nameAddr = NAME_ADDR.matcher(value);
        String display = null;
        String uri;
        if (nameAddr.find()) {
            display =
                    nameAddr.group(1) != null
                            ? nameAddr.group(1).replaceAll("\\\\(.)", "$1")
                            : nameAddr.group(2);
            uri = nameAddr.group(3);
        } else {
            uri = value.strip();
            int semicolon = uri.indexOf(';');
            uri = semicolon < 0 ? uri : uri.substring(0, semicolon);
        }
        Optional<String> user = uriUser(uri);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> number = dialable(user.get());
        String name = cleanName(display);
        if (number.isEmpty() && name == null) {
            name = cleanName(user.get()); // e.g. sip:alice@…: shown, never dialled or put in a
            // header
        }
        return Optional.of(new Caller(number.orElse(null), name));
    }

    /**
     * The caller's number when the URI's user part is a telephone number: an optional {@code +},
     * then digits ({@code *} and {@code #} allowed), visual separators (space, {@code - . ( )})
     * dropped. Anything else (letters, other punctuation, a number longer than {@value #MAX_NUMBER}
     * characters) is no number: it can still be shown as the caller's name.
     */
    static Optional<String> dialable(String user) {
        String compact = VISUAL_SEPARATORS.matcher(user).replaceAll("");
        return DIALABLE.matcher(compact).matches() && compact.length() <= MAX_NUMBER
                ? Optional.of(compact)
                : Optional.empty();
    }

    private static final Pattern VISUAL_SEPARATORS = Pattern.compile("[\\s\\-.()]");
    private static final Pattern DIALABLE = Pattern.compile("\\+?[0-9*#]+");

    static Optional<String> uriUser(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String uri = text.strip();
        int open = uri.indexOf('<');
        if (open >= 0) {
            int close = uri.indexOf('>', open);
            uri = uri.substring(open + 1, close < 0 ? uri.length() : close);
        }
        Matcher user = URI_USER.matcher(uri.strip());
        if (!user.find()) {
            return Optional.empty();
        }
        String decoded = percentDecode(user.group(1));
        String number = clean(decoded, MAX_NAME);
        return number.isEmpty() || number.equalsIgnoreCase("anonymous")
                ? Optional.empty()
                : Optional.of(number);
    }

    private static String cleanName(String display) {
        if (display == null) {
            return null;
        }
        String name = clean(display, MAX_NAME);
        return name.isEmpty() ? null : name;
    }

    /**
     * Untrusted text from the network: no control characters (so no CR/LF), no surrounding space,
     * bounded.
     */
    static String clean(String text, int max) {
        StringBuilder clean = new StringBuilder(Math.min(text.length(), max));
        text.codePoints()
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .forEach(clean::appendCodePoint);
        String result = clean.toString().strip();
        return result.length() <= max ? result : result.substring(0, max);
    }

    private static String percentDecode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        try {
            return java.net.URLDecoder.decode(
                    value.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return value;
        }
    }

    private static List<String> values(Request request, String name) {
        List<String> values = new ArrayList<>();
        ListIterator<?> headers = request.getHeaders(name);
        while (headers != null && headers.hasNext()) {
            values.add(after((Header) headers.next()));
        }
        return values;
    }

    private static String after(Object header) {
        if (header == null) {
            return null;
        }
        String text = header.toString().strip();
        int colon = text.indexOf(':');
        return colon < 0 ? text : text.substring(colon + 1).strip();
    }

    /** Splits a header list on commas outside quotes and angle brackets. */
    private static List<String> splitList(String value) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        int angle = 0;
        for (char c : value.toCharArray()) {
            if (c == '"') quoted = !quoted;
            if (!quoted && c == '<') angle++;
            if (!quoted && c == '>') angle--;
            if (c == ',' && !quoted && angle <= 0) {
                parts.add(part.toString().strip());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        if (!part.isEmpty()) {
            parts.add(part.toString().strip());
        }
        return parts;
    }
}
