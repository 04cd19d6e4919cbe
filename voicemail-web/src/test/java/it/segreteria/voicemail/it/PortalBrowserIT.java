package it.segreteria.voicemail.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.it.support.Chromium;
import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.Sipp;
import it.segreteria.voicemail.it.support.TestAudio;
import it.segreteria.voicemail.it.support.TestKeycloak;
import it.segreteria.voicemail.it.support.VoicemailService;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The employee portal in a real headless Chromium against the real Keycloak and the built WAR: a
 * message left by a real SIP call (sipp), its email's link, Keycloak's login form, the inbox, the
 * audio element playing the message (206 answers to its range requests, the whole length played),
 * delete and restore; the caller's name, chosen by a hostile caller, shown as text. Screenshots go
 * to target/it/screenshots (docs/user-guide.md shows them).
 */
@ExtendWith(VoicemailService.class)
class PortalBrowserIT {

    private static final String ACME_100 = "+390255500100";
    private static final String GIULIA = "+390255500101";
    private static final String HOSTILE = "<img src=x onerror=document.title='pwned'>";
    private static final Pattern LINK =
            Pattern.compile("http://[^\\s\"<>]+/voicemail/messages/[0-9]+");

    @BeforeAll
    static void keycloak() {
        TestKeycloak.start();
    }

    @Test
    void theEmailsLinkOpensTheMessageWhichPlaysAndIsDeletedAndRestored(Service service)
            throws Exception {
        TestAudio audio = TestAudio.warble(Codec.PCMU, 3.0);
        Sipp.Result call =
                DepositIT.deposit(
                        service.process(),
                        ACME_100,
                        "3335550101",
                        HOSTILE,
                        Codec.PCMU,
                        audio,
                        3200);
        assertThat(call.succeeded()).as(call.output()).isTrue();
        JsonNode message = DepositIT.awaitMessage(service, "acme", call.callId());
        long id = message.path("id").asLong();
        long millis = message.path("durationMillis").asLong();
        String link = link(NotificationIT.awaitEmail(service, id));
        assertThat(link).endsWith("/voicemail/messages/" + id);

        try (Chromium browser = new Chromium(1280, 900)) {
            browser.driver().get(link);
            browser.signIn("mario", "mario");
            String selector = "li.message[data-id='" + id + "']";
            WebElement item =
                    browser.await(
                            d ->
                                    d.findElements(By.cssSelector(selector + ".wanted")).stream()
                                            .findFirst()
                                            .orElse(null),
                            Duration.ofSeconds(30));
            assertThat(item.findElement(By.className("caller")).getText()).isEqualTo(HOSTILE);
            assertThat(item.findElements(By.cssSelector(".caller *"))).isEmpty();
            assertThat(item.getAttribute("data-state")).isEqualTo("NEW");

            item.findElement(By.className("play")).click();
            String player = "document.querySelector(\"" + selector + " audio\")";
            browser.await(
                    d -> (Boolean) browser.script("return " + player + ".ended"),
                    Duration.ofSeconds(30));
            double seconds =
                    ((Number) browser.script("return " + player + ".duration")).doubleValue();
            assertThat(seconds * 1000).as("the whole message").isCloseTo(millis, within(50.0));
            @SuppressWarnings("unchecked")
            List<Object> statuses =
                    (List<Object>)
                            browser.script(
                                    "return performance.getEntriesByType('resource')"
                                            + ".filter(e => e.name.includes('/messages/"
                                            + id
                                            + "/audio')).map(e => e.responseStatus)");
            assertThat(statuses).as("the audio element's requests").isNotEmpty().contains(206L);
            awaitState(browser, selector, "HEARD");

            browser.driver().findElement(By.cssSelector(selector + " .delete")).click();
            awaitState(browser, selector, "DELETED");
            browser.driver().findElement(By.cssSelector(selector + " .delete")).click();
            awaitState(browser, selector, "HEARD");
            assertThat(browser.driver().getTitle()).doesNotContain("pwned");
        }

        String audit = Service.json(service.get("api/tenants/acme/audit")).toString();
        for (String action : List.of("MESSAGE_HEARD", "MESSAGE_DELETED", "MESSAGE_UNDELETED")) {
            assertThat(audit)
                    .as(action + " by mario in the portal")
                    .containsPattern(
                            "\"action\":\"" + action + "\"[^}]*\"subject\":\"message:" + id + "\"");
        }
        assertThat(audit).contains("user:mario");
    }

    @Test
    void aNewMessageAppearsWithoutReloadingOnAPhoneSizedScreen(Service service) {
        try (Chromium browser = new Chromium(390, 844)) {
            browser.driver().get(service.uri("portal/").toString());
            browser.signIn("giulia", "giulia");
            browser.await(
                    d -> !d.findElement(By.id("user")).getText().isEmpty(), Duration.ofSeconds(30));
            assertThat(browser.driver().findElement(By.id("user")).getText()).isEqualTo("giulia");
            browser.script("window.notReloaded = true");

            Sipp.Result call =
                    DepositIT.deposit(
                            service.process(),
                            GIULIA,
                            "3335550102",
                            "Anna Neri",
                            Codec.PCMU,
                            TestAudio.warble(Codec.PCMU, 2.0),
                            2200);
            assertThat(call.succeeded()).as(call.output()).isTrue();
            long id = DepositIT.awaitMessage(service, "acme", call.callId()).path("id").asLong();

            WebElement item =
                    browser.await(
                            d ->
                                    d
                                            .findElements(
                                                    By.cssSelector(
                                                            "li.message[data-id='" + id + "']"))
                                            .stream()
                                            .findFirst()
                                            .orElse(null),
                            Duration.ofSeconds(30));
            assertThat(item.findElement(By.className("caller")).getText()).isEqualTo("Anna Neri");
            assertThat(browser.script("return window.notReloaded"))
                    .as("the page was not reloaded")
                    .isEqualTo(true);
            assertThat(
                            (Boolean)
                                    browser.script(
                                            "return document.documentElement.scrollWidth"
                                                    + " <= window.innerWidth"))
                    .as("no sideways scrolling")
                    .isTrue();
            browser.screenshot("portal-inbox-phone");
            browser.driver()
                    .manage()
                    .window()
                    .setSize(new org.openqa.selenium.Dimension(1280, 720));
            browser.screenshot("portal-inbox-desktop");
        }
    }

    private static void awaitState(Chromium browser, String item, String state) {
        browser.await(
                d ->
                        !d.findElements(By.cssSelector(item + "[data-state='" + state + "']"))
                                .isEmpty(),
                Duration.ofSeconds(10));
    }

    private static String link(MimeMessage email) throws Exception {
        String raw = new String(email.getRawInputStream().readAllBytes(), "US-ASCII");
        Matcher found = LINK.matcher(raw.replace("=\r\n", "").replace("=\n", ""));
        assertThat(found.find()).as("a link in the email").isTrue();
        return found.group();
    }
}
