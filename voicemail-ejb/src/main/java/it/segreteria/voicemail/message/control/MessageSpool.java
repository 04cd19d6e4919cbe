package it.segreteria.voicemail.message.control;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.segreteria.voicemail.message.entity.VoiceMessage.Origin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Finished messages on disk until the database has them: a message is written here (and synced)
 * before its transaction, and removed after the commit. Whatever is still here after a crash or a
 * database outage is stored again later; storing is idempotent per SIP Call-ID, so nothing is lost
 * and nothing is doubled.
 */
public final class MessageSpool {

    private static final Logger LOG = Logger.getLogger(MessageSpool.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path directory;

    public MessageSpool(Path directory) {
        this.directory = directory;
    }

    /** A message as the caller finished it. */
    public record SpooledMessage(
            String tenant,
            long mailboxId,
            String callerNumber,
            String callerName,
            String calledNumber,
            String originalCalledNumber,
            String sipCallId,
            String receivedAt,
            long durationMillis) {

        /** The message's origin, as the call reported it. */
        @JsonIgnore
        public Origin origin() {
            return new Origin(
                    callerNumber, callerName, calledNumber, originalCalledNumber, sipCallId);
        }

        String key() {
            try {
                byte[] digest =
                        MessageDigest.getInstance("SHA-256")
                                .digest(
                                        (tenant + "\n" + sipCallId)
                                                .getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest, 0, 16);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A spooled message and its audio. */
    public record Entry(String key, SpooledMessage message, byte[] wav) {}

    /** Writes the message durably; returns its key. */
    public String put(SpooledMessage message, byte[] wav) {
        String key = message.key();
        try {
            Files.createDirectories(directory);
            write(directory.resolve(key + ".wav"), wav);
            write(
                    directory.resolve(key + ".json"),
                    JSON.writeValueAsBytes(message)); // last: marks it complete
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot spool message of call " + message.sipCallId(), e);
        }
    }

    public void remove(String key) {
        try {
            Files.deleteIfExists(directory.resolve(key + ".json"));
            Files.deleteIfExists(directory.resolve(key + ".wav"));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "spooled message " + key + " not removed", e);
        }
    }

    /** Every complete entry waiting to be stored. */
    public List<Entry> pending() {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return entries;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path json :
                    files.filter(p -> p.getFileName().toString().endsWith(".json"))
                            .sorted()
                            .toList()) {
                String name = json.getFileName().toString();
                String key = name.substring(0, name.length() - 5);
                try {
                    SpooledMessage message = JSON.readValue(json.toFile(), SpooledMessage.class);
                    entries.add(
                            new Entry(
                                    key,
                                    message,
                                    Files.readAllBytes(directory.resolve(key + ".wav"))));
                } catch (IOException e) {
                    LOG.log(
                            Level.WARNING,
                            "spooled message " + json + " is unreadable and stays there",
                            e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private static void write(Path target, byte[] bytes) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try (var channel =
                java.nio.channels.FileChannel.open(
                        temporary,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(bytes));
            channel.force(true);
        }
        Files.move(
                temporary,
                target,
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
