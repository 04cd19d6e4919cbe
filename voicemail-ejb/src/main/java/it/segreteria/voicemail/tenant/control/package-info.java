/**
 * How a transaction is bound to exactly one tenant: {@link TenantScoped} boundaries and the {@link
 * TenantBinding} interceptor.
 */
package it.segreteria.voicemail.tenant.control;
