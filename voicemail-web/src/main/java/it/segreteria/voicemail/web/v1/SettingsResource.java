package it.segreteria.voicemail.web.v1;

import it.segreteria.voicemail.message.boundary.PortalMailbox;
import it.segreteria.voicemail.message.boundary.PortalMailbox.Settings;
import it.segreteria.voicemail.message.boundary.PortalMailbox.SettingsChange;
import it.segreteria.voicemail.message.boundary.PortalMailbox.SettingsView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/settings}: the notification settings of the caller's own mailbox: where its emails
 * go, whether they carry the audio, the language (of the emails, the phone menu and the default
 * greeting) and the time zone. {@code GET} gives what applies, the company's values and which are
 * the employee's own; {@code PUT} replaces the employee's choice ({@code null} for a field: the
 * company's), answering the new view or 400 with every problem.
 */
@Path("v1/settings")
@RequestScoped
@Tag(name = "employee")
@SecurityRequirement(name = "keycloak")
public class SettingsResource {

    @Inject PortalMailbox mailbox;

    @Context HttpServletRequest request;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public SettingsView settings() {
        Employee employee = Employee.of(request);
        return mailbox.settings(employee.tenant(), employee.key())
                .orElseThrow(NotFoundException::new);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response change(Settings wanted) {
        Employee employee = Employee.of(request);
        SettingsChange change =
                mailbox.changeSettings(
                                employee.tenant(),
                                employee.key(),
                                wanted == null ? new Settings(null, null, null, null) : wanted,
                                employee.actor())
                        .orElseThrow(NotFoundException::new);
        if (change.refused()) {
            return Problems.of(Response.Status.BAD_REQUEST, String.join("; ", change.problems()));
        }
        return Response.ok(change.view()).build();
    }
}
