/** Reading a tenant's mailboxes and employees; every method is bound to the tenant it names. */
package it.segreteria.voicemail.mailbox.boundary;
