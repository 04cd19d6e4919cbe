package it.segreteria.voicemail.notification.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** Which SMTP failures end the retries: only those that retrying cannot fix. */
class NotificationSenderTest {

    private static SendFailedException refusedRecipient(int code) throws AddressException {
        SendFailedException failed = new SendFailedException("Invalid Addresses");
        failed.setNextException(
                new SMTPAddressFailedException(
                        new InternetAddress("x@y.example"),
                        "RCPT TO:<x@y.example>",
                        code,
                        code + " refused"));
        return failed;
    }

    @Test
    void fiveHundredsAndBadAddressesArePermanent() throws Exception {
        assertThat(NotificationSender.permanent(refusedRecipient(550))).isTrue();
        assertThat(
                        NotificationSender.permanent(
                                new SMTPSendFailedException(
                                        "DATA", 554, "554 rejected", null, null, null, null)))
                .isTrue();
        assertThat(NotificationSender.permanent(new AddressException("Illegal address", "a@@b")))
                .isTrue();
    }

    @Test
    void fourHundredsAndOutagesAreRetried() throws Exception {
        assertThat(NotificationSender.permanent(refusedRecipient(450))).isFalse();
        assertThat(
                        NotificationSender.permanent(
                                new SMTPSendFailedException(
                                        "DATA", 451, "451 try later", null, null, null, null)))
                .isFalse();
        MessagingException down =
                new MessagingException(
                        "Couldn't connect to host", new ConnectException("Connection refused"));
        assertThat(NotificationSender.permanent(down)).isFalse();
    }
}
