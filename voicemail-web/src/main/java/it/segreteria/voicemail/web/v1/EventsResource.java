package it.segreteria.voicemail.web.v1;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/events}: server-sent events for the caller's own inbox ({@link InboxEvents}):
 * {@code message-stored} with the new message's id.
 */
@Path("v1/events")
@RequestScoped
@Tag(name = "employee")
@SecurityRequirement(name = "keycloak")
public class EventsResource {

    @Inject InboxEvents events;

    @Context HttpServletRequest request;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@Context SseEventSink sink, @Context Sse sse) {
        Employee employee = Employee.of(request);
        if (!events.open(new InboxEvents.Key(employee.tenant(), employee.key()), sink, sse)) {
            sink.close(); // too many open: the page falls back to its own reloads
        }
    }
}
