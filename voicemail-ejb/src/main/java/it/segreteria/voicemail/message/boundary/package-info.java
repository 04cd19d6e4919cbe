/** Storing and reading a tenant's voice messages. */
package it.segreteria.voicemail.message.boundary;
