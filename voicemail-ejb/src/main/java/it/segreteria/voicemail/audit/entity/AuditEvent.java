package it.segreteria.voicemail.audit.entity;

import it.segreteria.voicemail.tenant.entity.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a tenant's audit trail: who did what to which subject, when. Append-only: an event
 * is written in the transaction of the change it records and never updated.
 */
@Entity
@Table(name = "audit_event")
public class AuditEvent extends TenantOwned {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_event_ids")
    @SequenceGenerator(
            name = "audit_event_ids",
            sequenceName = "audit_event_seq",
            allocationSize = 50)
    private Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(name = "actor", nullable = false, updatable = false)
    private String actor;

    @Enumerated(EnumType.STRING)
    @Column(name = "action", nullable = false, updatable = false)
    private AuditAction action;

    @Column(name = "subject", nullable = false, updatable = false)
    private String subject;

    @Column(name = "details", updatable = false)
    private String details;

    protected AuditEvent() {}

    public AuditEvent(
            Instant occurredAt, String actor, AuditAction action, String subject, String details) {
        this.occurredAt = Objects.requireNonNull(occurredAt, "occurred at");
        this.actor = Objects.requireNonNull(actor, "actor");
        this.action = Objects.requireNonNull(action, "action");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.details = details;
    }

    public Long id() {
        return id;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String actor() {
        return actor;
    }

    public AuditAction action() {
        return action;
    }

    public String subject() {
        return subject;
    }

    public String details() {
        return details;
    }
}
