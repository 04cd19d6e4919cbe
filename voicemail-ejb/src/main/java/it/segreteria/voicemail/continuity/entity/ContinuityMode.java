package it.segreteria.voicemail.continuity.entity;

/** Whether the service takes over a tenant's calls. */
public enum ContinuityMode {
    /** Follows the PBX monitor: an outage while the tenant's PBX does not answer (the default). */
    AUTO,
    /** An outage declared by an administrator, whatever the PBX answers. */
    ON,
    /** Never an outage, whatever the PBX answers. */
    OFF
}
