package it.segreteria.voicemail.web.api;

import it.segreteria.voicemail.tenant.entity.Tenant;

/** A tenant as the API shows it. */
public record TenantView(
        String id, String name, String timeZone, String language, String pbx, long version) {

    static TenantView of(Tenant tenant) {
        return new TenantView(
                tenant.id().value(),
                tenant.name(),
                tenant.timeZone().getId(),
                tenant.language().code(),
                tenant.pbxUri(),
                tenant.version());
    }
}
