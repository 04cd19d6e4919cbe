package it.segreteria.voicemail.web.api;

import it.segreteria.voicemail.audit.entity.AuditEvent;

/** An audit event as the API shows it. */
public record AuditView(
        long id, String occurredAt, String actor, String action, String subject, String details) {

    static AuditView of(AuditEvent event) {
        return new AuditView(
                event.id(),
                event.occurredAt().toString(),
                event.actor(),
                event.action().name(),
                event.subject(),
                event.details());
    }
}
