package it.segreteria.voicemail.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    @Test
    void aToneKeepsItsPitchLevelAndLength() {
        short[] stereo = tone(1000, 48_000, 2, 2.0, 10_000);

        short[] narrow = Resampler.toTelephone(stereo, 2, 48_000);

        assertThat(narrow.length).isCloseTo(16_000, within(2));
        assertThat(rms(narrow, 400)).isCloseTo(10_000 / Math.sqrt(2), within(300.0));
        assertThat(crossings(narrow, 400) / ((narrow.length - 800) / 8000.0))
                .as("zero crossings per second of a 1 kHz tone")
                .isCloseTo(2000.0, within(20.0));
    }

    @Test
    void whatTheTelephoneCannotCarryIsFilteredNotFoldedBack() {
        // 6 kHz at 48 kHz would fold back to 2 kHz at 8 kHz without the low-pass
        short[] high = tone(6000, 48_000, 1, 1.0, 10_000);

        short[] narrow = Resampler.toTelephone(high, 1, 48_000);

        assertThat(rms(narrow, 400)).isLessThan(100);
    }

    @Test
    void aComputersWavIsReadAsTelephoneAudio() throws Exception {
        short[] stereo = tone(440, 44_100, 2, 1.5, 8_000);
        byte[] bytes = new byte[stereo.length * 2];
        for (int i = 0; i < stereo.length; i++) {
            bytes[2 * i] = (byte) stereo[i];
            bytes[2 * i + 1] = (byte) (stereo[i] >> 8);
        }
        AudioFormat format = new AudioFormat(44_100, 16, 2, true, false);
        ByteArrayOutputStream wav = new ByteArrayOutputStream();
        AudioSystem.write(
                new AudioInputStream(new ByteArrayInputStream(bytes), format, stereo.length / 2),
                AudioFileFormat.Type.WAVE,
                wav);

        short[] samples = Wav.readAnyRate(new ByteArrayInputStream(wav.toByteArray()));

        assertThat(samples.length).isCloseTo(12_000, within(2));
        assertThat(rms(samples, 400)).isCloseTo(8_000 / Math.sqrt(2), within(300.0));
    }

    private static short[] tone(double hz, int rate, int channels, double seconds, double peak) {
        int frames = (int) (rate * seconds);
        short[] samples = new short[frames * channels];
        for (int i = 0; i < frames; i++) {
            short value = (short) Math.round(peak * Math.sin(2 * Math.PI * hz * i / rate));
            for (int c = 0; c < channels; c++) {
                samples[i * channels + c] = value;
            }
        }
        return samples;
    }

    /** Root mean square, leaving out the filter's edges. */
    private static double rms(short[] samples, int edge) {
        double sum = 0;
        for (int i = edge; i < samples.length - edge; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / (samples.length - 2 * edge));
    }

    private static int crossings(short[] samples, int edge) {
        int count = 0;
        for (int i = edge + 1; i < samples.length - edge; i++) {
            if ((samples[i - 1] < 0) != (samples[i] < 0)) {
                count++;
            }
        }
        return count;
    }
}
