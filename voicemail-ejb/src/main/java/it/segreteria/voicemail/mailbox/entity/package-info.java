/**
 * Employees, their mailboxes and the value objects that guard them: mailbox and phone numbers,
 * email addresses, PINs with their policy and slow salted hash. All entities here are tenant-owned.
 */
package it.segreteria.voicemail.mailbox.entity;
