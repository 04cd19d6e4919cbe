package it.segreteria.voicemail.media.entity;

import java.nio.ByteBuffer;

/**
 * Reads the fixed RTP header (RFC 3550 5.1) of a packet in a buffer without copying it: version,
 * marker, payload type, sequence number, timestamp, SSRC, and where the payload starts and ends
 * (after CSRCs and a header extension, before padding). {@link #parse} returns {@code null} for
 * anything that is not a valid RTP packet.
 */
public record RtpPacket(
        boolean marker,
        int payloadType,
        int sequence,
        long timestamp,
        long ssrc,
        int payloadOffset,
        int payloadLength) {

    public static final int HEADER = 12;

    public static RtpPacket parse(ByteBuffer packet) {
        int start = packet.position();
        int length = packet.remaining();
        if (length < HEADER) {
            return null;
        }
        int b0 = packet.get(start) & 0xFF;
        int b1 = packet.get(start + 1) & 0xFF;
        if ((b0 >> 6) != 2) {
            return null;
        }
        int payloadType = b1 & 0x7F;
        if (payloadType >= 72 && payloadType <= 76) {
            return null; // RTCP multiplexed on the RTP port (RFC 5761)
        }
        int offset = HEADER + 4 * (b0 & 0x0F);
        if ((b0 & 0x10) != 0) {
            if (length < offset + 4) {
                return null;
            }
            int words = packet.getShort(start + offset + 2) & 0xFFFF;
            offset += 4 + 4 * words;
        }
        int end = length;
        if ((b0 & 0x20) != 0) {
            int padding = packet.get(start + length - 1) & 0xFF;
            end -= padding;
        }
        if (offset > end) {
            return null;
        }
        return new RtpPacket(
                (b1 & 0x80) != 0,
                payloadType,
                packet.getShort(start + 2) & 0xFFFF,
                packet.getInt(start + 4) & 0xFFFFFFFFL,
                packet.getInt(start + 8) & 0xFFFFFFFFL,
                offset,
                end - offset);
    }

    /** Writes a 12-byte header with no CSRC, extension or padding. */
    public static void writeHeader(
            ByteBuffer out,
            boolean marker,
            int payloadType,
            int sequence,
            long timestamp,
            long ssrc) {
        out.put((byte) 0x80);
        out.put((byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F)));
        out.putShort((short) sequence);
        out.putInt((int) timestamp);
        out.putInt((int) ssrc);
    }
}
