package it.segreteria.voicemail.tenant.entity;

/**
 * The names every {@code @Multitenant} entity uses for its tenant discriminator: the column that
 * holds the tenant id and the persistence context property that EclipseLink filters by.
 */
public final class TenantDiscriminator {

    public static final String COLUMN = "tenant_id";
    public static final String PROPERTY = "voicemail.tenant";

    private TenantDiscriminator() {}
}
