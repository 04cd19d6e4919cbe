package it.segreteria.voicemail.audit.entity;

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
 * One entry of the service's own audit trail, which belongs to no tenant: what happened to the
 * operator's account, and from which address. Append-only.
 */
@Entity
@Table(name = "platform_event")
public class PlatformEvent {

    /** What a platform event records. */
    public enum Action {
        /** Failed operator logins from one address within a minute, counted in one row. */
        OPERATOR_LOGIN_FAILED,
        /** An address locked out of the operator API after too many failed logins. */
        OPERATOR_LOCKED_OUT
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "platform_event_ids")
    @SequenceGenerator(
            name = "platform_event_ids",
            sequenceName = "platform_event_seq",
            allocationSize = 50)
    private Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "action", nullable = false, updatable = false)
    private Action action;

    @Column(name = "source", nullable = false, updatable = false)
    private String source;

    @Column(name = "details", updatable = false)
    private String details;

    protected PlatformEvent() {}

    public PlatformEvent(Instant occurredAt, Action action, String source, String details) {
        this.occurredAt = Objects.requireNonNull(occurredAt, "occurred at");
        this.action = Objects.requireNonNull(action, "action");
        this.source = Objects.requireNonNull(source, "source");
        this.details = details;
    }

    public Long id() {
        return id;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public Action action() {
        return action;
    }

    public String source() {
        return source;
    }

    public String details() {
        return details;
    }
}
