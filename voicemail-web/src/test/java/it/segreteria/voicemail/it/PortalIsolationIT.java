package it.segreteria.voicemail.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.segreteria.voicemail.audio.Codec;
import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.Sipp;
import it.segreteria.voicemail.it.support.TestAudio;
import it.segreteria.voicemail.it.support.TestKeycloak;
import it.segreteria.voicemail.it.support.VoicemailService;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every route of {@code /api/v1} with real tokens, over messages left by real calls: each employee
 * reaches their own messages, and another employee of the same company, an employee of another
 * company or a user who is nobody's employee gets 404 (403 for the latter) on every route of a
 * message that is not theirs, and never sees it in their inbox.
 */
@ExtendWith(VoicemailService.class)
class PortalIsolationIT {

    private static final String ACME_100 = "+390255500100";
    private static final String GLOBEX_100 = "+442079460100";
    private static final List<String> READS = List.of("", "/audio", "/audio?download=true");
    private static final List<String> CHANGES =
            List.of("/heard", "/unheard", "/saved", "/deleted", "/restored");

    @BeforeAll
    static void keycloak() {
        TestKeycloak.start();
    }

    @Test
    void nobodyReachesAnotherEmployeesMessageOnAnyRoute(Service service) {
        long marios = leave(service, ACME_100, "acme");
        long homers = leave(service, GLOBEX_100, "globex");

        List<String> leaks = new ArrayList<>();
        check(service, "mario", marios, 200, leaks);
        check(service, "homer", homers, 200, leaks);
        check(service, "giulia", marios, 404, leaks); // same company, another employee
        check(service, "homer", marios, 404, leaks); // another company
        check(service, "mario", homers, 404, leaks);
        check(service, "anna", marios, 403, leaks); // the company's administrator: no mailbox here
        check(service, "olga", homers, 403, leaks); // the platform's administrator
        assertThat(leaks).as("answers that differ from the expected one").isEmpty();
        assertThat(
                        Service.json(
                                        service.get(
                                                "api/tenants/acme/audit?action=MESSAGE_DOWNLOADED"))
                                .toString())
                .as("Mario's download audited, nobody else's")
                .contains("message:" + marios)
                .contains("user:mario")
                .doesNotContain("user:giulia");

        assertThat(inbox(service, "homer")).doesNotContain(marios).contains(homers);
        assertThat(inbox(service, "giulia")).doesNotContain(marios, homers);
        assertThat(inbox(service, "mario")).contains(marios).doesNotContain(homers);
    }

    @Test
    void aMessageForwardedToAColleagueIsTheirsAndTheyAreEmailed(Service service) {
        long marios = leave(service, ACME_100, "acme");
        List<Long> before = inbox(service, "giulia");

        assertThat(forward(service, "homer", marios, "100"))
                .as("another company's employee")
                .isEqualTo(404);
        assertThat(forward(service, "giulia", marios, "100"))
                .as("a colleague's message")
                .isEqualTo(404);
        assertThat(forward(service, "mario", marios, "300"))
                .as("another company's mailbox number")
                .isEqualTo(404);
        assertThat(forward(service, "mario", marios, "100")).as("his own mailbox").isEqualTo(400);
        assertThat(inbox(service, "giulia")).isEqualTo(before);

        assertThat(forward(service, "mario", marios, "101")).isEqualTo(200);

        List<Long> after = new ArrayList<>(inbox(service, "giulia"));
        after.removeAll(before);
        assertThat(after).as("one new message for Giulia").hasSize(1);
        long copy = after.get(0);
        HttpResponse<String> hers =
                service.send(
                        authorized(
                                        service,
                                        "api/v1/messages/" + copy,
                                        TestKeycloak.accessToken("giulia", "giulia"))
                                .build());
        assertThat(Service.json(hers).path("state").asText()).isEqualTo("NEW");
        assertThat(Service.json(hers).path("callerName").asText()).isEqualTo("Isolation Test");
        assertThat(NotificationIT.awaitEmail(service, copy)).as("Giulia is emailed").isNotNull();
        assertThat(
                        Service.json(service.get("api/tenants/acme/audit?action=MESSAGE_FORWARDED"))
                                .toString())
                .contains("message:" + marios)
                .contains("as message:" + copy);
    }

    private static int forward(Service service, String user, long id, String mailbox) {
        return service.send(
                        authorized(
                                        service,
                                        "api/v1/messages/" + id + "/forward",
                                        TestKeycloak.accessToken(user, user))
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"mailbox\": \"" + mailbox + "\"}"))
                                .build())
                .statusCode();
    }

    private static void check(
            Service service, String user, long id, int expected, List<String> leaks) {
        String token = TestKeycloak.accessToken(user, user);
        for (String read : READS) {
            String path = "api/v1/messages/" + id + read;
            int status = service.send(authorized(service, path, token).GET().build()).statusCode();
            if (status != expected) {
                leaks.add(user + " GET " + path + " -> " + status);
            }
        }
        for (String change : CHANGES) {
            String path = "api/v1/messages/" + id + change;
            int status =
                    service.send(
                                    authorized(service, path, token)
                                            .POST(HttpRequest.BodyPublishers.noBody())
                                            .build())
                            .statusCode();
            if (status != expected) {
                leaks.add(user + " POST " + path + " -> " + status);
            }
        }
    }

    private static List<Long> inbox(Service service, String user) {
        HttpResponse<String> inbox =
                service.send(
                        authorized(service, "api/v1/messages", TestKeycloak.accessToken(user, user))
                                .build());
        assertThat(inbox.statusCode()).as(inbox.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        for (JsonNode message : Service.json(inbox)) {
            ids.add(message.path("id").asLong());
        }
        return ids;
    }

    private static HttpRequest.Builder authorized(Service service, String path, String token) {
        return service.anonymous(path).header("Authorization", "Bearer " + token);
    }

    private static long leave(Service service, String number, String tenant) {
        Sipp.Result call =
                DepositIT.deposit(
                        service.process(),
                        number,
                        "3335550199",
                        "Isolation Test",
                        Codec.PCMU,
                        TestAudio.warble(Codec.PCMU, 2.0),
                        2200);
        assertThat(call.succeeded()).as(call.output()).isTrue();
        return DepositIT.awaitMessage(service, tenant, call.callId()).path("id").asLong();
    }
}
