package it.segreteria.voicemail.notification.control;

import it.segreteria.voicemail.shared.Language;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/** An email written whole when it was queued (an outage notice): a text and an HTML part. */
public record NoticeEmail(
        String recipient, String subject, String body, Language language, String kind)
        implements OutgoingEmail {

    @Override
    public MimeMessage build(Session session, MailSettings settings) throws MessagingException {
        MimeMessage mail = new MimeMessage(session);
        mail.setFrom(new InternetAddress(settings.from()));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        mail.setSubject(VoicemailEmail.headerSafe(subject), "UTF-8");
        mail.setHeader("Auto-Submitted", "auto-generated");
        mail.setHeader("X-Voicemail-Notice", kind);
        MimeBodyPart text = new MimeBodyPart();
        text.setText(body, "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(
                "<!DOCTYPE html><html lang=\""
                        + language.code()
                        + "\"><body style=\"font-family:sans-serif\">"
                        + String.join(
                                "",
                                body.lines()
                                        .filter(line -> !line.isBlank())
                                        .map(line -> "<p>" + VoicemailEmail.escape(line) + "</p>")
                                        .toList())
                        + "</body></html>",
                "UTF-8",
                "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        mail.setContent(alternative);
        mail.saveChanges();
        return mail;
    }
}
