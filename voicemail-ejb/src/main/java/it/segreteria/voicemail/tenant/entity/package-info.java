/**
 * Tenants (companies) and the value objects shared by everything a tenant owns: its id, language
 * and time zone. Tenant-owned entities elsewhere extend {@link
 * it.segreteria.voicemail.tenant.entity.TenantOwned}.
 */
package it.segreteria.voicemail.tenant.entity;
