package it.segreteria.voicemail.web.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The roles of the API: HTTP Basic over the operator account for {@code /api/*} (see web.xml for
 * the constraint, {@link OperatorAuthentication} for the mechanism). Single sign-on with Keycloak
 * for the portals comes with them.
 */
@DeclareRoles(OperatorIdentityStore.OPERATOR_ROLE)
@ApplicationScoped
public class ApiSecurity {}
