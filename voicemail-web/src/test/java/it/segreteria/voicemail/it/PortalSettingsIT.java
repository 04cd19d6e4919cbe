package it.segreteria.voicemail.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.audio.Wav;
import it.segreteria.voicemail.it.support.Chromium;
import it.segreteria.voicemail.it.support.Emails;
import it.segreteria.voicemail.it.support.KeyingCaller;
import it.segreteria.voicemail.it.support.ListeningCaller;
import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.Sipp;
import it.segreteria.voicemail.it.support.TestAudio;
import it.segreteria.voicemail.it.support.TestKeycloak;
import it.segreteria.voicemail.it.support.VoicemailService;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Greetings and the PIN in the portal, in a real Chromium: Giulia uploads a greeting recorded on a
 * computer (48 kHz stereo WAV), which a caller of her number then hears (converted to 8 kHz); she
 * changes her phone PIN, a wrong current PIN is refused and counted, and she then logs in by phone
 * with the new one; she records a temporary greeting with the browser's microphone (Chromium's fake
 * one). Her greetings and PIN are put back afterwards (the suite shares her mailbox).
 */
@ExtendWith(VoicemailService.class)
class PortalSettingsIT {

    private static final String GIULIA = "+390255500101";
    private static final String ACME_ACCESS = "+390255500999";
    private static final String OLD_PIN = "7391";
    private static final String NEW_PIN = "5827";

    @BeforeAll
    static void keycloak() {
        TestKeycloak.start();
    }

    @Test
    void aGreetingUploadedInTheBrowserIsHeardByCallersAndANewPinOpensTheMailboxByPhone(
            Service service) throws Exception {
        Path upload = computerWav();
        Instant start = Instant.now();
        try (Chromium browser = new Chromium(1280, 900)) {
            browser.driver().get(service.uri("portal/").toString());
            browser.signIn("giulia", "giulia");
            browser.await(
                    d -> !d.findElement(By.id("user")).getText().isEmpty(), Duration.ofSeconds(30));
            browser.driver()
                    .findElement(By.cssSelector("#sections [data-section='settings']"))
                    .click();
            String box = "section.greeting[data-kind='unavailable'] ";
            browser.driver().findElement(By.cssSelector(box + ".file")).sendKeys(upload.toString());
            browser.driver().findElement(By.cssSelector(box + ".upload")).click();
            browser.await(
                    d -> d.findElement(By.cssSelector(box + ".current")).getText().contains("0:03"),
                    Duration.ofSeconds(20));
            byte[] kept = apiGet(service, "api/v1/greetings/unavailable/audio").body();
            short[] greeting = Wav.read(new ByteArrayInputStream(kept));
            assertThat(greeting.length).as("3 s at 8 kHz").isBetween(23_900, 24_100);
            short[] heard =
                    ListeningCaller.hear(
                            service.process().sipPort(),
                            GIULIA,
                            "3335550777",
                            Duration.ofSeconds(5));
            short[] sent = new short[greeting.length];
            for (int i = 0; i < sent.length; i++) {
                sent[i] = Codec.PCMU.decode(Codec.PCMU.encode(greeting[i]));
            }
            assertThat(ListeningCaller.indexOf(heard, Arrays.copyOfRange(sent, 8000, 8800)))
                    .as("the caller hears the uploaded greeting")
                    .isNotNegative();

            browser.driver().findElement(By.id("pin-current")).sendKeys("0000");
            browser.driver().findElement(By.id("pin-new")).sendKeys(NEW_PIN);
            browser.driver().findElement(By.id("pin-repeat")).sendKeys(NEW_PIN);
            browser.driver().findElement(By.cssSelector("#pin-form button")).click();
            browser.await(
                    d ->
                            d.findElement(By.id("settings-status"))
                                    .getText()
                                    .matches(".*(wrong|sbagliato).*"),
                    Duration.ofSeconds(10));

            browser.driver().findElement(By.id("pin-current")).clear();
            browser.driver().findElement(By.id("pin-current")).sendKeys(OLD_PIN);
            browser.driver().findElement(By.cssSelector("#pin-form button")).click();
            browser.await(
                    d ->
                            d.findElement(By.id("settings-status"))
                                    .getText()
                                    .matches(".*(changed|cambiato).*"),
                    Duration.ofSeconds(10));
            // her own time zone for the emails and the portal's dates, in the settings form
            org.openqa.selenium.WebElement zone =
                    browser.driver().findElement(By.id("settings-time-zone"));
            assertThat(zone.getAttribute("placeholder"))
                    .as("the company's")
                    .isEqualTo("Europe/Rome");
            zone.sendKeys("Europe/Lisbon");
            browser.driver().findElement(By.cssSelector("#settings-form button")).click();
            browser.await(
                    d ->
                            d.findElement(By.id("settings-status"))
                                    .getText()
                                    .matches(".*(saved|salvate).*"),
                    Duration.ofSeconds(10));
            assertThat(
                            Service.json(service.send(api(service, "api/v1/settings").build()))
                                    .path("current")
                                    .path("timeZone")
                                    .asText())
                    .isEqualTo("Europe/Lisbon");
            browser.screenshot("portal-settings");

            // a temporary greeting recorded in the browser (Chromium's fake microphone beeps)
            String temporary = "section.greeting[data-kind='temporary'] ";
            browser.driver().findElement(By.cssSelector(temporary + ".record")).click();
            browser.await(
                    d ->
                            d.findElement(By.id("settings-status"))
                                    .getText()
                                    .matches(".*(Recording|registrando).*"),
                    Duration.ofSeconds(10));
            Thread.sleep(
                    2_000); // the caller speaks for two seconds: the recording's length, not a wait
            browser.driver().findElement(By.cssSelector(temporary + ".record")).click();
            browser.await(
                    d ->
                            d.findElement(By.cssSelector(temporary + ".current"))
                                    .getText()
                                    .matches(".*0:0[1-9].*"),
                    Duration.ofSeconds(20));
        }
        try {
            try (KeyingCaller phone =
                    KeyingCaller.dial(service.process().sipPort(), ACME_ACCESS, "3335550778")) {
                phone.untilSound(Duration.ofSeconds(10));
                phone.key("101#");
                phone.awaitQuiet(Duration.ofMillis(300), Duration.ofSeconds(10));
                phone.key(NEW_PIN + "#");
                phone.untilSound(Duration.ofSeconds(10));
            }
            String audit =
                    Service.json(
                                    service.get(
                                            "api/tenants/acme/audit?action=LOGIN_SUCCEEDED&from="
                                                    + start))
                            .toString();
            assertThat(audit)
                    .as("logged in by phone with the new PIN")
                    .contains("mailbox:101")
                    .contains("phone:3335550778");
            String failures =
                    Service.json(
                                    service.get(
                                            "api/tenants/acme/audit?action=LOGIN_FAILED&from="
                                                    + start))
                            .toString();
            assertThat(failures)
                    .as("the wrong PIN in the portal counted")
                    .contains("portal: wrong PIN")
                    .contains("user:giulia");
        } finally {
            HttpResponse<String> back =
                    service.send(
                            api(service, "api/v1/pin")
                                    .header("Content-Type", "application/json")
                                    .PUT(
                                            HttpRequest.BodyPublishers.ofString(
                                                    "{\"current\":\""
                                                            + NEW_PIN
                                                            + "\",\"pin\":\""
                                                            + OLD_PIN
                                                            + "\"}"))
                                    .build());
            assertThat(back.statusCode()).as(back.body()).isEqualTo(204);
            assertThat(putSettings(service, "{}").statusCode()).isEqualTo(200);
            service.send(api(service, "api/v1/greetings/unavailable").DELETE().build());
            service.send(api(service, "api/v1/greetings/temporary").DELETE().build());
        }
    }

