/**
 * Tenants (companies) and the value objects shared by everything a tenant owns: its id, language
 * and time zone. Tenant-owned entities elsewhere are {@code @Multitenant} on the {@code tenant_id}
 * column.
 */
package it.segreteria.voicemail.tenant.entity;
