package it.segreteria.voicemail.web.api;

import it.segreteria.voicemail.audit.boundary.AuditTrail;
import it.segreteria.voicemail.audit.entity.AuditAction;
import it.segreteria.voicemail.mailbox.boundary.Mailboxes;
import it.segreteria.voicemail.mailbox.entity.Greeting;
import it.segreteria.voicemail.mailbox.entity.GreetingKind;
import it.segreteria.voicemail.mailbox.entity.InvalidGreetingException;
import it.segreteria.voicemail.mailbox.entity.MailboxNumber;
import it.segreteria.voicemail.message.boundary.Messages;
import it.segreteria.voicemail.message.entity.MessageAudio;
import it.segreteria.voicemail.notification.boundary.Notifications;
import it.segreteria.voicemail.shared.TenantId;
import it.segreteria.voicemail.tenant.boundary.Tenants;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;

/**
 * Tenants and their mailboxes, read-only. A tenant id that does not exist, a mailbox id of another
 * tenant and a mailbox that does not exist all answer the same 404: the API never tells whether
 * another tenant's data exists.
 */
@Path("tenants")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TenantsResource {

    @Inject Tenants tenants;

    @Inject Mailboxes mailboxes;

    @Inject Messages messages;

    @Inject AuditTrail audit;

    @Inject Notifications notifications;

    @GET
    public List<TenantView> all() {
        return tenants.all().stream().map(TenantView::of).toList();
    }

    @GET
    @Path("{tenant}")
    public TenantView one(@PathParam("tenant") String tenant) {
        return tenants.find(existing(tenant))
                .map(TenantView::of)
                .orElseThrow(NotFoundException::new);
    }

    @GET
    @Path("{tenant}/mailboxes")
    public List<MailboxView> mailboxes(
            @PathParam("tenant") String tenant, @QueryParam("number") String number) {
        TenantId id = existing(tenant);
        if (number != null) {
            return mailboxes
                    .byNumber(id, parse(number))
                    .map(m -> MailboxView.of(tenant, m))
                    .stream()
                    .toList();
        }
        return mailboxes.all(id).stream().map(m -> MailboxView.of(tenant, m)).toList();
    }

    @GET
    @Path("{tenant}/mailboxes/{id:[0-9]+}")
    public MailboxView mailbox(@PathParam("tenant") String tenant, @PathParam("id") long id) {
        return mailboxes
                .byId(existing(tenant), id)
                .map(m -> MailboxView.of(tenant, m))
                .orElseThrow(NotFoundException::new);
    }

    @GET
    @Path("{tenant}/mailboxes/{id:[0-9]+}/messages")
    public List<MessageView> messagesOf(
            @PathParam("tenant") String tenant, @PathParam("id") long id) {
        TenantId tenantId = existing(tenant);
        if (mailboxes.byId(tenantId, id).isEmpty()) {
            throw new NotFoundException();
        }
        return messages.ofMailbox(tenantId, id).stream().map(MessageView::of).toList();
    }

    @GET
    @Path("{tenant}/messages/{id:[0-9]+}")
    public MessageView message(@PathParam("tenant") String tenant, @PathParam("id") long id) {
        return messages.byId(existing(tenant), id)
                .map(MessageView::of)
                .orElseThrow(NotFoundException::new);
    }

    @GET
    @Path("{tenant}/messages/{id:[0-9]+}/audio")
    @Produces("audio/wav")
    public Response audio(@PathParam("tenant") String tenant, @PathParam("id") long id) {
        MessageAudio audio =
                messages.audio(existing(tenant), id).orElseThrow(NotFoundException::new);
        return Response.ok(audio.wav(), audio.contentType())
                .header("Content-Disposition", "attachment; filename=\"message-" + id + ".wav\"")
                .build();
    }

    /**
     * Sets a greeting of the mailbox, an 8 kHz mono WAV (PCM or G.711): {@code greeting} (when the
     * owner does not answer) or {@code temporary-greeting} (played instead of any other while it
     * exists).
     */
    @PUT
    @Path("{tenant}/mailboxes/{id:[0-9]+}/{kind:greeting|temporary-greeting}")
    @Consumes({"audio/wav", "audio/x-wav", "audio/wave", MediaType.APPLICATION_OCTET_STREAM})
    public Response setGreeting(
            @PathParam("tenant") String tenant,
            @PathParam("id") long id,
            @PathParam("kind") String kind,
            byte[] wav,
            @Context SecurityContext caller) {
        TenantId tenantId = existing(tenant);
        if (mailboxes.byId(tenantId, id).isEmpty()) {
            throw new NotFoundException();
        }
        try {
            byte[] canonical = Greeting.canonicalWav(wav); // refused here, before any transaction
            mailboxes.setGreeting(
                    tenantId,
                    id,
                    kind(kind),
                    canonical,
                    "operator:" + caller.getUserPrincipal().getName());
            return Response.noContent().build();
        } catch (InvalidGreetingException e) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("message", e.getMessage()))
                    .build();
        }
    }

    /** A greeting of the mailbox as a WAV file (8 kHz 16-bit mono), to hear it; 404 if none. */
    @GET
    @Path("{tenant}/mailboxes/{id:[0-9]+}/{kind:greeting|temporary-greeting}")
    @Produces("audio/wav")
    public Response greeting(
            @PathParam("tenant") String tenant,
            @PathParam("id") long id,
            @PathParam("kind") String kind) {
        byte[] wav =
                mailboxes
                        .greeting(existing(tenant), id, kind(kind))
                        .orElseThrow(NotFoundException::new)
                        .wav();
        return Response.ok(wav, "audio/wav").build();
    }

    @DELETE
    @Path("{tenant}/mailboxes/{id:[0-9]+}/{kind:greeting|temporary-greeting}")
    public Response removeGreeting(
            @PathParam("tenant") String tenant,
            @PathParam("id") long id,
            @PathParam("kind") String kind,
            @Context SecurityContext caller) {
        boolean removed =
                mailboxes.removeGreeting(
                        existing(tenant),
                        id,
                        kind(kind),
                        "operator:" + caller.getUserPrincipal().getName());
        return removed
                ? Response.noContent().build()
                : Response.status(Response.Status.NOT_FOUND).build();
    }

    private static GreetingKind kind(String path) {
        return path.equals("temporary-greeting")
                ? GreetingKind.TEMPORARY
                : GreetingKind.UNAVAILABLE;
    }

    /** The delivery status of a message's notification emails. */
    @GET
    @Path("{tenant}/messages/{id:[0-9]+}/notifications")
    public List<NotificationView> notificationsOf(
            @PathParam("tenant") String tenant, @PathParam("id") long id) {
        TenantId tenantId = existing(tenant);
        if (messages.byId(tenantId, id).isEmpty()) {
            throw new NotFoundException();
        }
        return notifications.ofMessage(tenantId, id).stream().map(NotificationView::of).toList();
    }

    /**
     * The audit trail, newest first, a page at a time: {@code limit} (1-1000, default 100), {@code
     * before} (the last id of the previous page), {@code action}, {@code from} and {@code to}
     * (ISO-8601 instants). A full page carries a {@code Link} header to the next one.
     */
    @GET
    @Path("{tenant}/audit")
    public Response audit(
            @PathParam("tenant") String tenant,
            @QueryParam("limit") Integer limit,
            @QueryParam("before") Long before,
            @QueryParam("action") String action,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @Context jakarta.ws.rs.core.UriInfo uri) {
        TenantId id = existing(tenant);
        int count = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
        AuditTrail.AuditQuery query;
        try {
            query =
                    new AuditTrail.AuditQuery(
                            before,
                            action == null ? null : AuditAction.valueOf(action),
                            from == null ? null : java.time.Instant.parse(from),
                            to == null ? null : java.time.Instant.parse(to),
                            count);
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(
                            Map.of(
                                    "message",
                                    "action must be one of "
                                            + java.util.Arrays.toString(AuditAction.values())
                                            + "; from and to ISO-8601 instants such as"
                                            + " 2026-12-02T10:15:30Z"))
                    .build();
        }
        List<AuditView> page = audit.page(id, query).stream().map(AuditView::of).toList();
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

    private TenantId existing(String tenant) {
        return tenants.known(tenant).orElseThrow(NotFoundException::new);
    }

    private static MailboxNumber parse(String number) {
        try {
            return MailboxNumber.of(number);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}
