package it.segreteria.voicemail.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Keycloak (OpenID Connect provider) the portals and {@code /api/v1} trust, from MicroProfile
 * Config, read by the mechanism definition's expressions ({@code ${oidcConfig.providerUri}}) and by
 * {@link BearerTokens}. Keys: docs/configuration.md.
 */
@Named("oidcConfig")
@ApplicationScoped
public class OidcSettings {

    @Inject
    @ConfigProperty(
            name = "voicemail.oidc.provider-uri",
            defaultValue = "http://localhost:8180/realms/voicemail")
    String providerUri;

    @Inject
    @ConfigProperty(name = "voicemail.oidc.client-id", defaultValue = "voicemail-web")
    String clientId;

    @Inject
    @ConfigProperty(name = "voicemail.oidc.client-secret", defaultValue = "voicemail-web-secret")
    String clientSecret;

    /** The audience an access token for {@code /api/v1} must name. */
    @Inject
    @ConfigProperty(name = "voicemail.oidc.api-audience", defaultValue = "voicemail-api")
    String apiAudience;

    public String getProviderUri() {
        return providerUri;
    }

    public String getClientId() {
        return clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public String getApiAudience() {
        return apiAudience;
    }
}
