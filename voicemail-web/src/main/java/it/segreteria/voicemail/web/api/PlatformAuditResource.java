package it.segreteria.voicemail.web.api;

import it.segreteria.voicemail.audit.boundary.PlatformAudit;
import it.segreteria.voicemail.audit.entity.PlatformEvent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;

/**
 * The service's own audit trail (what no tenant owns: the operator account's failed logins and
 * lockouts), newest first, 100 a page by keyset like a tenant's trail.
 */
@Path("audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PlatformAuditResource {

    @Inject PlatformAudit audit;

    /** A platform event as the API shows it. */
    public record PlatformEventView(
            long id, String occurredAt, String action, String source, String details) {}

    @GET
    public Response page(
            @QueryParam("limit") Integer limit,
            @QueryParam("before") Long before,
            @QueryParam("action") String action,
            @Context UriInfo uri) {
        int count = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
        PlatformEvent.Action only;
        try {
            only = action == null ? null : PlatformEvent.Action.valueOf(action);
        } catch (IllegalArgumentException e) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(
                            Map.of(
                                    "message",
                                    "action must be one of "
                                            + java.util.Arrays.toString(
                                                    PlatformEvent.Action.values())))
                    .build();
        }
        List<PlatformEventView> page =
                audit.page(before, only, count).stream()
                        .map(
                                e ->
                                        new PlatformEventView(
                                                e.id(),
                                                e.occurredAt().toString(),
                                                e.action().name(),
                                                e.source(),
                                                e.details()))
                        .toList();
        Response.ResponseBuilder answer = Response.ok(page);
        if (page.size() == count) {
            answer.link(
                    uri.getRequestUriBuilder()
                            .replaceQueryParam("before", page.get(page.size() - 1).id())
                            .build(),
                    "next");
        }
        return answer.build();
    }
}
