package it.segreteria.voicemail.notification.control;

import jakarta.mail.Session;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;

/**
 * The SMTP server and sender of notification emails, from {@code voicemail.smtp.*} and {@code
 * voicemail.mail.*}.
 */
public record MailSettings(
        String host,
        int port,
        String from,
        Optional<String> user,
        Optional<String> password,
        boolean startTls,
        String portalUrl,
        java.time.Duration firstRetry) {

    public static MailSettings from(Config config) {
        return new MailSettings(
                config.getOptionalValue("voicemail.smtp.host", String.class).orElse("localhost"),
                config.getOptionalValue("voicemail.smtp.port", Integer.class).orElse(25),
                config.getOptionalValue("voicemail.mail.from", String.class)
                        .orElse("voicemail@localhost"),
                config.getOptionalValue("voicemail.smtp.user", String.class),
                config.getOptionalValue("voicemail.smtp.password", String.class),
                config.getOptionalValue("voicemail.smtp.starttls", Boolean.class).orElse(false),
                config.getOptionalValue("voicemail.portal.url", String.class)
                        .orElse("http://localhost:8080/voicemail"),
                java.time.Duration.ofSeconds(
                        config.getOptionalValue(
                                        "voicemail.notification.first-retry-seconds", Integer.class)
                                .orElse(30)));
    }

    /**
     * A Jakarta Mail session for this server, with timeouts so a stuck server never blocks the
     * sender for long.
     */
    public Session session() {
        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", host);
        p.setProperty("mail.smtp.port", Integer.toString(port));
        p.setProperty("mail.smtp.connectiontimeout", "5000");
        p.setProperty("mail.smtp.timeout", "20000");
        p.setProperty("mail.smtp.writetimeout", "20000");
        p.setProperty("mail.smtp.starttls.enable", Boolean.toString(startTls));
        p.setProperty("mail.smtp.starttls.required", Boolean.toString(startTls));
        p.setProperty("mail.smtp.auth", Boolean.toString(user.isPresent()));
        p.setProperty("mail.from", from);
        return Session.getInstance(p);
    }

    /** The domain of the sender address, for Message-IDs. */
    public String domain() {
        int at = from.lastIndexOf('@');
        return at < 0 ? "localhost" : from.substring(at + 1);
    }
}
