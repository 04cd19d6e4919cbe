/**
 * The REST API for the platform operator: tenants, mailboxes, provisioning. Returns views, never
 * entities.
 */
package it.segreteria.voicemail.web.api;
