/** Mailbox infrastructure: the service-wide directory of public numbers. */
package it.segreteria.voicemail.mailbox.control;
