package it.segreteria.voicemail.it;

import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.it.support.BrowserSession;
import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.TestKeycloak;
import it.segreteria.voicemail.it.support.VoicemailService;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Single sign-on against the real Keycloak with the realm of failover-config/keycloak, on the built
 * WAR: the portal's login round trip back to the page asked for, the session's calls to {@code
 * /api/v1}, logout ending the Keycloak session, bearer tokens for {@code /api/v1}, and the
 * operator's Basic login beside them, all in one deployment.
 */
@ExtendWith(VoicemailService.class)
class PortalSignInIT {

    @BeforeAll
    static void keycloak() {
        TestKeycloak.start();
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLaxAndNotSecureOnPlainHttp(Service service)
            throws Exception {
        HttpResponse<String> toKeycloak =
                java.net.http.HttpClient.newHttpClient()
                        .send(
                                service.anonymous("portal/").build(),
                                HttpResponse.BodyHandlers.ofString());

        assertThat(toKeycloak.statusCode()).isBetween(300, 399);
        String session =
                toKeycloak.headers().allValues("Set-Cookie").stream()
                        .filter(c -> c.startsWith("JSESSIONID="))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(toKeycloak.headers().map()));
        assertThat(session.toLowerCase(java.util.Locale.ROOT))
                .contains("httponly")
                .contains("samesite=lax")
                .as("the portal's address is http: a Secure cookie would never come back")
                .doesNotContain("secure");
    }

    @Test
    void signingInLandsOnThePageAskedForAndTheSessionCallsTheApi(Service service) {
        BrowserSession browser = new BrowserSession();
        String page = service.uri("portal/?message=42").toString();

        HttpResponse<String> landed = browser.signIn(page, "mario", "mario");

        assertThat(landed.statusCode()).isEqualTo(200);
        assertThat(landed.uri().toString()).isEqualTo(page);
        HttpResponse<String> me = browser.get(service.uri("api/v1/me").toString());
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(Service.json(me).path("tenant").asText()).isEqualTo("acme");
        assertThat(Service.json(me).path("employee").asText()).isEqualTo("mrossi");
        assertThat(Service.json(me).path("user").asText()).isEqualTo("mario");
        assertThat(Service.json(me).path("mailbox").asText()).isEqualTo("100");
        assertThat(Service.json(me).path("timeZone").asText())
                .as("acme's, which the page shows dates in")
                .isEqualTo("Europe/Rome");
        assertThat(Service.json(me).path("language").asText()).isEqualTo("it");
    }

    @Test
    void anExpiredApplicationSessionAnswers401ToTheApiAndSignsInAgainForPages(Service service) {
        BrowserSession browser = new BrowserSession();
        browser.signIn(service.uri("portal/").toString(), "mario", "mario");
        browser.forgetCookiesOf("127.0.0.1"); // the application's session is gone, Keycloak's not

        HttpResponse<String> api = browser.get(service.uri("api/v1/me").toString());
        String page = service.uri("portal/?message=7").toString();
        HttpResponse<String> back = browser.get(page);

        assertThat(api.statusCode()).as("the page's calls learn it plainly").isEqualTo(401);
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(back.uri().toString())
                .as("single sign-on takes the user back to the page, no password, no error page")
                .isEqualTo(page);
        assertThat(browser.get(service.uri("api/v1/me").toString()).statusCode()).isEqualTo(200);
    }

    @Test
    void anExpiredAccessTokenIsRefreshedAndAFailedRefreshIsASessionOverNotAnError(Service service) {
        int lifespan = 12; // seconds; Soteria refreshes a token that has less than 10 s left
        TestKeycloak.setClientAttribute(
                "voicemail-web", "access.token.lifespan", Integer.toString(lifespan));
        try {
            BrowserSession mario = new BrowserSession();
            BrowserSession giulia = new BrowserSession();
            mario.signIn(service.uri("portal/").toString(), "mario", "mario");
            giulia.signIn(service.uri("portal/").toString(), "giulia", "giulia");
            Instant expired = Instant.now().plusSeconds(lifespan + 1);
            service.process()
                    .await(
                            "both users' tokens past their lifespan",
                            () -> Instant.now().isAfter(expired),
                            Duration.ofSeconds(lifespan + 5));
            TestKeycloak.logOut("giulia"); // her refresh token is no good any more

            HttpResponse<String> refreshed = mario.get(service.uri("api/v1/me").toString());
            HttpResponse<String> over = giulia.get(service.uri("api/v1/me").toString());
            HttpResponse<String> page = giulia.get(service.uri("portal/").toString());

            assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
            assertThat(Service.json(refreshed).path("user").asText()).isEqualTo("mario");
            assertThat(mario.get(service.uri("portal/").toString()).uri().getPath())
                    .as("the page too, without a new login")
                    .endsWith("/portal/");
            assertThat(over.statusCode())
                    .as("a refresh Keycloak refuses ends the session plainly: " + over.body())
                    .isEqualTo(401);
            assertThat(BrowserSession.isLoginForm(page))
                    .as("and the page goes to the login form, not to an error")
                    .isTrue();
        } finally {
            TestKeycloak.setClientAttribute("voicemail-web", "access.token.lifespan", null);
        }
    }

