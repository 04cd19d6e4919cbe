/** Building notification emails and finding the due ones. */
package it.segreteria.voicemail.notification.control;
