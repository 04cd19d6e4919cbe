package it.segreteria.voicemail.it;

import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.audio.Wav;
import it.segreteria.voicemail.it.support.Chromium;
import it.segreteria.voicemail.it.support.KeyingCaller;
import it.segreteria.voicemail.it.support.ListeningCaller;
import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.TestKeycloak;
import it.segreteria.voicemail.it.support.VoicemailService;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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
