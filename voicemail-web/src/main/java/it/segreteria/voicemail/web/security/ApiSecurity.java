package it.segreteria.voicemail.web.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;

/**
 * HTTP Basic over the operator account for {@code /api/*} (see web.xml for the constraint). Single
 * sign-on with Keycloak for the portals comes with them.
 */
@BasicAuthenticationMechanismDefinition(realmName = "voicemail")
@DeclareRoles(OperatorIdentityStore.OPERATOR_ROLE)
@ApplicationScoped
public class ApiSecurity {}
