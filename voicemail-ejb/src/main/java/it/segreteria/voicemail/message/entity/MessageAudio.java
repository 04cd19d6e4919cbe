package it.segreteria.voicemail.message.entity;

import it.segreteria.voicemail.tenant.entity.TenantOwned;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.util.Objects;

/**
 * The recording of a {@link VoiceMessage}, as a WAV file (8 kHz). Shares the message's id and is
 * written in the same transaction; kept in its own entity so that nothing loads audio unless it
 * plays or sends it.
 */
@Entity
@Table(name = "message_audio")
public class MessageAudio extends TenantOwned {

    @Id
    @Column(name = "message_id")
    private Long messageId;

    @Column(name = "content_type", nullable = false, updatable = false)
    private String contentType;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "wav", nullable = false, updatable = false)
    private byte[] wav;

    protected MessageAudio() {}

    public MessageAudio(VoiceMessage message, byte[] wav) {
        this.messageId = Objects.requireNonNull(message.id(), "persist the message first");
        this.contentType = "audio/wav";
        this.wav = wav.clone();
    }

    public Long messageId() {
        return messageId;
    }

    public String contentType() {
        return contentType;
    }

    public byte[] wav() {
        return wav.clone();
    }
}
