/** Continuity mode per tenant (read, set, audited) and the PBX monitor that declares outages. */
package it.segreteria.voicemail.continuity.boundary;
