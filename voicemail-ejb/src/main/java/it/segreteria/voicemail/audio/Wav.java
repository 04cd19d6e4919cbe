package it.segreteria.voicemail.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * WAV files of 8 kHz, 16-bit, mono PCM: how messages are stored (PCM WAV plays in every browser and
 * mail client) and how prompts are read. Reading uses the JDK's {@code javax.sound.sampled}, which
 * also converts other sample rates and encodings of a prompt set to ours.
 */
public final class Wav {

    public static final AudioFormat FORMAT = new AudioFormat(Codec.SAMPLE_RATE, 16, 1, true, false);

    private Wav() {}

    /**
     * The canonical 44-byte RIFF/WAVE header and the samples, little-endian. Written by hand: it is
     * fixed by the format, and the JDK's {@code AudioSystem.write} looks its providers up through a
     * synchronized service-loader scan of the class path on every call, which serialised every
     * message's storing under load.
     */
    public static byte[] write(short[] pcm) {
        int dataBytes = pcm.length * 2;
        ByteBuffer wav = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        wav.put(ascii("RIFF")).putInt(36 + dataBytes).put(ascii("WAVE"));
        wav.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1);
        wav.putInt(Codec.SAMPLE_RATE).putInt(Codec.SAMPLE_RATE * 2);
        wav.putShort((short) 2).putShort((short) 16);
        wav.put(ascii("data")).putInt(dataBytes);
        for (short sample : pcm) {
            wav.putShort(sample);
        }
        return wav.array();
    }

    private static byte[] ascii(String tag) {
        return tag.getBytes(StandardCharsets.US_ASCII);
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

    /**
     * Reads a WAV of any sample rate and channel count (PCM or G.711), as a computer or a browser
     * records one, as 8 kHz 16-bit mono samples ({@link Resampler}).
     */
    public static short[] readAnyRate(InputStream wav) throws IOException {
        try (AudioInputStream source =
                AudioSystem.getAudioInputStream(new java.io.BufferedInputStream(wav))) {
            AudioFormat format = source.getFormat();
            int channels = format.getChannels();
            if (channels < 1 || channels > 8 || format.getSampleRate() < 4000) {
                throw new IOException("not audio we can use: " + format);
            }
            AudioFormat pcm16 = new AudioFormat(format.getSampleRate(), 16, channels, true, false);
            byte[] bytes;
            try (AudioInputStream pcm =
                    format.matches(pcm16)
                            ? source
                            : AudioSystem.getAudioInputStream(pcm16, source)) {
                bytes = pcm.readAllBytes();
            } catch (IllegalArgumentException e) {
                throw new IOException("an encoding the JDK cannot convert: " + format, e);
            }
            short[] samples = new short[bytes.length / 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
            }
            return Resampler.toTelephone(samples, channels, format.getSampleRate());
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
