package it.segreteria.voicemail.mailbox.entity;

import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.audio.Wav;
import it.segreteria.voicemail.tenant.entity.TenantOwned;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * A mailbox's own greeting (8 kHz mono WAV), played to callers instead of the system greeting. Its
 * version tells a cache whether the audio it holds is still the current one.
 */
@Entity
@Table(name = "mailbox_greeting")
public class Greeting extends TenantOwned {

    public static final int MAX_SECONDS = 120;

    @Id
    @Column(name = "mailbox_id")
    private Long mailboxId;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "wav", nullable = false)
    private byte[] wav;

    @Version private long version;

    protected Greeting() {}

    public Greeting(long mailboxId, byte[] wav) {
        this.mailboxId = mailboxId;
        this.wav = wav.clone();
    }

    /**
     * The audio as the service keeps it (8 kHz 16-bit mono PCM WAV), from any 8 kHz mono WAV.
     *
     * @throws InvalidGreetingException when it is not such a file, or too long
     */
    public static byte[] canonicalWav(byte[] wav) {
        short[] samples;
        try {
            samples = Wav.read(new ByteArrayInputStream(wav));
        } catch (IOException e) {
            throw new InvalidGreetingException(e.getMessage());
        }
        if (samples.length == 0 || samples.length > MAX_SECONDS * Codec.SAMPLE_RATE) {
            throw new InvalidGreetingException(
                    "a greeting lasts up to " + MAX_SECONDS + " seconds");
        }
        return Wav.write(samples);
    }

    public void replace(byte[] newWav) {
        this.wav = newWav.clone();
    }

    public long mailboxId() {
        return mailboxId;
    }

    public byte[] wav() {
        return wav.clone();
    }

    public long version() {
        return version;
    }
}
