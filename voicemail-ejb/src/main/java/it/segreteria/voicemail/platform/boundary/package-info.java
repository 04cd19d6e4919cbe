/** What the platform tells operators about itself: readiness for MicroProfile Health. */
package it.segreteria.voicemail.platform.boundary;
