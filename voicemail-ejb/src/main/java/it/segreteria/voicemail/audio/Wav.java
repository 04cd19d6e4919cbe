package it.segreteria.voicemail.audio;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * WAV files of 8 kHz, 16-bit, mono PCM: how messages are stored (PCM WAV plays in every browser and
 * mail client) and how prompts are read. Uses the JDK's {@code javax.sound.sampled}, which also
 * converts other sample rates and encodings of a prompt set to ours.
 */
public final class Wav {

    public static final AudioFormat FORMAT = new AudioFormat(Codec.SAMPLE_RATE, 16, 1, true, false);

    private Wav() {}

    public static byte[] write(short[] pcm) {
        byte[] bytes = new byte[pcm.length * 2];
        for (int i = 0; i < pcm.length; i++) {
            bytes[2 * i] = (byte) pcm[i];
            bytes[2 * i + 1] = (byte) (pcm[i] >> 8);
        }
        try (AudioInputStream audio =
                new AudioInputStream(new ByteArrayInputStream(bytes), FORMAT, pcm.length)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 44);
            AudioSystem.write(audio, AudioFileFormat.Type.WAVE, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a WAV (any PCM or G.711 flavour the JDK knows) as 8 kHz 16-bit mono samples. */
    public static short[] read(InputStream wav) throws IOException {
        try (AudioInputStream source =
                        AudioSystem.getAudioInputStream(new java.io.BufferedInputStream(wav));
                AudioInputStream pcm = toFormat(source)) {
            byte[] bytes = pcm.readAllBytes();
            short[] samples = new short[bytes.length / 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
            }
            return samples;
        } catch (UnsupportedAudioFileException e) {
            throw new IOException("not a WAV file the JDK can read: " + e.getMessage(), e);
        }
    }

    private static AudioInputStream toFormat(AudioInputStream source) throws IOException {
        AudioFormat format = source.getFormat();
        if (format.matches(FORMAT)) {
            return source;
        }
        if (format.getSampleRate() != Codec.SAMPLE_RATE || format.getChannels() != 1) {
            throw new IOException(
                    "prompts must be 8000 Hz mono, got "
                            + format.getSampleRate()
                            + " Hz, "
                            + format.getChannels()
                            + " channel(s)");
        }
        return AudioSystem.getAudioInputStream(FORMAT, source);
    }
}
