package it.segreteria.voicemail.it;

import static it.segreteria.voicemail.it.support.Service.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.VoicemailService;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Re-applying the provisioning file through the operator API: the same file changes nothing, an
 * edited file changes exactly what was edited, and a bad file changes nothing at all. Only the
 * initech tenant is edited, and the suite's file is put back after each test.
 */
@ExtendWith(VoicemailService.class)
class ProvisioningIT {

    private static final String INITECH_EDITED =
            """
              - id: initech
                name: Initech LLC
                timeZone: America/Chicago
                language: en
                employees:
                  - id: plumbergh
                    name: Bill Lumbergh
                    emails: [bill@initech.example]
                    mailbox: {number: "300", pin: "9182", directNumbers: ["+1 312 555 0399"]}
                  - id: pgibbons
                    name: Peter Gibbons
                    emails: [peter.gibbons@initech.example]
                    mailbox: {number: "302", pin: "5038"}
            """;

    @AfterEach
    void restoreTheSuiteFile(Service service) throws IOException {
        Files.writeString(service.provisioningFile(), Service.fixture());
        assertThat(service.post("api/provisioning").statusCode()).isEqualTo(200);
    }

    @Test
    void applyingTheSameFileAgainChangesNothing(Service service) {
        Map<String, Long> before = versions(service);

        HttpResponse<String> response = service.post("api/provisioning");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode tenant : json(response).path("tenants")) {
            assertThat(changes(tenant)).as(tenant.toString()).isZero();
        }
        assertThat(versions(service)).isEqualTo(before);
    }

    @Test
    void anEditedFileChangesExactlyWhatWasEdited(Service service) throws IOException {
        Map<String, Long> before = versions(service);
        write(service, withInitech(INITECH_EDITED));

        HttpResponse<String> response = service.post("api/provisioning");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode initech = report(response, "initech");
        assertThat(initech.path("tenantUpdated").asBoolean()).isTrue();
        assertThat(initech.path("employeesCreated").asInt()).isEqualTo(1);
        assertThat(initech.path("employeesUpdated").asInt()).isEqualTo(1);
        assertThat(initech.path("mailboxesCreated").asInt()).isEqualTo(1);
        assertThat(initech.path("mailboxesUpdated").asInt()).isEqualTo(1);
        assertThat(initech.path("mailboxesDeactivated").asInt()).isEqualTo(1);
        assertThat(changes(report(response, "acme"))).isZero();
        assertThat(changes(report(response, "globex"))).isZero();

        JsonNode mailboxes = json(service.get("api/tenants/initech/mailboxes"));
        assertThat(mailbox(mailboxes, "300").path("ownerName").asText()).isEqualTo("Bill Lumbergh");
        assertThat(mailbox(mailboxes, "300").path("directNumbers").toString())
                .isEqualTo("[\"+13125550399\"]");
        assertThat(mailbox(mailboxes, "301").path("active").asBoolean()).isFalse();
        assertThat(mailbox(mailboxes, "301").path("directNumbers").size()).isZero();
        assertThat(mailbox(mailboxes, "302").path("hasPin").asBoolean()).isTrue();
        assertThat(json(service.get("api/tenants/initech")).path("name").asText())
                .isEqualTo("Initech LLC");

        Map<String, Long> after = versions(service);
        before.keySet().stream()
                .filter(key -> !key.startsWith("initech"))
                .forEach(key -> assertThat(after.get(key)).as(key).isEqualTo(before.get(key)));

        assertThat(json(service.post("api/provisioning")).findValues("tenantUpdated"))
                .allSatisfy(updated -> assertThat(updated.asBoolean()).isFalse());
    }

    @Test
    void aBadFileIsRefusedWholeAndChangesNothing(Service service) throws IOException {
        Map<String, Long> before = versions(service);
        String bad =
                withInitech(INITECH_EDITED)
                        .replace(
                                "mailbox: {number: \"100\", pin: \"2580\"",
                                "mailbox: {number: \"1OO\", pin: \"2580\"");
        write(service, bad);

        HttpResponse<String> response = service.post("api/provisioning");

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode refusal = json(response);
        assertThat(refusal.path("message").asText())
                .contains(service.provisioningFile().toString())
                .contains("nothing was applied");
        assertThat(refusal.path("problems").get(0).path("place").asText())
                .isEqualTo("tenants[1].employees[0].mailbox.number");
        assertThat(refusal.path("problems").get(0).path("message").asText())
                .isEqualTo("'1OO' is not a mailbox number (1 to 15 digits)");
        assertThat(json(service.get("api/tenants/initech")).path("name").asText())
                .isEqualTo("Initech");
        assertThat(versions(service)).isEqualTo(before);
    }

    @Test
    void aNumberOfATenantMissingFromTheFileIsRefused(Service service) throws IOException {
        Map<String, Long> before = versions(service);
        write(
                service,
                "tenants:\n" + INITECH_EDITED.replace("+1 312 555 0399", "+39 02 5550 0100"));

        HttpResponse<String> response = service.post("api/provisioning");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).path("problems").get(0).path("message").asText())
                .isEqualTo(
                        "direct number +390255500100 belongs to tenant 'acme', which this file does not list");
        assertThat(versions(service)).isEqualTo(before);
    }

    private static String withInitech(String initech) {
        String fixture = Service.fixture();
        return fixture.substring(0, fixture.indexOf("  - id: initech")) + initech;
    }

    private static void write(Service service, String content) throws IOException {
        Files.writeString(service.provisioningFile(), content);
    }

    private static JsonNode report(HttpResponse<String> response, String tenant) {
        for (JsonNode report : json(response).path("tenants")) {
            if (report.path("tenant").asText().equals(tenant)) {
                return report;
            }
        }
        throw new AssertionError("no report for " + tenant + " in " + response.body());
    }

    private static int changes(JsonNode report) {
        return (report.path("tenantCreated").asBoolean() ? 1 : 0)
                + (report.path("tenantUpdated").asBoolean() ? 1 : 0)
                + report.path("employeesCreated").asInt()
                + report.path("employeesUpdated").asInt()
                + report.path("mailboxesCreated").asInt()
                + report.path("mailboxesUpdated").asInt()
                + report.path("mailboxesDeactivated").asInt();
    }

    private static JsonNode mailbox(JsonNode mailboxes, String number) {
        for (JsonNode mailbox : mailboxes) {
            if (mailbox.path("number").asText().equals(number)) {
                return mailbox;
            }
        }
        throw new AssertionError("no mailbox " + number + " in " + mailboxes);
    }

    /** The optimistic-lock version of every tenant and mailbox: any write bumps one. */
    private static Map<String, Long> versions(Service service) {
        Map<String, Long> versions = new HashMap<>();
        for (JsonNode tenant : json(service.get("api/tenants"))) {
            String id = tenant.path("id").asText();
            versions.put(id, tenant.path("version").asLong());
            for (JsonNode mailbox : json(service.get("api/tenants/" + id + "/mailboxes"))) {
                versions.put(
                        id + "/" + mailbox.path("number").asText(),
                        mailbox.path("version").asLong());
            }
        }
        return versions;
    }
}
