package it.segreteria.voicemail.web.v1;

import it.segreteria.voicemail.message.boundary.EmployeeMessages;
import it.segreteria.voicemail.message.entity.MessageChange;
import it.segreteria.voicemail.message.entity.VoiceMessage;
import it.segreteria.voicemail.notification.boundary.Notifications;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/messages}: the caller's own messages. Another tenant's or another employee's
 * message id is 404, exactly like one that does not exist.
 */
@Path("v1/messages")
@RequestScoped
@Tag(name = "employee")
@SecurityRequirement(name = "keycloak")
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {

    @Inject EmployeeMessages messages;

    @Inject Notifications notifications;

    @Context HttpServletRequest request;

    /** The inbox, newest first, deleted messages included (they can be restored). */
    @GET
    public List<MessageView> inbox() {
        Employee employee = Employee.of(request);
        List<VoiceMessage> inbox = messages.inbox(employee.tenant(), employee.key());
        Map<Long, List<it.segreteria.voicemail.notification.entity.Notification>> emails =
                notifications.ofMessages(
                        employee.tenant(), inbox.stream().map(VoiceMessage::id).toList());
        return inbox.stream()
                .map(m -> MessageView.of(m, emails.getOrDefault(m.id(), List.of())))
                .toList();
    }

    @GET
    @Path("{id}")
    public MessageView message(@PathParam("id") long id) {
        Employee employee = Employee.of(request);
        VoiceMessage message =
                messages.message(employee.tenant(), employee.key(), id)
                        .orElseThrow(NotFoundException::new);
        return MessageView.of(message, notifications.ofMessage(employee.tenant(), message.id()));
    }

    /**
     * The audio, 8 kHz 16-bit WAV, with byte ranges for seeking (206 and {@code Content-Range});
     * {@code ?download=true} as an attachment, audited as a download.
     */
    @GET
    @Path("{id}/audio")
    @Produces("audio/wav")
    public Response audio(
            @PathParam("id") long id,
            @HeaderParam("Range") String range,
            @QueryParam("download") boolean download) {
        Employee employee = Employee.of(request);
        byte[] wav =
                (download
                                ? messages.download(
                                        employee.tenant(), employee.key(), id, employee.actor())
                                : messages.wav(employee.tenant(), employee.key(), id))
                        .orElseThrow(NotFoundException::new);
        ByteRange.Ask ask = ByteRange.parse(range, wav.length);
        if (ask instanceof ByteRange.Unsatisfiable) {
            return Response.status(Response.Status.REQUESTED_RANGE_NOT_SATISFIABLE)
                    .header("Content-Range", "bytes */" + wav.length)
                    .build();
        }
        Response.ResponseBuilder response;
        if (ask instanceof ByteRange.Part part) {
            byte[] slice = new byte[(int) part.range().length()];
            System.arraycopy(wav, (int) part.range().first(), slice, 0, slice.length);
            response =
                    Response.status(Response.Status.PARTIAL_CONTENT)
                            .entity(slice)
                            .header("Content-Range", part.range().contentRange(wav.length));
        } else {
            response = Response.ok(wav);
        }
        response.header("Accept-Ranges", "bytes").header("Cache-Control", "private, no-store");
        if (download) {
            response.header(
                    "Content-Disposition", "attachment; filename=\"message-" + id + ".wav\"");
        }
        return response.build();
    }

    private static final java.util.Set<String> CHANGES =
            java.util.Set.of("heard", "unheard", "saved", "deleted", "restored");

    private static MessageChange change(String name) {
        if (!CHANGES.contains(name)) {
            throw new NotFoundException();
        }
        return MessageChange.valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    /** The request's body of a forward. */
    public record Forward(String mailbox) {}

    /**
     * Forwards the message to a colleague's mailbox of the same company, by its number: {@code
     * {"mailbox": "101"}}. The colleague finds a new message (and is emailed); 404 for a mailbox
     * that is not there, 400 for the caller's own.
     */
    @POST
    @Path("{id}/forward")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    public Response forward(@PathParam("id") long id, Forward body) {
        Employee employee = Employee.of(request);
        EmployeeMessages.Forwarded result =
                messages.forward(
                        employee.tenant(),
                        employee.key(),
                        id,
                        body == null ? null : body.mailbox(),
                        employee.actor());
        return switch (result.outcome()) {
            case FORWARDED -> Response.ok(Map.of("forwarded", true)).build();
            case NO_SUCH_MESSAGE -> Response.status(Response.Status.NOT_FOUND).build();
            case NO_SUCH_MAILBOX ->
                    Problems.of(
                            Response.Status.NOT_FOUND, "no colleague's mailbox with that number");
            case OWN_MAILBOX ->
                    Problems.of(Response.Status.BAD_REQUEST, "that is your own mailbox");
        };
    }

    /**
     * Changes the message: {@code heard}, {@code unheard}, {@code saved}, {@code deleted} or {@code
     * restored}; answers the message as it is now.
     */
    @POST
    @Path("{id}/{change}")
    public MessageView change(@PathParam("id") long id, @PathParam("change") String change) {
        Employee employee = Employee.of(request);
        VoiceMessage message =
                messages.change(
                                employee.tenant(),
                                employee.key(),
                                id,
                                change(change),
                                employee.actor())
                        .orElseThrow(NotFoundException::new);
        return MessageView.of(message, notifications.ofMessage(employee.tenant(), message.id()));
    }
}
