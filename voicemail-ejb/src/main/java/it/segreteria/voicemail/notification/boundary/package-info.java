/**
 * The email outbox: queueing with the message, delivering with retries, recording every outcome.
 */
package it.segreteria.voicemail.notification.boundary;
