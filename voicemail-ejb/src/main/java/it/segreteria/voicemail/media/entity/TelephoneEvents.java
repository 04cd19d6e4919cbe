package it.segreteria.voicemail.media.entity;

import java.nio.ByteBuffer;

/**
 * Turns RFC 4733 telephone-event packets into digits. A phone sends each key press as a stream of
 * packets that share one RTP timestamp (start, updates, usually three end packets), possibly on an
 * SSRC of its own: a digit is reported once, on the first packet of its event, and every later
 * packet of the same (SSRC, timestamp) is ignored. Not thread-safe: one instance per call, fed from
 * one thread.
 */
public final class TelephoneEvents {

    private static final String DIGITS = "0123456789*#ABCD";
    private static final int REMEMBERED =
            8; // late end packets of earlier events must not count again
    private final long[] seen = new long[REMEMBERED * 2];
    private int next;

    public TelephoneEvents() {
        java.util.Arrays.fill(seen, -1);
    }

    /**
     * The digit this packet starts, or {@code 0} when it continues or ends an event already
     * reported.
     */
    public char digit(ByteBuffer packet, RtpPacket header) {
        if (header.payloadLength() < 4) {
            return 0;
        }
        int event = packet.get(packet.position() + header.payloadOffset()) & 0xFF;
        if (event >= DIGITS.length()) {
            return 0; // flash and tones: not keys
        }
        for (int i = 0; i < seen.length; i += 2) {
            if (seen[i] == header.ssrc() && seen[i + 1] == header.timestamp()) {
                return 0;
            }
        }
        seen[next * 2] = header.ssrc();
        seen[next * 2 + 1] = header.timestamp();
        next = (next + 1) % REMEMBERED;
        return DIGITS.charAt(event);
    }
}
