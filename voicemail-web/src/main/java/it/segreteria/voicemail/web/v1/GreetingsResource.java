package it.segreteria.voicemail.web.v1;

import it.segreteria.voicemail.mailbox.entity.Greeting;
import it.segreteria.voicemail.mailbox.entity.GreetingKind;
import it.segreteria.voicemail.mailbox.entity.InvalidGreetingException;
import it.segreteria.voicemail.message.boundary.PortalMailbox;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/greetings}: the caller's own greetings, {@code unavailable} (what callers hear
 * when nobody answers) and {@code temporary} (heard instead while it exists): list, preview, upload
 * a WAV of any sample rate (converted to 8 kHz mono, at most 2 minutes, 20 MB), remove.
 */
@Path("v1/greetings")
@RequestScoped
@Tag(name = "employee")
@SecurityRequirement(name = "keycloak")
public class GreetingsResource {

    /** Uploads larger than this are refused before they are read whole. */
    static final int MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

    @Inject PortalMailbox mailbox;

    @Context HttpServletRequest request;

    /** {@code {"unavailable": {"millis": …} | null, "temporary": …}}. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> greetings() {
        Employee employee = Employee.of(request);
        mailbox.own(employee.tenant(), employee.key()).orElseThrow(NotFoundException::new);
        Map<String, Object> greetings = new LinkedHashMap<>();
        for (GreetingKind kind : GreetingKind.values()) {
            greetings.put(
                    name(kind),
                    mailbox.greeting(employee.tenant(), employee.key(), kind)
                            .map(wav -> Map.of("millis", Greeting.millis(wav)))
                            .orElse(null));
        }
        return greetings;
    }

    @GET
    @Path("{kind}/audio")
    @Produces("audio/wav")
    public Response audio(@PathParam("kind") String kind) {
        Employee employee = Employee.of(request);
        byte[] wav =
                mailbox.greeting(employee.tenant(), employee.key(), kind(kind))
                        .orElseThrow(NotFoundException::new);
        return Response.ok(wav).header("Cache-Control", "private, no-store").build();
    }

    @PUT
    @Path("{kind}")
    @Consumes({"audio/wav", "audio/x-wav", "audio/wave", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@PathParam("kind") String kind, InputStream body) throws IOException {
        Employee employee = Employee.of(request);
        byte[] wav = body.readNBytes(MAX_UPLOAD_BYTES + 1);
        if (wav.length > MAX_UPLOAD_BYTES) {
            return Problems.of(
                    Response.Status.REQUEST_ENTITY_TOO_LARGE, "a greeting file is at most 20 MB");
        }
        try {
            long millis =
                    mailbox.setGreeting(
                                    employee.tenant(),
                                    employee.key(),
                                    kind(kind),
                                    wav,
                                    employee.actor())
                            .orElseThrow(NotFoundException::new);
            return Response.ok(Map.of("millis", millis)).build();
        } catch (jakarta.ejb.EJBException e) {
            if (e.getCause() instanceof InvalidGreetingException invalid) {
                return Problems.of(Response.Status.BAD_REQUEST, invalid.getMessage());
            }
            throw e;
        } catch (InvalidGreetingException invalid) {
            return Problems.of(Response.Status.BAD_REQUEST, invalid.getMessage());
        }
    }

    @DELETE
    @Path("{kind}")
    public Response remove(@PathParam("kind") String kind) {
        Employee employee = Employee.of(request);
        mailbox.own(employee.tenant(), employee.key()).orElseThrow(NotFoundException::new);
        mailbox.removeGreeting(employee.tenant(), employee.key(), kind(kind), employee.actor());
        return Response.noContent().build();
    }

    /** {@code unavailable} or {@code temporary}; anything else is 404. */
    private static GreetingKind kind(String name) {
        if (!name.equals("unavailable") && !name.equals("temporary")) {
            throw new NotFoundException();
        }
        return GreetingKind.valueOf(name.toUpperCase(Locale.ROOT));
    }

    private static String name(GreetingKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
