package it.segreteria.voicemail.message.control;

import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.message.control.MessageSpool.SpooledMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageSpoolTest {

    @TempDir Path dir;

    private static SpooledMessage message(String callId) {
        return new SpooledMessage(
                "acme",
                7,
                "333",
                "Mario \"M\" Rossi",
                "+3902",
                null,
                callId,
                "2026-11-25T10:00:00Z",
                5000);
    }

    @Test
    void aSpooledMessageSurvivesUntilRemoved() {
        MessageSpool spool = new MessageSpool(dir);
        String key = spool.put(message("call-1@x"), new byte[] {1, 2, 3});

        MessageSpool afterRestart = new MessageSpool(dir);
        assertThat(afterRestart.pending())
                .singleElement()
                .satisfies(
                        entry -> {
                            assertThat(entry.message()).isEqualTo(message("call-1@x"));
                            assertThat(entry.wav()).containsExactly(1, 2, 3);
                        });
        afterRestart.remove(key);
        assertThat(new MessageSpool(dir).pending()).isEmpty();
    }

    @Test
    void theSameCallSpooledTwiceIsOneEntry() {
        MessageSpool spool = new MessageSpool(dir);
        spool.put(message("call-2@x"), new byte[] {1});
        spool.put(message("call-2@x"), new byte[] {1});
        assertThat(spool.pending()).hasSize(1);
    }

    @Test
    void anEntryInterruptedBeforeItsMetadataIsNotPicked() throws Exception {
        Files.write(dir.resolve("deadbeef.wav"), new byte[] {9});
        Files.write(dir.resolve("cafe.json.tmp"), new byte[] {9});
        assertThat(new MessageSpool(dir).pending()).isEmpty();
        assertThat(new MessageSpool(dir.resolve("missing")).pending()).isEmpty();
    }
}
