package it.segreteria.voicemail.notification.control;

import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.shared.Language;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LockoutEmailTest {

    private static final MailSettings SETTINGS =
            new MailSettings(
                    "localhost",
                    25,
                    "voicemail@acme.example",
                    Optional.empty(),
                    Optional.empty(),
                    false,
                    "https://vm.example/portal",
                    Duration.ofSeconds(30));
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final Instant UNTIL = Instant.parse("2026-12-02T13:20:00Z");

    private static LockoutEmail email(Language language, String callerNumber) {
        return email(language, callerNumber, true);
    }

    private static LockoutEmail email(Language language, String callerNumber, boolean toOwner) {
        return new LockoutEmail(
                "acme",
                7,
                "mario.rossi@acme.example",
                toOwner,
                "ACME S.p.A.",
                "Mario Rossi",
                "100",
                language,
                ZoneId.of("Europe/Rome"),
                5,
                UNTIL,
                callerNumber);
    }

    private static MimeMessage roundTrip(LockoutEmail email) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        email.build(SESSION, SETTINGS).writeTo(bytes);
        return new MimeMessage(SESSION, new ByteArrayInputStream(bytes.toByteArray()));
    }

    @Test
    void saysUntilWhenInTheMailboxsTimeZoneAndFromWhichNumber() throws Exception {
        MimeMessage mail = roundTrip(email(Language.ITALIAN, "+393351234567"));
        assertThat(mail.getSubject()).isEqualTo("Casella vocale 100 bloccata per PIN errati");
        assertThat(mail.getHeader("X-Voicemail-Notice")).containsExactly("pin-lockout");
        String text = (String) ((Multipart) mail.getContent()).getBodyPart(0).getContent();
        assertThat(text)
                .contains("Mario Rossi")
                .contains("5 PIN errati")
                .contains("+393351234567")
                .contains("mercoledì 2 dicembre 2026, 14:20"); // 13:20 UTC in Rome
    }

    @Test
    void englishAndAWithheldNumber() throws Exception {
        MimeMessage mail = roundTrip(email(Language.ENGLISH, null));
        assertThat(mail.getSubject()).isEqualTo("Voicemail box 100 locked after wrong PINs");
        String text = (String) ((Multipart) mail.getContent()).getBodyPart(0).getContent();
        assertThat(text).contains("from a withheld number").contains("Wednesday 2 December 2026");
    }

    @Test
    void theTenantsAdministratorsAreToldWhoseMailboxItIs() throws Exception {
        MimeMessage mail = roundTrip(email(Language.ENGLISH, "+393351234567", false));
        String text = (String) ((Multipart) mail.getContent()).getBodyPart(0).getContent();
        assertThat(text)
                .startsWith("Voicemail box 100 of Mario Rossi (ACME S.p.A.) is locked until")
                .contains("the last one from +393351234567")
                .contains("somebody may be guessing");
    }

    @Test
    void aHostileCallerNumberIsEscapedInHtmlAndKeptOnOneLine() throws Exception {
        MimeMessage mail = roundTrip(email(Language.ENGLISH, "<script>x</script>\r\nBcc: a@b"));
        Multipart parts = (Multipart) mail.getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;");
        assertThat(mail.getHeader("Bcc")).isNull();
        String text = (String) parts.getBodyPart(0).getContent();
        assertThat(text).contains("<script>x</script>  Bcc: a@b)");
    }
}
