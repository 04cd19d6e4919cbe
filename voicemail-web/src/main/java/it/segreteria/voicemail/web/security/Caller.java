package it.segreteria.voicemail.web.security;

import java.util.Optional;
import java.util.Set;

/**
 * Who a portal page or {@code /api/v1} request comes from, as the token says and nothing else: the
 * Keycloak user name, the tenant and the employee id (claims {@code tenant} and {@code employee}),
 * and the roles (claim {@code groups}).
 */
public record Caller(
        String user, Optional<String> tenant, Optional<String> employee, Set<String> roles) {

    /** The request attribute {@link WebAuthentication} leaves it in. */
    public static final String ATTRIBUTE = Caller.class.getName();

    public Caller {
        tenant = tenant.filter(t -> !t.isBlank());
        employee = employee.filter(e -> !e.isBlank());
        roles = Set.copyOf(roles);
    }
}
