package it.segreteria.voicemail.it;

import static it.segreteria.voicemail.it.support.Service.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.segreteria.voicemail.it.support.Service;
import it.segreteria.voicemail.it.support.VoicemailService;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * acme and globex both have mailbox 100: lookups by number, by id and lists never cross between
 * them.
 */
@ExtendWith(VoicemailService.class)
class TenantIsolationIT {

    @Test
    void theSameMailboxNumberInTwoTenantsIsTwoMailboxes(Service service) {
        JsonNode acme = single(service, "api/tenants/acme/mailboxes?number=100");
        JsonNode globex = single(service, "api/tenants/globex/mailboxes?number=100");

        assertThat(acme.path("owner").asText()).isEqualTo("mrossi");
        assertThat(acme.path("tenant").asText()).isEqualTo("acme");
        assertThat(globex.path("owner").asText()).isEqualTo("hsimpson");
        assertThat(globex.path("tenant").asText()).isEqualTo("globex");
        assertThat(acme.path("id").asLong()).isNotEqualTo(globex.path("id").asLong());
    }

    @Test
    void aLookupByIdNeverFindsAnotherTenantsMailbox(Service service) {
        long acmeId = single(service, "api/tenants/acme/mailboxes?number=100").path("id").asLong();
        long globexId =
                single(service, "api/tenants/globex/mailboxes?number=100").path("id").asLong();

        assertThat(json(service.get("api/tenants/acme/mailboxes/" + acmeId)).path("owner").asText())
                .isEqualTo("mrossi");
        assertThat(service.get("api/tenants/globex/mailboxes/" + acmeId).statusCode())
                .isEqualTo(404);
        assertThat(service.get("api/tenants/acme/mailboxes/" + globexId).statusCode())
                .isEqualTo(404);
        assertThat(service.get("api/tenants/initech/mailboxes/" + acmeId).statusCode())
                .isEqualTo(404);
        assertThat(service.get("api/tenants/acme/mailboxes/987654321").statusCode()).isEqualTo(404);
    }

    @Test
    void listsHoldOnlyTheTenantsOwnMailboxes(Service service) {
        assertThat(owners(service, "acme")).containsExactly("mrossi", "gbianchi");
        assertThat(owners(service, "globex")).containsExactly("hsimpson");
        assertThat(service.get("api/tenants/globex/mailboxes?number=101").body()).isEqualTo("[]");
    }

    @Test
    void unknownAndMalformedTenantsLookLikeNothing(Service service) {
        assertThat(service.get("api/tenants/nobody/mailboxes").statusCode()).isEqualTo(404);
        assertThat(service.get("api/tenants/NOT%20A%20TENANT/mailboxes").statusCode())
                .isEqualTo(404);
        assertThat(service.get("api/tenants/acme/mailboxes?number=1x").statusCode()).isEqualTo(400);
    }

    @Test
    void theApiIsClosedToAnyoneButTheOperator(Service service) {
        assertThat(service.send(service.anonymous("api/tenants").build()).statusCode())
                .isEqualTo(401);
        HttpResponse<String> wrong =
                service.send(
                        service.anonymous("api/tenants")
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString(
                                                                "operator:guess".getBytes()))
                                .build());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(service.get("api/tenants").statusCode()).isEqualTo(200);
    }

    @Test
    void everyStoredRowCarriesItsOwnTenant(Service service) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = service.database().getConnection();
                Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery(
                                "select m.tenant_id, e.tenant_id, e.employee_key from mailbox m"
                                        + " join employee e on e.id = m.owner_id where m.number = '100'"
                                        + " order by m.tenant_id")) {
            while (r.next()) {
                rows.add(r.getString(1) + "/" + r.getString(2) + "/" + r.getString(3));
            }
        }
        assertThat(rows).containsExactly("acme/acme/mrossi", "globex/globex/hsimpson");
    }

    private static JsonNode single(Service service, String path) {
        HttpResponse<String> response = service.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode list = json(response);
        assertThat(list.size()).as(response.body()).isEqualTo(1);
        return list.get(0);
    }

    private static List<String> owners(Service service, String tenant) {
        JsonNode list = json(service.get("api/tenants/" + tenant + "/mailboxes"));
        List<String> owners = new ArrayList<>();
        list.forEach(
                m -> {
                    assertThat(m.path("tenant").asText()).isEqualTo(tenant);
                    owners.add(m.path("owner").asText());
                });
        return owners;
    }
}