    @Test
    void whatIsNotAGreetingOrNotAGoodPinIsRefusedPlainlyAndChangesNothing(Service service) {
        HttpResponse<String> junk =
                service.send(
                        api(service, "api/v1/greetings/unavailable")
                                .header("Content-Type", "audio/wav")
                                .PUT(HttpRequest.BodyPublishers.ofString("not audio"))
                                .build());
        HttpResponse<String> weak =
                service.send(
                        api(service, "api/v1/pin")
                                .header("Content-Type", "application/json")
                                .PUT(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"current\":\""
                                                        + OLD_PIN
                                                        + "\",\"pin\":\"1111\"}"))
                                .build());

        assertThat(junk.statusCode()).as(junk.body()).isEqualTo(400);
        assertThat(Service.json(junk).path("error").asText()).contains("not a WAV file");
        assertThat(service.send(api(service, "api/v1/greetings").build()).body())
                .as("no greeting was kept")
                .contains("\"unavailable\":null");
        assertThat(weak.statusCode()).as(weak.body()).isEqualTo(400);
        assertThat(Service.json(weak).path("error").asText()).isNotBlank();
    }

    @Test
    void notificationSettingsAreTheEmployeesOwnOutliveProvisioningAndAreToldToTheOldAddress(
            Service service) throws Exception {
        Instant start = Instant.now();
        JsonNode before = Service.json(service.send(api(service, "api/v1/settings").build()));
        assertThat(before.path("own")).isEmpty();
        assertThat(before.path("company").path("emails").toString())
                .isEqualTo("[\"giulia.bianchi@acme.example\"]");
        assertThat(before.path("current")).isEqualTo(before.path("company"));
        try {
            HttpResponse<String> refused =
                    putSettings(
                            service,
                            "{\"emails\":[\"giulia at home\"],\"attachments\":\"fax\","
                                    + "\"language\":\"de\",\"timeZone\":\"Mars/Olympus\"}");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(Service.json(refused).path("error").asText())
                    .contains("giulia at home")
                    .contains("fax")
                    .contains("'de'")
                    .contains("Mars/Olympus");

            HttpResponse<String> changed =
                    putSettings(
                            service,
                            "{\"emails\":[\"giulia@home.example\"],\"attachments\":\"link\","
                                    + "\"language\":\"en\",\"timeZone\":\"America/New_York\"}");
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
            JsonNode view = Service.json(changed);
            assertThat(view.path("own").toString())
                    .isEqualTo("[\"emails\",\"attachments\",\"language\",\"timeZone\"]");
            assertThat(view.path("current").path("emails").toString())
                    .isEqualTo("[\"giulia@home.example\"]");

            assertThat(service.post("api/provisioning").statusCode()).isEqualTo(200);
            assertThat(Service.json(service.send(api(service, "api/v1/settings").build())))
                    .as("the provisioning file does not overwrite the employee's choice")
                    .isEqualTo(view);

            for (String address : List.of("giulia.bianchi@acme.example", "giulia@home.example")) {
                MimeMessage notice = awaitEmail(service, address, "X-Voicemail-Notice", "settings");
                assertThat(notice.getSubject()).contains("go to new addresses");
                assertThat(text(notice)).contains("giulia@home.example").contains("user:giulia");
            }

            Sipp.Result call =
                    DepositIT.deposit(
                            service.process(),
                            GIULIA,
                            "3335550779",
                            Codec.PCMU,
                            TestAudio.warble(Codec.PCMU, 2.0),
                            2200);
            assertThat(call.succeeded()).as(call.output()).isTrue();
            long id = DepositIT.awaitMessage(service, "acme", call.callId()).path("id").asLong();
            MimeMessage email =
                    awaitEmail(
                            service,
                            "giulia@home.example",
                            "X-Voicemail-Message-Id",
                            Long.toString(id));
            assertThat(email.getSubject()).startsWith("New voicemail from");
            String body = text(email);
            assertThat(body).as("New York time in December").contains(" EST");
            assertThat(body).contains("/voicemail/messages/" + id);
            assertThat(body).as("a link, no audio").doesNotContain("audio/wav");
            assertThat(
                            Arrays.stream(service.mail().getReceivedMessages())
                                    .filter(
                                            m ->
                                                    Emails.header(m, "X-Voicemail-Message-Id")
                                                            .equals("" + id))
                                    .count())
                    .as("only the employee's own address gets it")
                    .isEqualTo(1);

            String audit =
                    Service.json(
                                    service.get(
                                            "api/tenants/acme/audit?action=SETTINGS_CHANGED&from="
                                                    + start))
                            .toString();
            assertThat(audit)
                    .contains("user:giulia")
                    .contains("mailbox:101")
                    .contains("timeZone company's -> America/New_York");
        } finally {
            HttpResponse<String> back = putSettings(service, "{}");
            assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
            assertThat(Service.json(back).path("own")).isEmpty();
        }
    }

    private static HttpResponse<String> putSettings(Service service, String json) {
        return service.send(
                api(service, "api/v1/settings")
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json))
                        .build());
    }

    private static MimeMessage awaitEmail(Service service, String to, String header, String value) {
        return Emails.await(
                service,
                "an email to " + to + " with " + header + ": " + value,
                mail ->
                        Emails.header(mail, header).equals(value)
                                && Emails.header(mail, "To").equals(to));
    }

    private static String text(MimeMessage mail) throws Exception {
        return new String(mail.getRawInputStream().readAllBytes(), "UTF-8")
                .replace("=\r\n", "")
                .replace("=\n", "");
    }

    private static HttpRequest.Builder api(Service service, String path) {
        return service.anonymous(path)
                .header("Authorization", "Bearer " + TestKeycloak.accessToken("giulia", "giulia"));
    }

    private static HttpResponse<byte[]> apiGet(Service service, String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient()
                .send(api(service, path).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Three seconds of a warble as a computer records it: 48 kHz, 16-bit, stereo. */
    private static Path computerWav() throws Exception {
        int rate = 48_000;
        int frames = rate * 3;
        byte[] bytes = new byte[frames * 4];
        for (int i = 0; i < frames; i++) {
            double t = (double) i / rate;
            short value =
                    (short)
                            (8000
                                    * Math.sin(
                                            2
                                                    * Math.PI
                                                    * (600 + 300 * Math.sin(2 * Math.PI * 3 * t))
                                                    * t));
            for (int c = 0; c < 2; c++) {
                bytes[4 * i + 2 * c] = (byte) value;
                bytes[4 * i + 2 * c + 1] = (byte) (value >> 8);
            }
        }
        Path file =
                Path.of(System.getProperty("it.work.dir", "target/it"))
                        .resolve("greeting-48k-stereo.wav");
        Files.createDirectories(file.getParent());
        AudioSystem.write(
                new AudioInputStream(
                        new ByteArrayInputStream(bytes),
                        new AudioFormat(rate, 16, 2, true, false),
                        frames),
                AudioFileFormat.Type.WAVE,
                file.toFile());
        return file;
    }
}
