/** Business continuity: a tenant's continuity mode, its outages and how a PBX outage is decided. */
package it.segreteria.voicemail.continuity.entity;
