package it.segreteria.voicemail.web.v1;

import it.segreteria.voicemail.message.boundary.PortalMailbox;
import it.segreteria.voicemail.message.boundary.PortalMailbox.PinChange;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code PUT /api/v1/pin} {@code {"current": "…", "pin": "…"}}: the phone PIN of the caller's
 * mailbox, changed with the current one. A wrong current PIN counts towards the same lockout as the
 * phone's (five in a row lock the mailbox, by phone and here), so a stolen session cannot guess it
 * either; the new one must pass the same policy as by phone.
 */
@Path("v1/pin")
@RequestScoped
@Tag(name = "employee")
@SecurityRequirement(name = "keycloak")
public class PinResource {

    @Inject PortalMailbox mailbox;

    @Context HttpServletRequest request;

    /** The request's body. */
    public record NewPin(String current, String pin) {}

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response change(NewPin body) {
        Employee employee = Employee.of(request);
        PinChange result =
                mailbox.changePin(
                        employee.tenant(),
                        employee.key(),
                        body == null ? null : body.current(),
                        body == null ? null : body.pin(),
                        employee.actor());
        return switch (result.outcome()) {
            case CHANGED -> Response.noContent().build();
            case WRONG_PIN -> Problems.of(Response.Status.FORBIDDEN, "the current PIN is wrong");
            case LOCKED ->
                    Problems.of(
                            423,
                            Map.of(
                                    "error",
                                    "too many wrong PINs: the mailbox is locked",
                                    "lockedUntil",
                                    String.valueOf(result.lockedUntil())));
            case REFUSED ->
                    Problems.of(Response.Status.BAD_REQUEST, String.join("; ", result.problems()));
            case NO_MAILBOX -> Response.status(Response.Status.NOT_FOUND).build();
        };
    }
}
