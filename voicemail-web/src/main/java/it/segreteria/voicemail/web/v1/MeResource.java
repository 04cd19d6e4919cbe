package it.segreteria.voicemail.web.v1;

import it.segreteria.voicemail.web.security.Caller;
import it.segreteria.voicemail.web.security.PortalGuard;
import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/me}: who the token says the caller is, their mailbox's number, language and
 * time zone (the portal shows dates in it and speaks the language); for the portal's session also
 * the CSRF token its changes must carry.
 */
@Path("v1/me")
@RequestScoped
@Tag(name = "employee")
@SecurityRequirement(name = "keycloak")
public class MeResource {

    @Context HttpServletRequest request;

    @jakarta.inject.Inject it.segreteria.voicemail.message.boundary.PortalMailbox mailbox;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> me() {
        Caller caller = (Caller) request.getAttribute(Caller.ATTRIBUTE);
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("user", caller.user());
        me.put("tenant", caller.tenant().orElse(null));
        me.put("employee", caller.employee().orElse(null));
        me.put("roles", new TreeSet<>(caller.roles()));
        if (caller.tenant().isPresent() && caller.employee().isPresent()) {
            Employee employee = Employee.of(request);
            mailbox.profile(employee.tenant(), employee.key())
                    .ifPresent(
                            profile -> {
                                me.put("mailbox", profile.mailbox());
                                me.put("language", profile.language());
                                me.put("timeZone", profile.timeZone());
                            });
        }
        if (request.getHeader("Authorization") == null) {
            // the portal's session: the token its pages send with every change
            me.put("csrfToken", PortalGuard.token(request.getSession()));
        }
        return me;
    }
}
