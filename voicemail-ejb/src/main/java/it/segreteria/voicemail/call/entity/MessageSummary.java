package it.segreteria.voicemail.call.entity;

import java.time.Instant;

/**
 * A message as the phone menu knows it: which one, whether it is new or already heard or saved, and
 * its envelope (when it came, from which number: {@code null} when the caller withheld it).
 */
public record MessageSummary(
        long id, boolean fresh, boolean saved, Instant receivedAt, String callerNumber) {

    public MessageSummary(long id, boolean fresh, boolean saved) {
        this(id, fresh, saved, Instant.EPOCH, null);
    }
}
