package it.segreteria.voicemail.audit.entity;

/** What happened. Stored by name: never rename a constant, add new ones instead. */
public enum AuditAction {
    MESSAGE_LEFT,
    CALL_ENDED_WITHOUT_MESSAGE,
    MESSAGE_NOTIFIED,
    NOTIFICATION_FAILED,
    MESSAGE_HEARD,
    MESSAGE_DOWNLOADED,
    MESSAGE_DELETED,
    MESSAGE_UNDELETED,
    MESSAGE_SAVED,
    LOGIN_SUCCEEDED,
    LOGIN_FAILED,
    MESSAGE_FORWARDED,
    PIN_CHANGED,
    GREETING_CHANGED,
    PIN_LOCKED_OUT,
    /** The owner was emailed that their mailbox was locked by wrong PINs. */
    PIN_LOCKOUT_NOTIFIED,
    /** A tenant administrator was emailed that an outage started or ended. */
    OUTAGE_NOTIFIED,
    ROUTING_CHANGED,
    TENANT_PROVISIONED,
    EMPLOYEE_PROVISIONED,
    MAILBOX_PROVISIONED,
    MAILBOX_DEACTIVATED,
    /** Calls from one source that left no message in a minute, beyond those audited one by one. */
    CALLS_WITHOUT_MESSAGE_COUNTED,
    /** A tenant's continuity mode was changed (AUTO, ON, OFF). */
    CONTINUITY_MODE_CHANGED,
    /** The service began taking over a tenant's calls. */
    OUTAGE_STARTED,
    /**
     * The service stopped taking over a tenant's calls (with the duration and calls taken over).
     */
    OUTAGE_ENDED,
    /** The PBX monitor found the tenant's PBX down. */
    PBX_DOWN,
    /** The PBX monitor found the tenant's PBX up again. */
    PBX_UP,
    /** The tenant's own outage greeting was recorded or replaced. */
    OUTAGE_GREETING_SET,
    /** The tenant's own outage greeting was removed: callers hear the system's again. */
    OUTAGE_GREETING_REMOVED,
    /** A failover drill began: its test callers' calls are routed as in an outage. */
    DRILL_STARTED,
    /** A failover drill was ended before its time. */
    DRILL_ENDED,
    /** A test caller's call during a drill, routed as in an outage (where to). */
    DRILL_CALL,
    /** The owner marked a heard message as new again (in the portal). */
    MESSAGE_MARKED_UNHEARD,
    /**
     * The owner changed their own notification settings (addresses, attachment, language, time
     * zone) in the portal: what was and what is.
     */
    SETTINGS_CHANGED,
    /** The owner was emailed that the addresses of their voicemail emails changed. */
    SETTINGS_NOTIFIED
}
