package it.segreteria.voicemail.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordingTest {

    private static final Codec CODEC = Codec.PCMU;

    private static byte[] frame(int value) {
        byte[] frame = new byte[160];
        java.util.Arrays.fill(frame, CODEC.encode((short) value));
        return frame;
    }

    @Test
    void packetsLandWhereTheirTimestampSaysWhateverTheOrder() {
        Recording recording = new Recording(CODEC, 8000 * 10);
        long base = 4_294_967_000L; // wraps during the recording
        recording.write(1, base, frame(1000), 0, 160);
        recording.write(1, base + 320, frame(3000), 0, 160); // third, before the second
        recording.write(1, base + 160, frame(2000), 0, 160);
        recording.write(1, base + 160, frame(2000), 0, 160); // duplicate
        recording.write(1, base + 640, frame(5000), 0, 160); // the fourth is lost

        short[] pcm = recording.pcm();
        assertThat(pcm).hasSize(800);
        assertThat(pcm[0]).isEqualTo(CODEC.decode(CODEC.encode((short) 1000)));
        assertThat(pcm[160]).isEqualTo(CODEC.decode(CODEC.encode((short) 2000)));
        assertThat(pcm[320]).isEqualTo(CODEC.decode(CODEC.encode((short) 3000)));
        assertThat(Math.abs(pcm[480])).as("a lost packet is silence").isLessThanOrEqualTo(8);
        assertThat(pcm[640]).isEqualTo(CODEC.decode(CODEC.encode((short) 5000)));
    }

    @Test
    void aNewSsrcContinuesWhereTheOldStreamStopped() {
        Recording recording = new Recording(CODEC, 8000 * 10);
        recording.write(1, 1000, frame(1000), 0, 160);
        recording.write(2, 999_999, frame(2000), 0, 160);
        recording.write(2, 1_000_159, frame(3000), 0, 160);

        assertThat(recording.samples()).isEqualTo(480);
        assertThat(recording.pcm()[200]).isEqualTo(CODEC.decode(CODEC.encode((short) 2000)));
    }

    @Test
    void aWildTimestampJumpDoesNotBlowUpTheRecording() {
        Recording recording = new Recording(CODEC, 8000 * 10);
        recording.write(1, 1000, frame(1000), 0, 160);
        recording.write(1, 1000 + 8000 * 3600, frame(2000), 0, 160);
        assertThat(recording.samples()).isEqualTo(320);
    }

    @Test
    void theEndOfSpeechIgnoresTrailingSilence() {
        Recording recording = new Recording(CODEC, 8000 * 10);
        recording.write(1, 0, frame(8000), 0, 160);
        recording.write(1, 160, frame(8000), 0, 160);
        recording.write(1, 320, frame(2), 0, 160);
        recording.write(1, 8000, frame(3), 0, 160);

        assertThat(recording.endOfSpeech()).isEqualTo(320);
        assertThat(new Recording(CODEC, 100).endOfSpeech()).isZero();
    }

    @Test
    void theRecordingStopsAtItsMaximumLength() {
        Recording recording = new Recording(CODEC, 400);
        assertThat(recording.write(1, 0, frame(1), 0, 160)).isTrue();
        assertThat(recording.write(1, 160, frame(1), 0, 160)).isTrue();
        assertThat(recording.write(1, 320, frame(1), 0, 160)).isFalse();
        assertThat(recording.samples()).isEqualTo(400);
    }
}
