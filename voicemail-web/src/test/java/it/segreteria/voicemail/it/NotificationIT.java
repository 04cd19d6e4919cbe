package it.segreteria.voicemail.it;

import static it.segreteria.voicemail.it.support.Service.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.audio.Wav;
import it.segreteria.voicemail.it.support.Emails;
import it.segreteria.voicemail.it.support.RefusingSmtpServer;
import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.Sipp;
import it.segreteria.voicemail.it.support.TestAudio;
import it.segreteria.voicemail.it.support.VoicemailService;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every stored message is emailed to its owner through a real SMTP server (GreenMail): with the
 * caller, the local date and time, and the audio; and an SMTP outage delays the email but never
 * loses or doubles it.
 */
@ExtendWith(VoicemailService.class)
class NotificationIT {

    private static final String ACME_100 = "+390255500100";
    private static final String OWNER = "mario.rossi@acme.example";

    @Test
    void theOwnerGetsAnEmailWithCallerDateTimeAndTheAudio(Service service) throws Exception {
        TestAudio audio = TestAudio.warble(Codec.PCMU, 3.0);

        Sipp.Result call =
                DepositIT.deposit(service, ACME_100, "3357654321", Codec.PCMU, audio, 3200);

        assertThat(call.succeeded()).as(call.output()).isTrue();
        JsonNode message = DepositIT.awaitMessage(service, "acme", call.callId());
        MimeMessage mail = awaitEmail(service, message.path("id").asLong());
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(OWNER);
        assertThat(mail.getSubject())
                .isEqualTo("Nuovo messaggio vocale da Test Caller (3357654321)");
        assertThat(mail.getHeader("X-Voicemail-Caller-Number")[0]).isEqualTo("3357654321");
        String localTime =
                DateTimeFormatter.ofPattern("HH:mm", Locale.ITALIAN)
                        .format(
                                Instant.parse(message.path("receivedAt").asText())
                                        .atZone(ZoneId.of("Europe/Rome")));
        List<Part> parts = leaves(mail);
        assertThat((String) parts.get(0).getContent())
                .contains("Numero: 3357654321")
                .contains("Da: Test Caller")
                .contains("Numero chiamato: " + ACME_100)
                .contains(localTime)
                .contains("Durata: 0:03")
                .contains("Richiama: tel:3357654321");
        short[] attached = Wav.read(parts.get(2).getInputStream());
        assertThat(attached.length).isBetween(audio.samples() - 800, audio.samples() + 800);
        JsonNode status =
                json(service.get(
                                "api/tenants/acme/messages/"
                                        + message.path("id").asLong()
                                        + "/notifications"))
                        .get(0);
        assertThat(status.path("status").asText()).isEqualTo("SENT");
        assertThat(status.path("recipient").asText()).isEqualTo(OWNER);
    }

    @Test
    void linkAndNotifyPoliciesLeaveTheAudioOutAndAHostileNameIsHarmless(Service service)
            throws Exception {
        String hostile = "<b>Evil</b> & co";
        Sipp.Result linked =
                DepositIT.deposit(
                        service.process(),
                        "+442079460100",
                        "442070000001",
                        hostile,
                        Codec.PCMU,
                        TestAudio.warble(Codec.PCMU, 2.5),
                        2700);
        Sipp.Result notified =
                DepositIT.deposit(
                        service.process(),
                        "+13125550300",
                        "13125550001",
                        "Ann",
                        Codec.PCMU,
                        TestAudio.warble(Codec.PCMU, 2.5),
                        2700);
        assertThat(linked.succeeded()).as(linked.output()).isTrue();
        assertThat(notified.succeeded()).as(notified.output()).isTrue();

        JsonNode globexMessage = DepositIT.awaitMessage(service, "globex", linked.callId());
        MimeMessage link = awaitEmail(service, globexMessage.path("id").asLong());
        List<Part> linkParts = leaves(link);
        assertThat(link.getAllRecipients()[0].toString()).isEqualTo("homer@globex.example");
        assertThat(linkParts).hasSize(2);
        assertThat((String) linkParts.get(0).getContent())
                .contains("/messages/" + globexMessage.path("id").asLong());
        String html = (String) linkParts.get(1).getContent();
        assertThat(html).contains("&lt;b&gt;Evil&lt;/b&gt; &amp; co").doesNotContain("<b>Evil");
        assertThat(link.getSubject())
                .isEqualTo("New voicemail from " + hostile + " (442070000001)");

        MimeMessage notify =
                awaitEmail(
                        service,
                        DepositIT.awaitMessage(service, "initech", notified.callId())
                                .path("id")
                                .asLong());
        List<Part> notifyParts = leaves(notify);
        assertThat(notifyParts).hasSize(2);
        assertThat((String) notifyParts.get(0).getContent())
                .doesNotContain("/messages/")
                .contains("Number: 13125550001");
    }

