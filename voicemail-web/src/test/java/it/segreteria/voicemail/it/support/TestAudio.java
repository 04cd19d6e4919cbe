package it.segreteria.voicemail.it.support;

import it.segreteria.voicemail.audio.Codec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Audio for callers to send: a loud warbling tone (speech-like energy, never silent), G.711-encoded
 * as sipp's {@code rtp_stream} wants it (headerless), and what the service must store for it.
 */
public final class TestAudio {

    private final Codec codec;
    private final byte[] encoded;

    private TestAudio(Codec codec, byte[] encoded) {
        this.codec = codec;
        this.encoded = encoded;
    }

    public static TestAudio warble(Codec codec, double seconds) {
        return warble(codec, seconds, 300);
    }

    /** A warble around {@code baseHertz} (to {@code baseHertz + 400}): another sound than 300's. */
    public static TestAudio warble(Codec codec, double seconds, int baseHertz) {
        int samples = (int) Math.round(seconds * Codec.SAMPLE_RATE);
        byte[] encoded = new byte[samples];
        for (int i = 0; i < samples; i++) {
            double t = (double) i / Codec.SAMPLE_RATE;
            double hertz = baseHertz + 200 + 200 * Math.sin(2 * Math.PI * 0.5 * t);
            encoded[i] = codec.encode((short) (9000 * Math.sin(2 * Math.PI * hertz * t)));
        }
        return new TestAudio(codec, encoded);
    }

    public Path write(String name) {
        Path dir = Path.of(System.getProperty("it.work.dir", "target/it")).resolve("sipp");
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + (codec == Codec.PCMU ? ".ulaw" : ".alaw"));
            Files.write(file, encoded);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The samples a faithful recording of the first {@code count} samples holds. */
    public short[] expectedPcm(int count) {
        short[] pcm = new short[Math.min(count, encoded.length)];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = codec.decode(encoded[i]);
        }
        return pcm;
    }

    public int samples() {
        return encoded.length;
    }
}
