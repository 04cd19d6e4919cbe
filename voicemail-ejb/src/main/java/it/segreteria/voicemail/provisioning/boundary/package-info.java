/** Applying the provisioning file: at start-up and on request, all or nothing per file. */
package it.segreteria.voicemail.provisioning.boundary;
