package it.segreteria.voicemail.audio;

import java.util.Optional;

/**
 * The G.711 codecs (ITU-T G.711), 8 kHz, one byte per sample. Conversions are table lookups built
 * once: decoding is a 256-entry table, encoding a 64 Ki-entry table, so the per-packet work is an
 * array index per sample.
 */
public enum Codec {
    PCMU(0, "PCMU", (byte) 0xFF),
    PCMA(8, "PCMA", (byte) 0xD5);

    public static final int SAMPLE_RATE = 8000;
    public static final int SAMPLES_PER_FRAME = 160; // 20 ms

    private final int payloadType;
    private final String encodingName;
    private final byte silence;
    private final short[] decode = new short[256];
    private final byte[] encode = new byte[65536];

    Codec(int payloadType, String encodingName, byte silence) {
        this.payloadType = payloadType;
        this.encodingName = encodingName;
        this.silence = silence;
        for (int code = 0; code < 256; code++) {
            decode[code] = payloadType == 0 ? ulawToLinear(code) : alawToLinear(code);
        }
        for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++) {
            encode[sample & 0xFFFF] =
                    payloadType == 0 ? linearToUlaw(sample) : linearToAlaw(sample);
        }
    }

    /** The static RTP payload type (RFC 3551). */
    public int payloadType() {
        return payloadType;
    }

    /** The SDP encoding name. */
    public String encodingName() {
        return encodingName;
    }

    /** The code of digital silence. */
    public byte silence() {
        return silence;
    }

    public short decode(byte code) {
        return decode[code & 0xFF];
    }

    public byte encode(short sample) {
        return encode[sample & 0xFFFF];
    }

    public static Optional<Codec> byPayloadType(int payloadType) {
        for (Codec codec : values()) {
            if (codec.payloadType == payloadType) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }

    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;

    private static byte linearToUlaw(int sample) {
        int sign = (sample >> 8) & 0x80;
        if (sign != 0) {
            sample = -sample;
        }
        if (sample > CLIP) {
            sample = CLIP;
        }
        sample += BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (sample & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (sample >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    private static short ulawToLinear(int code) {
        int u = ~code & 0xFF;
        int sign = u & 0x80;
        int exponent = (u >> 4) & 0x07;
        int mantissa = u & 0x0F;
        int sample = (((mantissa << 3) + BIAS) << exponent) - BIAS;
        return (short) (sign != 0 ? -sample : sample);
    }

    /** In a holder: enum constants are built before the enum's own static fields are. */
    private static final class Segments {
        static final int[] ALAW_END = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};
    }

    private static byte linearToAlaw(int sample) {
        int pcm = sample >> 3;
        int mask;
        if (pcm >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            pcm = -pcm - 1;
        }
        int segment = 0;
        while (segment < 8 && pcm > Segments.ALAW_END[segment]) {
            segment++;
        }
        if (segment >= 8) {
            return (byte) (0x7F ^ mask);
        }
        int value = segment << 4;
        value |= segment < 2 ? (pcm >> 1) & 0x0F : (pcm >> segment) & 0x0F;
        return (byte) (value ^ mask);
    }

    private static short alawToLinear(int code) {
        int a = (code ^ 0x55) & 0xFF;
        int t = (a & 0x0F) << 4;
        int segment = (a & 0x70) >> 4;
        switch (segment) {
            case 0 -> t += 8;
            case 1 -> t += 0x108;
            default -> {
                t += 0x108;
                t <<= segment - 1;
            }
        }
        return (short) ((a & 0x80) != 0 ? t : -t);
    }
}
