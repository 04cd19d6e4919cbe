package it.segreteria.voicemail.notification.control;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One sender worker's SMTP connection: opened when needed, kept while there is work. A connection
 * idle for a second or more is checked (a NOOP) before it carries an email; one used a moment ago
 * is not: that NOOP was a round trip per email during a burst. If such a connection turns out dead
 * anyway (the server closed it after its last email), the email goes once more, at once, over a
 * fresh connection. Not thread-safe: one per worker.
 */
public final class SmtpConnection {

    private static final Logger LOG = Logger.getLogger(SmtpConnection.class.getName());
    private static final long CHECK_AFTER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Session session;
    private final MailSettings settings;
    private final Predicate<MessagingException> permanent;
    private Transport transport;
    private long lastUsed;

    /**
     * @param permanent whether a failure will not get better by retrying (a 5xx): never sent again
     *     here
     */
    public SmtpConnection(
            Session session, MailSettings settings, Predicate<MessagingException> permanent) {
        this.session = session;
        this.settings = settings;
        this.permanent = permanent;
    }

    /**
     * Hands the email to the server; throws what the server or the network said if it did not take
     * it.
     */
    public void send(MimeMessage mail) throws MessagingException {
        boolean unchecked = false;
        if (transport != null) {
            if (System.nanoTime() - lastUsed < CHECK_AFTER_IDLE_NANOS) {
                unchecked = true;
            } else if (!transport.isConnected()) {
                close();
            }
        }
        if (transport == null) {
            transport = open();
        }
        try {
            transport.sendMessage(mail, mail.getAllRecipients());
        } catch (MessagingException e) {
            if (!unchecked || permanent.test(e) || transport.isConnected()) {
                throw e;
            }
            // the server closed the connection since its last email: once more, afresh
            close();
            transport = open();
            transport.sendMessage(mail, mail.getAllRecipients());
        }
        lastUsed = System.nanoTime();
    }

    private Transport open() throws MessagingException {
        Transport opened = session.getTransport("smtp");
        if (settings.user().isPresent()) {
            opened.connect(settings.user().get(), settings.password().orElse(""));
        } else {
            opened.connect();
        }
        return opened;
    }

    /** Closes the connection, if open; the next email opens another. */
    public void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                LOG.log(Level.FINE, "closing the SMTP connection", e);
            }
            transport = null;
        }
    }
}
