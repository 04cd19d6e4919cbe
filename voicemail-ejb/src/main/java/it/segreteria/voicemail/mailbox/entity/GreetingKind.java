package it.segreteria.voicemail.mailbox.entity;

/** Which of a mailbox's own greetings. */
public enum GreetingKind {
    /** Played when the owner does not answer (replaces the system greeting). */
    UNAVAILABLE,
    /**
     * Played instead of every other greeting while it exists (holidays, a day out of office); the
     * owner hears at every login that it is on.
     */
    TEMPORARY
}
