package it.segreteria.voicemail.notification.entity;

/** What a notification email is about. */
public enum NotificationKind {
    /** A new message in the recipient's mailbox. */
    MESSAGE,
    /** The recipient's mailbox was locked by wrong PINs in a row. */
    PIN_LOCKOUT,
    /** The recipient's tenant entered or left an outage (continuity mode). */
    OUTAGE,
    /**
     * The addresses of the recipient's voicemail emails changed (sent to the old and the new ones).
     */
    SETTINGS
}
