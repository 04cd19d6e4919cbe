package it.segreteria.voicemail.web.api;

import it.segreteria.voicemail.provisioning.boundary.Provisioning;
import it.segreteria.voicemail.provisioning.entity.ProvisioningException;
import it.segreteria.voicemail.provisioning.entity.ProvisioningProblem;
import it.segreteria.voicemail.provisioning.entity.ProvisioningReport;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Re-applies the configured provisioning file, so an administrator's edit takes effect without a
 * restart. A bad file answers 422 with every problem and changes nothing.
 */
@Path("provisioning")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ProvisioningResource {

    @Inject Provisioning provisioning;

    @POST
    public Response apply() {
        try {
            ProvisioningReport report = provisioning.applyConfiguredFile();
            return Response.ok(report).build();
        } catch (ProvisioningException e) {
            return Response.status(422).entity(new Refusal(e.getMessage(), e.problems())).build();
        }
    }

    /** The body of a 422: the whole message and each problem. */
    public record Refusal(String message, List<ProvisioningProblem> problems) {}
}
