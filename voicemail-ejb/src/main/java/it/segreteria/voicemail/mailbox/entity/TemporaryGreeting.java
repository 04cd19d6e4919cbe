package it.segreteria.voicemail.mailbox.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A mailbox's temporary greeting: while it exists, callers hear it instead of any other greeting.
 */
@Entity
@Table(name = "mailbox_temporary_greeting")
public class TemporaryGreeting extends RecordedGreeting {

    protected TemporaryGreeting() {}

    public TemporaryGreeting(long mailboxId, byte[] wav) {
        super(mailboxId, wav);
    }
}
