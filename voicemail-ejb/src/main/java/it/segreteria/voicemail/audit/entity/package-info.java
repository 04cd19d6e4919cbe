/**
 * The audit trail: one append-only event per message activity and per change of PINs, routing and
 * provisioning.
 */
package it.segreteria.voicemail.audit.entity;
