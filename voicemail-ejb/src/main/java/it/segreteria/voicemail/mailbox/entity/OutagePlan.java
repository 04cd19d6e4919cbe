package it.segreteria.voicemail.mailbox.entity;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an employee's calls go while the office PBX is down: the phones of these key staff (by
 * employee key, in order; each rings their first phone), one after the other or all at once, each
 * for the called mailbox's rings; a call nobody accepts ends in {@code mailbox} (empty: the
 * employee's own).
 */
public record OutagePlan(List<String> ring, boolean together, Optional<MailboxNumber> mailbox) {

    public static final OutagePlan NONE = new OutagePlan(List.of(), false, Optional.empty());

    public OutagePlan {
        ring = ring == null ? List.of() : List.copyOf(ring);
        mailbox = Objects.requireNonNullElse(mailbox, Optional.empty());
    }

    /** Whether the plan rings anyone (else the call goes straight to the mailbox). */
    public boolean rings() {
        return !ring.isEmpty();
    }
}