    @Test
    void logoutEndsTheKeycloakSessionToo(Service service) {
        BrowserSession browser = new BrowserSession();
        browser.signIn(service.uri("portal/").toString(), "giulia", "giulia");
        HttpResponse<String> me = browser.get(service.uri("api/v1/me").toString());
        assertThat(me.statusCode()).isEqualTo(200);
        String csrf = Service.json(me).path("csrfToken").asText();
        assertThat(logout(browser, service, "").statusCode())
                .as("a logout without the session's token (a forged cross-site form)")
                .isEqualTo(403);

        HttpResponse<String> out = logout(browser, service, "csrf=" + csrf);

        assertThat(out.statusCode()).as(out.body()).isEqualTo(200);
        assertThat(browser.get(service.uri("api/v1/me").toString()).statusCode())
                .as("the application session is over")
                .isEqualTo(401);
        assertThat(BrowserSession.isLoginForm(browser.get(service.uri("portal/").toString())))
                .as("Keycloak asks for the password again: its session is over too")
                .isTrue();
    }

    @Test
    void anAccessTokenNamesTheCallerAndItsTenant(Service service) {
        HttpResponse<String> me = withToken(service, "api/v1/me", "homer");

        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(Service.json(me).path("tenant").asText()).isEqualTo("globex");
        assertThat(Service.json(me).path("employee").asText()).isEqualTo("hsimpson");
    }

    @Test
    void withoutAValidTokenTheApiAnswers401AndNeverRedirects(Service service) {
        String token = TestKeycloak.accessToken("mario", "mario");
        String[] tampered = token.split("\\.");
        String forged = tampered[0] + "." + tampered[1] + "." + tampered[2].substring(1) + "A";

        HttpResponse<String> none = service.send(service.anonymous("api/v1/me").build());
        HttpResponse<String> bad =
                service.send(
                        service.anonymous("api/v1/me")
                                .header("Authorization", "Bearer " + forged)
                                .build());

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
    }

    @Test
    void aUserWhoIsNotAnEmployeeIsRefused(Service service) {
        HttpResponse<String> me = withToken(service, "api/v1/me", "anna");

        assertThat(me.statusCode()).isEqualTo(403);
    }

    @Test
    void theOperatorApiKeepsItsBasicLoginAndRefusesTokens(Service service) {
        assertThat(service.get("api/tenants").statusCode()).isEqualTo(200);
        HttpResponse<String> withToken = withToken(service, "api/tenants", "olga");
        assertThat(withToken.statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> logout(
            BrowserSession browser, Service service, String form) {
        return browser.send(
                HttpRequest.newBuilder(service.uri("logout"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build());
    }

    @Test
    void aChangeWithTheSessionNeedsTheSessionsCsrfToken(Service service) {
        BrowserSession browser = new BrowserSession();
        browser.signIn(service.uri("portal/").toString(), "mario", "mario");
        HttpResponse<String> forged =
                browser.send(
                        HttpRequest.newBuilder(service.uri("api/v1/messages/1/deleted"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build());
        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    void theServicePublishesTheApisOpenApiDocument(Service service) throws Exception {
        HttpResponse<String> document =
                service.http()
                        .send(
                                HttpRequest.newBuilder(
                                                java.net.URI.create(
                                                        "http://127.0.0.1:"
                                                                + service.process().httpPort()
                                                                + "/openapi"))
                                        .header("Authorization", Service.operatorAuthorization())
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body())
                .contains("/api/v1/messages/{id}/audio")
                .contains("/api/v1/greetings/{kind}/audio")
                .contains("/api/v1/messages/{id}/forward")
                .contains("/api/v1/pin")
                .contains("keycloak")
                .contains("bearer");
    }

    /** GET with an access token of the demo user (whose password is their name). */
    static HttpResponse<String> withToken(Service service, String path, String user) {
        return service.send(
                service.anonymous(path)
                        .header("Authorization", "Bearer " + TestKeycloak.accessToken(user, user))
                        .build());
    }
}
