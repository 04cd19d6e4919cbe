package it.segreteria.voicemail.notification.control;

import jakarta.mail.Session;
import jakarta.mail.util.StreamProvider;
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
        nameTheStreamProvider();
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
        p.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
        return Session.getInstance(p);
    }

    /**
     * Jakarta Mail looks its stream provider up for every body part it creates: with no system
     * property naming it, that is a service-loader scan of the application's class path each time
     * (milliseconds per email part under load, measured). The property is Jakarta Mail's own way to
     * name the implementation; it is set only when nobody has set it and the container's
     * implementation (Angus Mail) is the one present.
     */
    private static void nameTheStreamProvider() {
        String property = StreamProvider.class.getName();
        if (System.getProperty(property) != null) {
            return;
        }
        try {
            Class.forName(ANGUS_STREAM_PROVIDER, false, Session.class.getClassLoader());
            System.setProperty(property, ANGUS_STREAM_PROVIDER);
        } catch (ClassNotFoundException notAngus) {
            // another implementation: leave the lookup to Jakarta Mail
        }
    }

    private static final String ANGUS_STREAM_PROVIDER =
            "org.eclipse.angus.mail.util.MailStreamProvider";

    /** The domain of the sender address, for Message-IDs. */
    public String domain() {
        int at = from.lastIndexOf('@');
        return at < 0 ? "localhost" : from.substring(at + 1);
    }
}
