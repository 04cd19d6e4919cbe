package it.segreteria.voicemail.message.entity;

import it.segreteria.voicemail.mailbox.entity.Mailbox;
import it.segreteria.voicemail.tenant.entity.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A message a caller left in a mailbox, with everything its owner needs to call back. The audio
 * lives apart in {@link MessageAudio}, loaded only when somebody listens, so lists of messages stay
 * cheap.
 *
 * <p>Life cycle: stored once, with its audio, when the recording ends ({@link MessageState#NEW});
 * heard, saved or deleted by its owner. The caller's name comes from the network and is untrusted
 * text.
 */
@Entity
@Table(name = "voice_message")
public class VoiceMessage extends TenantOwned {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "voice_message_ids")
    @SequenceGenerator(
            name = "voice_message_ids",
            sequenceName = "voice_message_seq",
            allocationSize = 50)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "mailbox_id", nullable = false, updatable = false)
    private Mailbox mailbox;

    @Column(name = "caller_number", updatable = false)
    private String callerNumber;

    @Column(name = "caller_name", updatable = false)
    private String callerName;

    @Column(name = "called_number", updatable = false)
    private String calledNumber;

    @Column(name = "original_called_number", updatable = false)
    private String originalCalledNumber;

    @Column(name = "received_at", nullable = false, updatable = false)
    private Instant receivedAt;

    @Column(name = "duration_ms", nullable = false, updatable = false)
    private long durationMillis;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false)
    private MessageState state;

    @Enumerated(EnumType.STRING)
    @Column(name = "deleted_from")
    private MessageState deletedFrom;

    @Column(name = "sip_call_id", updatable = false)
    private String sipCallId;

    @Column(name = "cut_short", nullable = false, updatable = false)
    private boolean cutShort;

    @Version private long version;

    protected VoiceMessage() {}

    public VoiceMessage(
            Mailbox mailbox,
            Origin origin,
            Instant receivedAt,
            Duration duration,
            boolean cutShort) {
        this.cutShort = cutShort;
        this.mailbox = Objects.requireNonNull(mailbox, "mailbox");
        this.callerNumber = origin.callerNumber();
        this.callerName = origin.callerName();
        this.calledNumber = origin.calledNumber();
        this.originalCalledNumber = origin.originalCalledNumber();
        this.sipCallId = origin.sipCallId();
        this.receivedAt = Objects.requireNonNull(receivedAt, "received at");
        this.durationMillis = duration.toMillis();
        this.state = MessageState.NEW;
    }

    public Long id() {
        return id;
    }

    public Mailbox mailbox() {
        return mailbox;
    }

    public Origin origin() {
        return new Origin(callerNumber, callerName, calledNumber, originalCalledNumber, sipCallId);
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public Duration duration() {
        return Duration.ofMillis(durationMillis);
    }

    /**
     * Whether the service died while the caller was still speaking: the audio ends at the last
     * checkpoint before that, not necessarily where the caller stopped.
     */
    public boolean cutShort() {
        return cutShort;
    }

    public MessageState state() {
        return state;
    }

    public long version() {
        return version;
    }

    /** Its owner listened to it: a new message becomes heard; others stay as they are. */
    public boolean heard() {
        if (state != MessageState.NEW) {
            return false;
        }
        state = MessageState.HEARD;
        return true;
    }

    /** Marked new again by its owner (a heard message only). */
    public boolean unheard() {
        if (state != MessageState.HEARD) {
            return false;
        }
        state = MessageState.NEW;
        return true;
    }

    /** Kept by its owner (a deleted message is restored as saved). */
    public boolean save() {
        if (state == MessageState.SAVED) {
            return false;
        }
        state = MessageState.SAVED;
        deletedFrom = null;
        return true;
    }

    /** Deleted, restorable ({@link #undelete}) until the deleted messages are purged. */
    public boolean delete() {
        if (state == MessageState.DELETED) {
            return false;
        }
        deletedFrom = state;
        state = MessageState.DELETED;
        return true;
    }

    /** Back to what it was before it was deleted. */
    public boolean undelete() {
        if (state != MessageState.DELETED) {
            return false;
        }
        state = deletedFrom == null ? MessageState.HEARD : deletedFrom;
        deletedFrom = null;
        return true;
    }

    /** Where a message came from, as the network told us. */
    public record Origin(
            String callerNumber,
            String callerName,
            String calledNumber,
            String originalCalledNumber,
            String sipCallId) {}
}