    @Test
    void anSmtpOutageDelaysTheEmailButNeverLosesOrDoublesIt(Service service) throws Exception {
        service.stopMail();
        long id;
        try {
            Sipp.Result call =
                    DepositIT.deposit(
                            service,
                            ACME_100,
                            "3350000042",
                            Codec.PCMA,
                            TestAudio.warble(Codec.PCMA, 2.5),
                            2700);
            assertThat(call.succeeded()).as(call.output()).isTrue();
            id = DepositIT.awaitMessage(service, "acme", call.callId()).path("id").asLong();
            String path = "api/tenants/acme/messages/" + id + "/notifications";
            service.process()
                    .await(
                            "a failed attempt to be recorded",
                            () -> {
                                JsonNode n = json(service.get(path)).get(0);
                                return n.path("attempts").asInt() >= 1
                                        && n.path("status").asText().equals("PENDING");
                            },
                            Duration.ofSeconds(30));
            assertThat(json(service.get(path)).get(0).path("lastError").asText()).isNotBlank();
        } finally {
            service.startMail();
        }

        MimeMessage mail = awaitEmail(service, id);
        String path = "api/tenants/acme/messages/" + id + "/notifications";
        service.process()
                .await(
                        "the notification to be marked sent",
                        () -> json(service.get(path)).get(0).path("status").asText().equals("SENT"),
                        Duration.ofSeconds(30));
        assertThat(copies(service, id)).as("delivered exactly once").isEqualTo(1);
        assertThat(mail.getHeader("Message-ID")[0]).contains("-" + id + "@");
        boolean audited = false;
        for (JsonNode event :
                json(service.get("api/tenants/acme/audit?limit=200&action=NOTIFICATION_FAILED"))) {
            audited |=
                    event.path("action").asText().equals("NOTIFICATION_FAILED")
                            && event.path("subject").asText().equals("message:" + id);
        }
        assertThat(audited).as("the failed attempt is in the audit trail").isTrue();
    }

    @Test
    void aPermanentRefusalStopsRetryingAndSaysWhy(Service service) throws Exception {
        service.stopMail();
        String path;
        try (RefusingSmtpServer refusing = new RefusingSmtpServer(service.smtpPort())) {
            Sipp.Result call =
                    DepositIT.deposit(
                            service,
                            ACME_100,
                            "3350000550",
                            Codec.PCMU,
                            TestAudio.warble(Codec.PCMU, 2.5),
                            2700);
            assertThat(call.succeeded()).as(call.output()).isTrue();
            long id = DepositIT.awaitMessage(service, "acme", call.callId()).path("id").asLong();
            path = "api/tenants/acme/messages/" + id + "/notifications";
            service.process()
                    .await(
                            "the refusal to be recorded",
                            () ->
                                    json(service.get(path))
                                            .get(0)
                                            .path("status")
                                            .asText()
                                            .equals("FAILED"),
                            Duration.ofSeconds(30));
            JsonNode failed = json(service.get(path)).get(0);
            assertThat(failed.path("attempts").asInt()).as("no retry after a 5xx").isEqualTo(1);
            assertThat(failed.path("lastError").asText()).contains("550");
            assertThat(refusing.refusals()).isEqualTo(1);
        } finally {
            service.startMail();
        }
    }

    static MimeMessage awaitEmail(Service service, long messageId) {
        return Emails.await(
                service,
                "the email of message " + messageId,
                mail -> header(mail).equals(Long.toString(messageId)));
    }

    private static long copies(Service service, long messageId) {
        return Arrays.stream(service.mail().getReceivedMessages())
                .filter(m -> header(m).equals(Long.toString(messageId)))
                .count();
    }

    private static String header(MimeMessage mail) {
        return Emails.header(mail, "X-Voicemail-Message-Id");
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
}
