package it.segreteria.voicemail.it.support;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.function.Predicate;

/** The emails the service sent to the suite's SMTP server. */
public final class Emails {

    private Emails() {}

    /** Waits (a minute at most) for an email the service sent that {@code which} accepts. */
    public static MimeMessage await(Service service, String what, Predicate<MimeMessage> which) {
        MimeMessage[] found = new MimeMessage[1];
        service.process()
                .await(
                        what,
                        () -> {
                            for (MimeMessage mail : service.mail().getReceivedMessages()) {
                                if (which.test(mail)) {
                                    found[0] = mail;
                                    return true;
                                }
                            }
                            return false;
                        },
                        Duration.ofSeconds(60));
        return found[0];
    }

    /** The first value of a header, or "" without one. */
    public static String header(MimeMessage mail, String name) {
        try {
            String[] value = mail.getHeader(name);
            return value == null ? "" : value[0];
        } catch (MessagingException e) {
            return "";
        }
    }
}
