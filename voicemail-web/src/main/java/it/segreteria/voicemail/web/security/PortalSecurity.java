package it.segreteria.voicemail.web.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.ClaimsDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.LogoutDefinition;

/**
 * Single sign-on for the portals: the standard OpenID Connect mechanism of Jakarta Security 3
 * against the company's Keycloak ({@link OidcSettings}). The roles come from the token's flat
 * {@code groups} claim (the realm's role mapper, failover-config/keycloak); the user's tenant and
 * employee from its {@code tenant} and {@code employee} claims. Logout ends the Keycloak session
 * too. {@link WebAuthentication} delegates the portal's requests to it.
 */
@OpenIdAuthenticationMechanismDefinition(
        providerURI = "${oidcConfig.providerUri}",
        clientId = "${oidcConfig.clientId}",
        clientSecret = "${oidcConfig.clientSecret}",
        redirectURI = "${baseURL}/callback",
        redirectToOriginalResource = false, // SignInPages does it, query included
        tokenAutoRefresh = true,
        scope = {"openid", "profile", "email"},
        claimsDefinition =
                @ClaimsDefinition(
                        callerNameClaim = "preferred_username",
                        callerGroupsClaim = "groups"),
        logout = @LogoutDefinition(notifyProvider = true, redirectURI = "${baseURL}/"))
@DeclareRoles({
    OperatorIdentityStore.OPERATOR_ROLE,
    PortalSecurity.EMPLOYEE,
    PortalSecurity.TENANT_ADMIN,
    PortalSecurity.PLATFORM_ADMIN
})
@ApplicationScoped
public class PortalSecurity {

    public static final String EMPLOYEE = "employee";
    public static final String TENANT_ADMIN = "tenant-admin";
    public static final String PLATFORM_ADMIN = "platform-admin";
}
