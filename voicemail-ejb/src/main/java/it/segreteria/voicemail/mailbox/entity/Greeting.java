package it.segreteria.voicemail.mailbox.entity;

import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.audio.Wav;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * A mailbox's own greeting for when its owner does not answer, played to callers instead of the
 * system greeting (unless a {@link TemporaryGreeting} is on).
 */
@Entity
@Table(name = "mailbox_greeting")
public class Greeting extends RecordedGreeting {

    public static final int MAX_SECONDS = 120;

    protected Greeting() {}

    public Greeting(long mailboxId, byte[] wav) {
        super(mailboxId, wav);
    }

    /**
     * The audio as the service keeps it (8 kHz 16-bit mono PCM WAV), from a WAV of any sample rate
     * and channel count (converted, {@code Wav.readAnyRate}).
     *
     * @throws InvalidGreetingException when it is not such a file, or too long
     */
    public static byte[] canonicalWav(byte[] wav) {
        short[] samples;
        try {
            samples = Wav.readAnyRate(new ByteArrayInputStream(wav));
        } catch (IOException e) {
            throw new InvalidGreetingException(e.getMessage());
        }
        if (samples.length == 0 || samples.length > MAX_SECONDS * Codec.SAMPLE_RATE) {
            throw new InvalidGreetingException(
                    "a greeting lasts up to " + MAX_SECONDS + " seconds");
        }
        return Wav.write(samples);
    }

    /** How long a greeting made by {@link #canonicalWav} lasts, in milliseconds. */
    public static long millis(byte[] canonicalWav) {
        return (canonicalWav.length - 44) / 16; // 44-byte header, 16 bytes per ms at 8 kHz 16-bit
    }
}
