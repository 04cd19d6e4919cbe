package it.segreteria.voicemail.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

class WavTest {

    @Test
    void theHandWrittenHeaderIsAWavTheJdkReadsAs8kHz16BitMono() throws Exception {
        short[] pcm = {0, 1, -1, Short.MAX_VALUE, Short.MIN_VALUE, 1234, -4321};

        byte[] wav = Wav.write(pcm);

        AudioFileFormat file = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(wav));
        assertThat(file.getType()).isEqualTo(AudioFileFormat.Type.WAVE);
        assertThat(file.getFormat().matches(Wav.FORMAT)).isTrue();
        assertThat(file.getFrameLength()).isEqualTo(pcm.length);
        assertThat(wav).hasSize(44 + 2 * pcm.length);
        assertThat(Wav.read(new ByteArrayInputStream(wav))).containsExactly(pcm);
    }

    @Test
    void noAudioIsAnEmptyButValidWav() throws Exception {
        byte[] wav = Wav.write(new short[0]);

        assertThat(wav).hasSize(44);
        assertThat(Wav.read(new ByteArrayInputStream(wav))).isEmpty();
    }
}
