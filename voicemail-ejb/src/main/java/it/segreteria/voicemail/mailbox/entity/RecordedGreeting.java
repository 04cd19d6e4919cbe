package it.segreteria.voicemail.mailbox.entity;

import it.segreteria.voicemail.tenant.entity.TenantOwned;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

/**
 * A greeting a mailbox's owner (or an administrator) recorded: 8 kHz 16-bit mono PCM WAV, at most
 * {@value Greeting#MAX_SECONDS} s (see {@link Greeting#canonicalWav}). Its version tells a cache
 * whether the audio it holds is still the current one.
 */
@MappedSuperclass
public abstract class RecordedGreeting extends TenantOwned {

    @Id
    @Column(name = "mailbox_id")
    private Long mailboxId;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "wav", nullable = false)
    private byte[] wav;

    @Version private long version;

    protected RecordedGreeting() {}

    protected RecordedGreeting(long mailboxId, byte[] wav) {
        this.mailboxId = mailboxId;
        this.wav = wav.clone();
    }

    /** A new greeting of the given kind. */
    public static RecordedGreeting of(GreetingKind kind, long mailboxId, byte[] wav) {
        return kind == GreetingKind.TEMPORARY
                ? new TemporaryGreeting(mailboxId, wav)
                : new Greeting(mailboxId, wav);
    }

    /** The entity class that stores greetings of the given kind. */
    public static Class<? extends RecordedGreeting> type(GreetingKind kind) {
        return kind == GreetingKind.TEMPORARY ? TemporaryGreeting.class : Greeting.class;
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
