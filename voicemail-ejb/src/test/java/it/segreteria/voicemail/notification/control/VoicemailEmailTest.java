package it.segreteria.voicemail.notification.control;

import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.shared.AttachmentPolicy;
import it.segreteria.voicemail.shared.Language;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VoicemailEmailTest {

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
    private static final Instant RECEIVED = Instant.parse("2026-11-25T22:52:42Z");

    private static EmailJob job(
            Language language, String callerName, String callerNumber, AttachmentPolicy policy) {
        return new EmailJob(
                "acme",
                9,
                1234,
                "mario.rossi@acme.example",
                "Mario Rossi",
                "100",
                language,
                ZoneId.of("Europe/Rome"),
                RECEIVED,
                Duration.ofMillis(65_400),
                callerNumber,
                callerName,
                "+390255500100",
                policy,
                new byte[] {82, 73, 70, 70});
    }

    /** Writes the email out and parses it back, as a mail server and a client would. */
    private static MimeMessage roundTrip(EmailJob job) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VoicemailEmail.build(SESSION, SETTINGS, job).writeTo(out);
        return new MimeMessage(SESSION, new ByteArrayInputStream(out.toByteArray()));
    }

    private static List<Part> leaves(Part part) throws Exception {
        List<Part> leaves = new ArrayList<>();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                leaves.addAll(leaves(multipart.getBodyPart(i)));
            }
        } else {
            leaves.add(part);
        }
        return leaves;
    }

    @Test
    void italianEmailWithLocalTimeCallerAndAttachment() throws Exception {
        MimeMessage mail =
                roundTrip(
                        job(
                                Language.ITALIAN,
                                "Anna Verdi",
                                "+393331112222",
                                AttachmentPolicy.ATTACH));

        assertThat(mail.getSubject())
                .isEqualTo("Nuovo messaggio vocale da Anna Verdi (+393331112222)");
        assertThat(mail.getHeader("Message-ID")[0]).isEqualTo("<voicemail-acme-1234@acme.example>");
        assertThat(mail.getHeader("X-Voicemail-Caller-Number")[0]).isEqualTo("+393331112222");
        assertThat(mail.getHeader("X-Voicemail-Duration")[0]).isEqualTo("65");
        List<Part> parts = leaves(mail);
        String text = (String) parts.get(0).getContent();
        assertThat(text)
                .contains("Ricevuto: mercoledì 25 novembre 2026, 23:52:42 CET") // 22:52 UTC in Rome
                .contains("Numero: +393331112222")
                .contains("Numero chiamato: +390255500100")
                .contains("Durata: 1:05")
                .contains("Richiama: tel:+393331112222")
                .contains("https://vm.example/portal/messages/1234");
        assertThat((String) parts.get(1).getContent()).contains("<a href=\"tel:+393331112222\">");
        assertThat(parts.get(2).getFileName()).isEqualTo("voicemail-20261125-235242.wav");
        assertThat(parts.get(2).getContentType()).startsWith("audio/wav");
    }

    @ParameterizedTest
    @EnumSource(AttachmentPolicy.class)
    void eachPolicyCarriesWhatItSays(AttachmentPolicy policy) throws Exception {
        MimeMessage mail = roundTrip(job(Language.ENGLISH, "Bob", "555", policy));
        List<Part> parts = leaves(mail);
        String text = (String) parts.get(0).getContent();

        assertThat(parts).hasSize(policy == AttachmentPolicy.ATTACH ? 3 : 2);
        assertThat(text.contains("/messages/1234")).isEqualTo(policy != AttachmentPolicy.NOTIFY);
        assertThat(text.contains("The recording is attached."))
                .isEqualTo(policy == AttachmentPolicy.ATTACH);
    }

    @Test
    void aHostileCallerIdMakesASafeValidEmail() throws Exception {
        String hostile =
                "Evil\r\nBcc: victim@example.com\r\n\r\n<script>alert(1)</script> & \"co\" "
                        + "x".repeat(3000);
        MimeMessage mail =
                roundTrip(
                        job(
                                Language.ENGLISH,
                                hostile,
                                "+39 02\r\nX-Evil: 1",
                                AttachmentPolicy.NOTIFY));

        assertThat(mail.getHeader("Bcc")).isNull();
        assertThat(mail.getHeader("X-Evil")).isNull();
        assertThat(mail.getSubject())
                .doesNotContain("\r")
                .doesNotContain("\n")
                .startsWith("New voicemail from EvilBcc");
        assertThat(mail.getAllRecipients()).hasSize(1);
        String html = (String) leaves(mail).get(1).getContent();
        assertThat(html)
                .doesNotContain("<script>")
                .contains("&lt;script&gt;")
                .contains("&amp; &quot;co&quot;");
        assertThat(html).as("not diallable: no tel: link").doesNotContain("tel:");
    }

    @Test
    void anUnknownCallerIsSaidSo() throws Exception {
        MimeMessage mail = roundTrip(job(Language.ENGLISH, null, null, AttachmentPolicy.LINK));
        assertThat(mail.getSubject()).isEqualTo("New voicemail from an unknown caller");
        assertThat(mail.getHeader("X-Voicemail-Caller-Number")[0]).isEqualTo("unknown");
    }
}
