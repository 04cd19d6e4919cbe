package it.segreteria.voicemail.web.api;

import it.segreteria.voicemail.continuity.boundary.Continuities;
import it.segreteria.voicemail.continuity.entity.ContinuityMode;
import it.segreteria.voicemail.continuity.entity.ContinuityStatus;
import it.segreteria.voicemail.continuity.entity.Drill;
import it.segreteria.voicemail.continuity.entity.DrillReport;
import it.segreteria.voicemail.mailbox.entity.Greeting;
import it.segreteria.voicemail.mailbox.entity.InvalidGreetingException;
import it.segreteria.voicemail.shared.TenantId;
import it.segreteria.voicemail.tenant.boundary.Tenants;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's continuity mode and outage, for operators and monitoring systems: {@code GET} reads
 * it, {@code PUT {"mode": "ON"}} declares an outage, {@code "OFF"} never takes over, {@code "AUTO"}
 * follows the PBX monitor. Every change is audited with the operator's name.
 */
@Path("tenants/{tenant}/continuity")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ContinuityResource {

    @Inject Tenants tenants;

    @Inject Continuities continuities;

    private static final int MAX_BODY = 4096;

    @GET
    public ContinuityStatus status(@PathParam("tenant") String tenant) {
        return continuities.status(existing(tenant));
    }

    @PUT
    public Response setMode(
            @PathParam("tenant") String tenant,
            @Context HttpServletRequest request,
            @Context SecurityContext caller)
            throws IOException {
        TenantId id = existing(tenant);
        ContinuityMode mode;
        // read here, not by an entity provider: those answer 500 to JSON that is not an object
        byte[] body = request.getInputStream().readNBytes(MAX_BODY);
        try (JsonReader reader =
                Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            if (!(reader.readValue() instanceof JsonObject object)
                    || !(object.get("mode") instanceof JsonString text)) {
                throw new IllegalArgumentException("no mode");
            }
            mode = ContinuityMode.valueOf(text.getString().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | JsonException e) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(
                            Map.of(
                                    "message",
                                    "body must be {\"mode\": \"AUTO\" | \"ON\" | \"OFF\"}"))
                    .build();
        }
        return Response.ok(
                        continuities.setMode(
                                id, mode, "operator:" + caller.getUserPrincipal().getName()))
                .build();
    }

    /**
     * Records the tenant's own outage greeting, an 8 kHz mono WAV (PCM or G.711, at most {@value
     * Greeting#MAX_SECONDS} s): every caller hears it first while the tenant is in an outage.
     */
    @PUT
    @Path("greeting")
    @Consumes({"audio/wav", "audio/x-wav", "audio/wave", MediaType.APPLICATION_OCTET_STREAM})
    public Response setGreeting(
            @PathParam("tenant") String tenant, byte[] wav, @Context SecurityContext caller) {
        TenantId id = existing(tenant);
        try {
            byte[] canonical = Greeting.canonicalWav(wav); // refused here, before any transaction
            continuities.setGreeting(
                    id, canonical, "operator:" + caller.getUserPrincipal().getName());
            return Response.noContent().build();
        } catch (InvalidGreetingException e) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Map.of("message", e.getMessage()))
                    .build();
        }
    }

    /** The tenant's own outage greeting (8 kHz 16-bit mono WAV); 404 if it has none. */
    @GET
    @Path("greeting")
    @Produces("audio/wav")
    public Response greeting(@PathParam("tenant") String tenant) {
        byte[] wav = continuities.greeting(existing(tenant)).orElseThrow(NotFoundException::new);
        return Response.ok(wav, "audio/wav").build();
    }

    /** Removes the tenant's own outage greeting: callers hear the system's again. */
    @DELETE
    @Path("greeting")
    public Response removeGreeting(
            @PathParam("tenant") String tenant, @Context SecurityContext caller) {
        boolean removed =
                continuities.removeGreeting(
                        existing(tenant), "operator:" + caller.getUserPrincipal().getName());
        return removed
                ? Response.noContent().build()
                : Response.status(Response.Status.NOT_FOUND).build();
    }

    /**
     * Starts a failover drill: {@code {"callers": ["+39 333 …"], "minutes": 15}}. Until it ends,
     * calls from those numbers are routed as in an outage (the tenant is not in one); {@code GET}
     * reports where each went. 201 with the report; 400 for any other body.
     */
    @POST
    @Path("drill")
    public Response startDrill(
            @PathParam("tenant") String tenant,
            @Context HttpServletRequest request,
            @Context SecurityContext caller)
            throws IOException {
        TenantId id = existing(tenant);
        byte[] body = request.getInputStream().readNBytes(MAX_BODY);
        List<String> callers = new java.util.ArrayList<>();
        int minutes;
        try (JsonReader reader =
                Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            if (!(reader.readValue() instanceof JsonObject object)
                    || !(object.get("callers") instanceof jakarta.json.JsonArray numbers)
                    || !(object.get("minutes") instanceof jakarta.json.JsonNumber length)
                    || !length.isIntegral()) {
                throw new IllegalArgumentException("no callers or minutes");
            }
            for (var number : numbers) {
                if (!(number instanceof JsonString text)) {
                    throw new IllegalArgumentException("a caller is not a string");
                }
                callers.add(text.getString());
            }
            minutes = length.intValueExact();
            // checked here: an exception from the bean would arrive wrapped, as a 500
            Optional<String> refusal =
                    Drill.refusal(callers, java.time.Duration.ofMinutes(minutes));
            if (refusal.isPresent()) {
                throw new IllegalArgumentException(refusal.get());
            }
            return Response.status(Response.Status.CREATED)
                    .entity(
                            continuities.startDrill(
                                    id,
                                    callers,
                                    java.time.Duration.ofMinutes(minutes),
                                    "operator:" + caller.getUserPrincipal().getName()))
                    .build();
        } catch (IllegalArgumentException | ArithmeticException | JsonException e) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(
                            Map.of(
                                    "message",
                                    "body must be {\"callers\": [\"+39...\"], \"minutes\": 1-240}: "
                                            + e.getMessage()))
                    .build();
        }
    }

    /** The latest drill's report: each test call, where it went, how it ended; 404 if none. */
    @GET
    @Path("drill")
    public DrillReport drill(@PathParam("tenant") String tenant) {
        return continuities.drillReport(existing(tenant)).orElseThrow(NotFoundException::new);
    }

    /** Ends the running drill before its time; 404 if none runs. */
    @DELETE
    @Path("drill")
    public Response endDrill(@PathParam("tenant") String tenant, @Context SecurityContext caller) {
        return continuities.endDrill(
                        existing(tenant), "operator:" + caller.getUserPrincipal().getName())
                ? Response.noContent().build()
                : Response.status(Response.Status.NOT_FOUND).build();
    }

    /** The tenant, if it exists; otherwise the same 404 as for any unknown resource. */
    private TenantId existing(String tenant) {
        return tenants.known(tenant).orElseThrow(NotFoundException::new);
    }
}
