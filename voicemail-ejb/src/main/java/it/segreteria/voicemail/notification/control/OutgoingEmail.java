package it.segreteria.voicemail.notification.control;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** One email of the outbox, read in its tenant's transaction and built when it is sent. */
public interface OutgoingEmail {

    MimeMessage build(Session session, MailSettings settings) throws MessagingException;
}
