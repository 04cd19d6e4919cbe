package it.segreteria.voicemail.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * The audio of one message as it arrives, kept as G.711 codes at the position its RTP timestamp
 * gives: a packet that comes late or out of order lands where it belongs, a duplicate overwrites
 * itself, a lost packet leaves silence, and the recording keeps real time. A new SSRC (the caller's
 * stack restarted the stream) continues where the previous stream stopped. Memory grows one second
 * at a time, up to the maximum length.
 */
public final class Recording {

    private static final int CHUNK = Codec.SAMPLE_RATE; // one second of samples
    private static final long MAX_JUMP =
            Codec.SAMPLE_RATE * 2L; // a timestamp further ahead is a new stream

    private final Codec codec;
    private final int maxSamples;
    private final List<byte[]> chunks = new ArrayList<>();
    private long ssrc = -1;
    private long origin; // the RTP timestamp of sample 0 of the current stream
    private int length; // samples written so far, to the furthest one

    public Recording(Codec codec, int maxSamples) {
        this.codec = codec;
        this.maxSamples = maxSamples;
    }

    /**
     * Stores one packet's payload; returns false when the recording is full (maximum length
     * reached).
     *
     * @param payload the G.711 bytes (in {@code this} recording's codec)
     */
    public boolean write(long packetSsrc, long timestamp, byte[] payload, int offset, int count) {
        if (packetSsrc != ssrc) {
            ssrc = packetSsrc;
            origin = timestamp - length; // continue from the end
        }
        long position = (timestamp - origin) & 0xFFFFFFFFL; // RTP timestamps wrap at 2^32
        if (position >= 0x80000000L) {
            return true; // from before the start of this stream: arrived too late to matter
        }
        if (position > length + MAX_JUMP) {
            origin = timestamp - length; // a jump: treat as a new stream
            position = length;
        }
        for (int i = 0; i < count; i++) {
            long at = position + i;
            if (at >= maxSamples) {
                length = maxSamples;
                return false;
            }
            put((int) at, payload[offset + i]);
        }
        length = (int) Math.max(length, Math.min(position + count, maxSamples));
        return length < maxSamples;
    }

    private void put(int at, byte code) {
        int chunk = at / CHUNK;
        while (chunks.size() <= chunk) {
            byte[] fresh = new byte[CHUNK];
            java.util.Arrays.fill(fresh, codec.silence());
            chunks.add(fresh);
        }
        chunks.get(chunk)[at % CHUNK] = code;
    }

    /** The G.711 codes of samples {@code from} (inclusive) to {@code to} (exclusive). */
    public byte[] codes(int from, int to) {
        int end = Math.min(to, length);
        if (from >= end) {
            return new byte[0];
        }
        byte[] codes = new byte[end - from];
        for (int i = from; i < end; i++) {
            codes[i - from] = chunks.get(i / CHUNK)[i % CHUNK];
        }
        return codes;
    }

    public int samples() {
        return length;
    }

    public Codec codec() {
        return codec;
    }

    /** Drops everything after {@code samples}, e.g. the trailing silence that ended the message. */
    public void truncate(int samples) {
        length = Math.max(0, Math.min(length, samples));
    }

    /**
     * Where the last speech ends: the end of the last 20 ms frame that is not silence (0 if none
     * is).
     */
    public int endOfSpeech() {
        byte[] frame = new byte[Codec.SAMPLES_PER_FRAME];
        for (int end = length; end > 0; end -= Codec.SAMPLES_PER_FRAME) {
            int start = Math.max(0, end - Codec.SAMPLES_PER_FRAME);
            for (int i = start; i < end; i++) {
                frame[i - start] = chunks.get(i / CHUNK)[i % CHUNK];
            }
            if (Loudness.isSpeech(codec, frame, 0, end - start)) {
                return end;
            }
        }
        return 0;
    }

    /** The recording as 16-bit linear PCM. */
    public short[] pcm() {
        short[] pcm = new short[length];
        for (int i = 0; i < length; i++) {
            pcm[i] = codec.decode(chunks.get(i / CHUNK)[i % CHUNK]);
        }
        return pcm;
    }
}
