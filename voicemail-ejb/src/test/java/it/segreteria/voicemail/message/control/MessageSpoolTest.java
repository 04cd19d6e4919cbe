package it.segreteria.voicemail.message.control;

import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.audio.Wav;
import it.segreteria.voicemail.message.control.MessageSpool.Checkpoint;
import it.segreteria.voicemail.message.control.MessageSpool.SpooledMessage;
import it.segreteria.voicemail.message.control.MessageSpool.Stage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageSpoolTest {

    /** A time after every file the test writes: whatever is recording belongs to no live call. */
    private static final Instant LATER = Instant.now().plusSeconds(3600);

    /** A time before every file the test writes: a recording is still owned by its call. */
    private static final Instant EARLIER = Instant.now().minusSeconds(3600);

    @TempDir Path dir;

    /** Every entry ready to store, as the storage worker would find them. */
    private static java.util.List<MessageSpool.Entry> pending(MessageSpool spool, Instant before) {
        return spool.keys().stream().flatMap(key -> spool.read(key, before).stream()).toList();
    }

    private static SpooledMessage recording(String callId) {
        return new SpooledMessage(
                "acme",
                7,
                "333",
                "Mario \"M\" Rossi",
                "+3902",
                null,
                callId,
                "2026-11-25T10:00:00Z",
                0,
                Stage.RECORDING,
                "PCMA");
    }

    private static SpooledMessage finished(String callId) {
        return recording(callId).finished(5000);
    }

    @Test
    void aSpooledMessageSurvivesUntilRemoved() {
        MessageSpool spool = new MessageSpool(dir);
        String key = spool.put(finished("call-1@x"), new byte[] {1, 2, 3});

        MessageSpool afterRestart = new MessageSpool(dir);
        assertThat(pending(afterRestart, EARLIER))
                .singleElement()
                .satisfies(
                        entry -> {
                            assertThat(entry.message()).isEqualTo(finished("call-1@x"));
                            assertThat(entry.wav()).containsExactly(1, 2, 3);
                            assertThat(entry.cutShort()).isFalse();
                        });
        afterRestart.remove(key);
        assertThat(pending(new MessageSpool(dir), LATER)).isEmpty();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void anEntryStoredAndRemovedWhileTheRetryListedItIsSkippedWithoutAWarning() {
        MessageSpool spool = new MessageSpool(dir);
        String key = spool.put(finished("call-1@x"), new byte[] {1, 2, 3});
        java.util.List<String> listed = spool.keys(); // the retry lists the spool...
        spool.remove(key); // ...the storage worker stores the entry and removes it...
        java.util.List<java.util.logging.LogRecord> warnings = new java.util.ArrayList<>();
        java.util.logging.Handler handler =
                new java.util.logging.Handler() {
                    @Override
                    public void publish(java.util.logging.LogRecord line) {
                        warnings.add(line);
                    }

                    @Override
                    public void flush() {}

                    @Override
                    public void close() {}
                };
        java.util.logging.Logger log =
                java.util.logging.Logger.getLogger(MessageSpool.class.getName());
        log.addHandler(handler);
        try {
            assertThat(spool.read(listed.get(0), LATER)).as("...then the retry reads it").isEmpty();
        } finally {
            log.removeHandler(handler);
        }
        assertThat(warnings).as("nothing is unreadable: it is gone").isEmpty();
    }

    @Test
    void theSameCallSpooledTwiceIsOneEntry() {
        MessageSpool spool = new MessageSpool(dir);
        spool.put(finished("call-2@x"), new byte[] {1});
        spool.put(finished("call-2@x"), new byte[] {1});
        assertThat(pending(spool, LATER)).hasSize(1);
    }

    @Test
    void aRecordingOfALiveCallIsNotPicked() {
        MessageSpool spool = new MessageSpool(dir);
        spool.begin(recording("call-3@x")).append(new byte[] {1, 2});
        assertThat(spool.keys()).hasSize(1);
        assertThat(pending(spool, EARLIER)).isEmpty();
    }

    @Test
    void aRecordingLeftByADeadProcessIsAMessageCutShortWithItsCheckpointedAudio() throws Exception {
        MessageSpool spool = new MessageSpool(dir);
        Checkpoint checkpoint = spool.begin(recording("call-4@x"));
        byte[] second = new byte[Codec.SAMPLE_RATE];
        for (int i = 0; i < second.length; i++) {
            second[i] = Codec.PCMA.encode((short) (i * 7));
        }
        checkpoint.append(second);
        checkpoint.append(second);

        assertThat(pending(new MessageSpool(dir), LATER))
                .singleElement()
                .satisfies(
                        entry -> {
                            assertThat(entry.cutShort()).isTrue();
                            assertThat(entry.message().stage()).isEqualTo(Stage.FINISHED);
                            assertThat(entry.message().durationMillis()).isEqualTo(2000);
                            short[] pcm = Wav.read(new ByteArrayInputStream(entry.wav()));
                            assertThat(pcm).hasSize(2 * Codec.SAMPLE_RATE);
                            assertThat(pcm[Codec.SAMPLE_RATE + 5])
                                    .isEqualTo(Codec.PCMA.decode(second[5]));
                        });
    }

    @Test
    void aRecordingWhoseCallerHungUpBeforeTheProcessDiedIsAWholeMessage() {
        MessageSpool spool = new MessageSpool(dir);
        Checkpoint checkpoint = spool.begin(recording("call-7@x"));
        checkpoint.append(new byte[Codec.SAMPLE_RATE]);
        checkpoint.hungUp(recording("call-7@x"), new byte[Codec.SAMPLE_RATE / 2]);

        assertThat(pending(spool, EARLIER)).as("its call may still finish it").isEmpty();
        assertThat(pending(new MessageSpool(dir), LATER))
                .singleElement()
                .satisfies(
                        entry -> {
                            assertThat(entry.cutShort()).isFalse();
                            assertThat(entry.message().durationMillis()).isEqualTo(1500);
                        });
    }

    @Test
    void aFinishedRecordingReplacesItsCheckpoints() {
        MessageSpool spool = new MessageSpool(dir);
        spool.begin(recording("call-5@x")).append(new byte[] {1, 2, 3});
        spool.put(finished("call-5@x"), new byte[] {4});
        assertThat(pending(spool, LATER))
                .singleElement()
                .satisfies(
                        entry -> {
                            assertThat(entry.cutShort()).isFalse();
                            assertThat(entry.wav()).containsExactly(4);
                        });
        assertThat(dir.resolve(finished("call-5@x").key() + ".g711")).doesNotExist();
    }

    @Test
    void aFinishedCheckpointedRecordingIsReadyAtOnceWithItsAudioCutToLength() throws Exception {
        MessageSpool spool = new MessageSpool(dir);
        Checkpoint checkpoint = spool.begin(recording("call-8@x"));
        byte[] second = new byte[Codec.SAMPLE_RATE];
        java.util.Arrays.fill(second, Codec.PCMA.encode((short) 8000));
        checkpoint.append(second);
        checkpoint.hungUp(recording("call-8@x"), new byte[Codec.SAMPLE_RATE / 2]);
        byte[] late = new byte[Codec.SAMPLE_RATE / 4];
        java.util.Arrays.fill(late, Codec.PCMA.encode((short) -8000));
        // 1.75 s received; the message keeps 1.5 s of it (say the rest was the silence that ended
        // it)
        checkpoint.finish(recording("call-8@x").finished(1500), late);

        assertThat(dir.resolve(checkpoint.key() + ".wav"))
                .as("the audio is written once")
                .doesNotExist();
        assertThat(pending(spool, EARLIER))
                .as("finished: no call of this process owns it any more")
                .singleElement()
                .satisfies(
                        entry -> {
                            assertThat(entry.cutShort()).isFalse();
                            assertThat(entry.message().durationMillis()).isEqualTo(1500);
                            short[] pcm = Wav.read(new ByteArrayInputStream(entry.wav()));
                            assertThat(pcm).hasSize(Codec.SAMPLE_RATE * 3 / 2);
                            assertThat(pcm[0]).isEqualTo(Codec.PCMA.decode(second[0]));
                        });
        spool.remove(checkpoint.key());
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void theLateAudioOfAFinishedRecordingIsInIt() throws Exception {
        MessageSpool spool = new MessageSpool(dir);
        Checkpoint checkpoint = spool.begin(recording("call-9@x"));
        checkpoint.hungUp(recording("call-9@x"), new byte[Codec.SAMPLE_RATE]);
        byte[] late = new byte[Codec.SAMPLE_RATE / 2];
        java.util.Arrays.fill(late, Codec.PCMA.encode((short) 4000));
        checkpoint.finish(recording("call-9@x").finished(1500), late);

        short[] pcm =
                Wav.read(
                        new ByteArrayInputStream(
                                pending(new MessageSpool(dir), LATER).get(0).wav()));
        assertThat(pcm).hasSize(Codec.SAMPLE_RATE * 3 / 2);
        assertThat(pcm[pcm.length - 1]).isEqualTo(Codec.PCMA.decode(late[0]));
    }

    @Test
    void aStageTornByAPowerCutDidNotHappen() throws Exception {
        MessageSpool spool = new MessageSpool(dir);
        Checkpoint checkpoint = spool.begin(recording("call-10@x"));
        checkpoint.hungUp(recording("call-10@x"), new byte[Codec.SAMPLE_RATE]);
        Files.write(
                dir.resolve(checkpoint.key() + ".json"),
                "{\"tenant\":\"acme\",\"stage\":\"FINI"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.file.StandardOpenOption.APPEND);

        assertThat(pending(new MessageSpool(dir), LATER))
                .as("still the hung-up recording: a whole message")
                .singleElement()
                .satisfies(
                        entry -> {
                            assertThat(entry.cutShort()).isFalse();
                            assertThat(entry.message().durationMillis()).isEqualTo(1000);
                        });
    }

    @Test
    void aRecordingInterruptedWhileItWasDescribedIsDroppedForItHasNoAudio() throws Exception {
        MessageSpool spool = new MessageSpool(dir);
        String key = spool.begin(recording("call-11@x")).key();
        Files.write(dir.resolve(key + ".json"), new byte[0]);

        assertThat(pending(new MessageSpool(dir), LATER)).isEmpty();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aDescriptionWrittenWholeByAnEarlierVersionIsRead() throws Exception {
        MessageSpool spool = new MessageSpool(dir);
        String key = spool.begin(recording("call-12@x")).key();
        Files.write(
                dir.resolve(key + ".json"),
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .writeValueAsBytes(
                                new SpooledMessage(
                                        "acme",
                                        7,
                                        "333",
                                        null,
                                        "+3902",
                                        null,
                                        "call-12@x",
                                        "2026-11-25T10:00:00Z",
                                        0,
                                        Stage.HUNG_UP,
                                        "PCMA")));
        Files.write(dir.resolve(key + ".g711"), new byte[Codec.SAMPLE_RATE / 2]);

        assertThat(pending(new MessageSpool(dir), LATER))
                .singleElement()
                .satisfies(entry -> assertThat(entry.message().durationMillis()).isEqualTo(500));
    }

    @Test
    void aDiscardedRecordingLeavesNothing() {
        MessageSpool spool = new MessageSpool(dir);
        spool.begin(recording("call-6@x")).discard();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void anEntryInterruptedBeforeItsMetadataIsNotPicked() throws Exception {
        Files.write(dir.resolve("deadbeef.wav"), new byte[] {9});
        Files.write(dir.resolve("cafe.json.tmp"), new byte[] {9});
        assertThat(pending(new MessageSpool(dir), LATER)).isEmpty();
        assertThat(pending(new MessageSpool(dir.resolve("missing")), LATER)).isEmpty();
    }
}
