package it.segreteria.voicemail.message.control;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.audio.Wav;
import it.segreteria.voicemail.message.entity.VoiceMessage.Origin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Messages on disk until the database has them. Per call, under one key:
 *
 * <ul>
 *   <li>while the caller speaks, {@code <key>.json} (the description, stage {@code RECORDING}) and
 *       {@code <key>.g711}, to which the audio received so far is appended and synced every few
 *       seconds ({@link Checkpoint});
 *   <li>when the caller hangs up, the audio received so far appended, then a line {@code HUNG_UP}
 *       appended to {@code <key>.json}, both synced ({@link Checkpoint#hungUp});
 *   <li>when the recording ends, the rest of the audio appended and a line {@code FINISHED} (with
 *       the message's length), before the message goes anywhere else ({@link Checkpoint#finish}):
 *       the audio is written once, as it came;
 *   <li>after the database commit, nothing ({@link #remove}).
 * </ul>
 *
 * The description is a log, one JSON line per stage, the last whole line the entry's stage: a stage
 * is an append, not a new file renamed over the old (each new file is an inode, and ext4 slows down
 * creating inodes where many were deleted a moment ago: at 100 messages a second that was a quarter
 * of the spool's CPU).
 *
 * <p>A message whose recording had no checkpoints (the spool could not be written when it began) is
 * written whole at the end instead: {@code <key>.wav}, then {@code <key>.json} ({@link #put}).
 *
 * <p>A finished entry is stored again until it is removed. A recording entry left by a process that
 * died mid-call is stored as a message cut short, with the audio up to its last checkpoint; one
 * whose caller had already hung up ({@code HUNG_UP}, all audio checkpointed) as a whole message.
 * Storing is idempotent per SIP Call-ID, so nothing is lost and nothing is doubled.
 */
public final class MessageSpool {

    private static final Logger LOG = Logger.getLogger(MessageSpool.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path directory;

    public MessageSpool(Path directory) {
        this.directory = directory;
    }

    /** How far a spooled message got. */
    public enum Stage {
        /** The caller is (or was, when the service died) still speaking. */
        RECORDING,
        /**
         * The caller hung up and every packet received so far is in the checkpoints; only packets
         * overtaken by the BYE may still come.
         */
        HUNG_UP,
        /** The caller finished: the audio is complete. */
        FINISHED
    }

    /** A message as the call reported it. */
    public record SpooledMessage(
            String tenant,
            long mailboxId,
            String callerNumber,
            String callerName,
            String calledNumber,
            String originalCalledNumber,
            String sipCallId,
            String receivedAt,
            long durationMillis,
            Stage stage,
            String codec) {

        /** The message's origin, as the call reported it. */
        @JsonIgnore
        public Origin origin() {
            return new Origin(
                    callerNumber, callerName, calledNumber, originalCalledNumber, sipCallId);
        }

        /** The same message, finished after {@code millis} of audio. */
        public SpooledMessage finished(long millis) {
            return new SpooledMessage(
                    tenant,
                    mailboxId,
                    callerNumber,
                    callerName,
                    calledNumber,
                    originalCalledNumber,
                    sipCallId,
                    receivedAt,
                    millis,
                    Stage.FINISHED,
                    codec);
        }

        /** One key per tenant and Call-ID: a file name that says nothing about the caller. */
        @JsonIgnore
        public String key() {
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

    /**
     * A message ready to store, and its audio as WAV; {@code cutShort} when it is what a recording
     * had checkpointed before the service died.
     */
    public record Entry(String key, SpooledMessage message, byte[] wav, boolean cutShort) {}

    /** Writes the finished message durably (synced); returns its key. */
    public String put(SpooledMessage message, byte[] wav) {
        if (message.stage() != Stage.FINISHED) {
            throw new IllegalArgumentException("only a finished message is put");
        }
        String key = message.key();
        try {
            Files.createDirectories(directory);
            write(file(key, ".wav"), wav);
            write(file(key, ".json"), JSON.writeValueAsBytes(message)); // last: marks it complete
            Files.deleteIfExists(file(key, ".g711"));
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot spool message of call " + message.sipCallId(), e);
        }
    }

    /** Starts the checkpoints of a recording (its description is synced before this returns). */
    public Checkpoint begin(SpooledMessage message) {
        if (message.stage() != Stage.RECORDING) {
            throw new IllegalArgumentException("checkpoints begin with a recording");
        }
        String key = message.key();
        try {
            Files.createDirectories(directory);
            // empty: nothing to sync but its name, which the directory's sync below covers
            FileChannel.open(
                            file(key, ".g711"),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE)
                    .close();
            try (FileChannel json =
                    FileChannel.open(
                            file(key, ".json"),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE)) {
                writeAll(json, line(message));
                json.force(true);
            }
            syncDirectory(); // both names
            return new Checkpoint(key);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot spool the recording of call " + message.sipCallId(), e);
        }
    }

    /** The audio of one recording in progress, appended as it settles. */
    public final class Checkpoint {

        private final String key;
        private boolean intact = true; // every append made it to disk
        private boolean hungUp;

        private Checkpoint(String key) {
            this.key = key;
        }

        /** Whether all the audio given so far is on disk (no append failed). */
        public boolean intact() {
            return intact;
        }

        /** Appends G.711 codes (in the recording's codec) and syncs them. */
        public void append(byte[] codes) {
            if (codes.length == 0) {
                return;
            }
            appendNow(codes);
        }

        /**
         * Appends the last audio of a recording whose caller hung up, and marks it so: a service
         * that dies before the message is finished still stores it whole.
         */
        public void hungUp(SpooledMessage recording, byte[] codes) {
            appendNow(codes);
            hungUp = true;
            SpooledMessage hungUp =
                    new SpooledMessage(
                            recording.tenant(),
                            recording.mailboxId(),
                            recording.callerNumber(),
                            recording.callerName(),
                            recording.calledNumber(),
                            recording.originalCalledNumber(),
                            recording.sipCallId(),
                            recording.receivedAt(),
                            0,
                            Stage.HUNG_UP,
                            recording.codec());
            try {
                appendLine(hungUp, true);
            } catch (IOException e) {
                intact = false;
                throw new UncheckedIOException("cannot checkpoint recording " + key, e);
            }
        }

        /**
         * Appends the last audio ({@code rest}) and marks the recording finished: {@code finished}
         * says how long the message is (its first {@code durationMillis} of audio; a recording
         * ended by silence is shorter than what was received). Synced on return, but after {@link
         * #hungUp}: lost in a power cut then, the entry is still the hung-up recording, the same
         * message whole (and a FINISHED line whose audio did not all make it is cut to what did).
         */
        public void finish(SpooledMessage finished, byte[] rest) {
            if (finished.stage() != Stage.FINISHED) {
                throw new IllegalArgumentException(
                        "a recording is finished with a finished message");
            }
            if (rest.length > 0) {
                appendNow(rest, !hungUp);
            }
            try {
                appendLine(finished, !hungUp);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot finish recording " + key, e);
            }
        }

        private void appendLine(SpooledMessage stage, boolean sync) throws IOException {
            try (FileChannel json =
                    FileChannel.open(
                            file(key, ".json"),
                            StandardOpenOption.WRITE,
                            StandardOpenOption.APPEND)) {
                writeAll(json, line(stage));
                if (sync) {
                    json.force(false);
                }
            }
        }

        private void appendNow(byte[] codes) {
            appendNow(codes, true);
        }

        private void appendNow(byte[] codes, boolean sync) {
            try (FileChannel channel =
                    FileChannel.open(
                            file(key, ".g711"),
                            StandardOpenOption.WRITE,
                            StandardOpenOption.APPEND)) {
                writeAll(channel, codes);
                if (sync) {
                    channel.force(false);
                }
            } catch (IOException e) {
                intact = false;
                throw new UncheckedIOException("cannot checkpoint recording " + key, e);
            }
        }

        /** The recording left no message: forget it. */
        public void discard() {
            remove(key);
        }

        public String key() {
            return key;
        }
    }

    /** Forgets an entry once the database has it. */
    public void remove(String key) {
        try {
            Files.deleteIfExists(file(key, ".json"));
            Files.deleteIfExists(file(key, ".wav"));
            Files.deleteIfExists(file(key, ".g711"));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "spooled message " + key + " not removed", e);
        }
    }

    /** The keys of every entry, finished or not, oldest name first. */
    public List<String> keys() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .map(name -> name.substring(0, name.length() - 5))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The entry under {@code key}, if it is ready to store: finished, or a recording whose
     * description was written before {@code orphanedBefore} (the start of this process: no live
     * call owns it).
     */
    public Optional<Entry> read(String key, Instant orphanedBefore) {
        Path json = file(key, ".json");
        try {
            // read through Files, whose missing file is a NoSuchFileException (a FileInputStream
            // says FileNotFoundException, and an entry stored meanwhile was warned of as
            // unreadable)
            Optional<SpooledMessage> stage = lastStage(Files.readAllBytes(json));
            if (stage.isEmpty()) {
                return interrupted(key);
            }
            SpooledMessage message = stage.get();
            if (message.stage() == Stage.FINISHED && Files.exists(file(key, ".wav"))) {
                return Optional.of(
                        new Entry(key, message, Files.readAllBytes(file(key, ".wav")), false));
            }
            if (message.stage() == Stage.FINISHED) { // its audio is the recording's, cut to length
                int samples = (int) (message.durationMillis() * Codec.SAMPLE_RATE / 1000);
                byte[] codes = Files.readAllBytes(file(key, ".g711"));
                return Optional.of(
                        new Entry(
                                key,
                                message,
                                wav(message, codes, Math.min(samples, codes.length)),
                                false));
            }
            if (!Files.getLastModifiedTime(json).toInstant().isBefore(orphanedBefore)) {
                return Optional.empty(); // a call of this process is still recording it
            }
            byte[] codes = Files.readAllBytes(file(key, ".g711"));
            return Optional.of(
                    new Entry(
                            key,
                            message.finished(codes.length * 1000L / Codec.SAMPLE_RATE),
                            wav(message, codes, codes.length),
                            message.stage() == Stage.RECORDING));
        } catch (NoSuchFileException gone) {
            return Optional.empty(); // stored and removed meanwhile
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "spooled message " + json + " is unreadable and stays there", e);
            return Optional.empty();
        }
    }

    /**
     * The last whole line of a description: lines are appended, and a power cut can leave the last
     * one torn (it then did not happen). A description without a newline is one written whole by
     * the versions before the log.
     */
    private static Optional<SpooledMessage> lastStage(byte[] log) throws IOException {
        SpooledMessage last = null;
        int start = 0;
        for (int i = 0; i < log.length; i++) {
            if (log[i] == '\n') {
                last = JSON.readValue(log, start, i - start, SpooledMessage.class);
                start = i + 1;
            }
        }
        if (start < log.length && last == null) {
            try {
                last = JSON.readValue(log, start, log.length - start, SpooledMessage.class);
            } catch (IOException torn) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(last);
    }

    /**
     * An entry whose description was never completed: it has no audio either (checkpoints come
     * after it), so nothing is lost in dropping it; one with audio stays, as unreadable.
     */
    private Optional<Entry> interrupted(String key) throws IOException {
        Path codes = file(key, ".g711");
        if (Files.exists(codes) && Files.size(codes) > 0) {
            throw new IOException("no description for the audio of " + key);
        }
        LOG.info(() -> "spool entry " + key + " was never described (interrupted): dropped");
        remove(key);
        return Optional.empty();
    }

    private static byte[] line(SpooledMessage stage) throws IOException {
        byte[] json = JSON.writeValueAsBytes(stage);
        byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        return line;
    }

    private static void writeAll(FileChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private void syncDirectory() throws IOException {
        try (FileChannel parent = FileChannel.open(directory, StandardOpenOption.READ)) {
            parent.force(true);
        }
    }

    private static byte[] wav(SpooledMessage message, byte[] codes, int samples) {
        Codec codec = Codec.valueOf(message.codec());
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = codec.decode(codes[i]);
        }
        return Wav.write(pcm);
    }

    private Path file(String key, String suffix) {
        return directory.resolve(key + suffix);
    }

    /**
     * Replaces {@code target} (in the spool's directory) with {@code bytes}, atomically (a
     * temporary file renamed), synced, and the directory too, so that the rename survives a power
     * cut.
     */
    private void write(Path target, byte[] bytes) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel channel =
                FileChannel.open(
                        temporary,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
            writeAll(channel, bytes);
            channel.force(true);
        }
        Files.move(
                temporary,
                target,
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        syncDirectory();
    }
}
