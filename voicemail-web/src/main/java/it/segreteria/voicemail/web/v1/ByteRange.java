package it.segreteria.voicemail.web.v1;

import java.util.Optional;

/**
 * One range of an HTTP {@code Range: bytes=…} request (RFC 9110 §14), what a browser's audio
 * element sends to seek. Several ranges in one request are answered whole (allowed by the RFC).
 *
 * @param first the first byte, inclusive
 * @param last the last byte, inclusive
 */
public record ByteRange(long first, long last) {

    public long length() {
        return last - first + 1;
    }

    public String contentRange(long total) {
        return "bytes " + first + "-" + last + "/" + total;
    }

    /** What the request asks for: empty means the whole body. */
    public sealed interface Ask permits Whole, Part, Unsatisfiable {}

    public record Whole() implements Ask {}

    public record Part(ByteRange range) implements Ask {}

    /** 416, with {@code Content-Range: bytes *}{@code /total}. */
    public record Unsatisfiable() implements Ask {}

    /** Reads a {@code Range} header against a body of {@code total} bytes. */
    public static Ask parse(String header, long total) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return new Whole(); // absent, another unit, or several ranges: the whole body
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        Optional<Long> start = number(spec.substring(0, dash));
        Optional<Long> end = number(spec.substring(dash + 1));
        if (start.isEmpty() && end.isEmpty()) {
            return new Whole();
        }
        if (start.isEmpty()) { // bytes=-N: the last N bytes
            long suffix = end.get();
            if (suffix == 0 || total == 0) {
                return new Unsatisfiable();
            }
            return new Part(new ByteRange(Math.max(0, total - suffix), total - 1));
        }
        long first = start.get();
        if (first >= total) {
            return new Unsatisfiable();
        }
        long last = end.map(e -> Math.min(e, total - 1)).orElse(total - 1);
        if (last < first) {
            return new Whole(); // invalid: ignored, as the RFC allows
        }
        return new Part(new ByteRange(first, last));
    }

    private static Optional<Long> number(String text) {
        String digits = text.trim();
        if (digits.isEmpty()
                || digits.length() > 18
                || !digits.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(digits));
    }
}
