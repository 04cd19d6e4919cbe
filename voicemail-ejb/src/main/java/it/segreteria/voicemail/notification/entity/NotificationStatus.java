package it.segreteria.voicemail.notification.entity;

/** Where an email is: waiting (first try or a retry), accepted by the SMTP server, or given up. */
public enum NotificationStatus {
    PENDING,
    SENT,
    FAILED
}
