package it.segreteria.voicemail.media.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 4733 packets as phones send them: start, updates, three end packets, all with one timestamp.
 */
class TelephoneEventsTest {

    private static ByteBuffer packet(
            long ssrc, int sequence, long timestamp, int event, boolean end, int duration) {
        ByteBuffer buffer = ByteBuffer.allocate(16);
        RtpPacket.writeHeader(buffer, false, 96, sequence, timestamp, ssrc);
        buffer.put((byte) event).put((byte) ((end ? 0x80 : 0) | 10)).putShort((short) duration);
        return buffer.flip();
    }

    private static String digits(TelephoneEvents events, List<ByteBuffer> packets) {
        StringBuilder digits = new StringBuilder();
        for (ByteBuffer packet : packets) {
            char digit = events.digit(packet, RtpPacket.parse(packet));
            if (digit != 0) {
                digits.append(digit);
            }
        }
        return digits.toString();
    }

    @Test
    void eachKeyPressCountsOnceWhateverTheRepeats() {
        List<ByteBuffer> packets = new ArrayList<>();
        int seq = 0;
        for (int[] key : new int[][] {{1, 1000}, {1, 2000}, {11, 3000}}) { // "1", "1" again, "#"
            for (int d = 160; d <= 800; d += 160) {
                packets.add(packet(7, seq++, key[1], key[0], false, d));
            }
            for (int e = 0; e < 3; e++) {
                packets.add(packet(7, seq++, key[1], key[0], true, 960));
            }
        }
        assertThat(digits(new TelephoneEvents(), packets)).isEqualTo("11#");
    }

    @Test
    void lateEndPacketsOfAnEarlierKeyDoNotCountAgain() {
        List<ByteBuffer> packets =
                List.of(
                        packet(7, 1, 1000, 5, false, 160),
                        packet(7, 3, 2000, 6, false, 160),
                        packet(7, 2, 1000, 5, true, 800),
                        packet(
                                9, 1, 1000, 5, false,
                                160)); // same timestamp, another SSRC: a new key
        assertThat(digits(new TelephoneEvents(), packets)).isEqualTo("565");
    }

    @Test
    void starHashAndLettersAreKeysFlashIsNot() {
        List<ByteBuffer> packets =
                List.of(
                        packet(1, 1, 10, 10, false, 1),
                        packet(1, 2, 20, 12, false, 1),
                        packet(1, 3, 30, 16, false, 1));
        assertThat(digits(new TelephoneEvents(), packets)).isEqualTo("*A");
    }
}
