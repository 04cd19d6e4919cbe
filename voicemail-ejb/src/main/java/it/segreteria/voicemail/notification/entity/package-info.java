/** Email notifications: the outbox rows with their delivery status, and the attachment policy. */
package it.segreteria.voicemail.notification.entity;
