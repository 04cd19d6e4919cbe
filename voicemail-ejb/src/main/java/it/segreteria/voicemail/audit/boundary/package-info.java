/** Writing and reading the audit trail of a tenant. */
package it.segreteria.voicemail.audit.boundary;
