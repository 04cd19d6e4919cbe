package it.segreteria.voicemail.tenant.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's own message limits; each one left empty takes the service's default ({@code
 * voicemail.deposit.*}). A value object (a class, not a record: Jakarta Persistence 3.1 cannot
 * embed records).
 */
@Embeddable
public class MessageLimits {

    public static final MessageLimits DEFAULTS = new MessageLimits(null, null, null);

    @Column(name = "max_message_seconds")
    private Integer maxSeconds;

    @Column(name = "min_message_seconds")
    private Integer minSeconds;

    @Column(name = "silence_seconds")
    private Integer silenceSeconds;

    protected MessageLimits() {}

    public MessageLimits(Integer maxSeconds, Integer minSeconds, Integer silenceSeconds) {
        this.maxSeconds = maxSeconds;
        this.minSeconds = minSeconds;
        this.silenceSeconds = silenceSeconds;
    }

    public Optional<Duration> maxLength() {
        return Optional.ofNullable(maxSeconds).map(Duration::ofSeconds);
    }

    public Optional<Duration> minLength() {
        return Optional.ofNullable(minSeconds).map(Duration::ofSeconds);
    }

    public Optional<Duration> silenceLimit() {
        return Optional.ofNullable(silenceSeconds).map(Duration::ofSeconds);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageLimits that
                && Objects.equals(maxSeconds, that.maxSeconds)
                && Objects.equals(minSeconds, that.minSeconds)
                && Objects.equals(silenceSeconds, that.silenceSeconds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxSeconds, minSeconds, silenceSeconds);
    }

    @Override
    public String toString() {
        return "MessageLimits[max="
                + maxSeconds
                + ", min="
                + minSeconds
                + ", silence="
                + silenceSeconds
                + "]";
    }
}
