package it.segreteria.voicemail.web.v1;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** The answers of {@code /api/v1} that refuse something: a status and {@code {"error": "…"}}. */
final class Problems {

    private Problems() {}

    static Response of(Response.Status status, String message) {
        return of(status.getStatusCode(), Map.of("error", message));
    }

    static Response of(int status, Map<String, String> body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
