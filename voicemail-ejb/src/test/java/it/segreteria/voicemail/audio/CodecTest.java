package it.segreteria.voicemail.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our G.711 tables against the JDK's own G.711 decoder, an independent implementation. */
class CodecTest {

    @ParameterizedTest
    @EnumSource(Codec.class)
    void decodesEveryCodeLikeTheJdk(Codec codec) throws IOException {
        byte[] codes = new byte[256];
        for (int i = 0; i < 256; i++) {
            codes[i] = (byte) i;
        }
        AudioFormat law =
                new AudioFormat(
                        codec == Codec.PCMU ? AudioFormat.Encoding.ULAW : AudioFormat.Encoding.ALAW,
                        8000,
                        8,
                        1,
                        1,
                        8000,
                        false);
        AudioInputStream pcm =
                AudioSystem.getAudioInputStream(
                        Wav.FORMAT,
                        new AudioInputStream(new ByteArrayInputStream(codes), law, 256));
        byte[] jdk = pcm.readAllBytes();
        for (int i = 0; i < 256; i++) {
            short expected = (short) ((jdk[2 * i] & 0xFF) | (jdk[2 * i + 1] << 8));
            assertThat(codec.decode((byte) i)).as("code 0x%02x", i).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void encodingADecodedCodeGivesItBack(Codec codec) {
        for (int i = 0; i < 256; i++) {
            byte code = (byte) i;
            if (codec == Codec.PCMU && i == 0x7F) {
                continue; // µ-law has two zeros; 0 encodes as 0xFF
            }
            assertThat(codec.encode(codec.decode(code))).as("code 0x%02x", i).isEqualTo(code);
        }
    }

    @Test
    void quantisationErrorStaysWithinTheSegmentStep() {
        for (Codec codec : Codec.values()) {
            for (int sample = -32000; sample <= 32000; sample += 7) {
                int back = codec.decode(codec.encode((short) sample));
                assertThat(Math.abs(back - sample))
                        .isLessThanOrEqualTo(Math.max(16, Math.abs(sample) / 16));
            }
        }
    }

    @Test
    void silenceCodesDecodeToNearZero() {
        assertThat(Math.abs(Codec.PCMU.decode(Codec.PCMU.silence()))).isLessThanOrEqualTo(8);
        assertThat(Math.abs(Codec.PCMA.decode(Codec.PCMA.silence()))).isLessThanOrEqualTo(8);
    }
}
