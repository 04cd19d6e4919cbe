/** Reading the tenant directory. Tenants are written only by provisioning. */
package it.segreteria.voicemail.tenant.boundary;
