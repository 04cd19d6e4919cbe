package it.segreteria.voicemail.web.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Access tokens of {@code /api/v1}: a JWT signed by the provider's current keys (its JWKS, fetched
 * and cached by Nimbus JOSE + JWT), from its issuer, for our API audience ({@code
 * voicemail.oidc.api-audience}), not expired, and an access token (Keycloak's {@code typ} claim
 * {@code Bearer}; an ID token names no API audience either). The provider's issuer and key URL come
 * from its discovery document, read at the first token.
 */
@ApplicationScoped
public class BearerTokens {

    private static final Logger LOG = Logger.getLogger(BearerTokens.class.getName());

    @Inject OidcSettings settings;

    private volatile ConfigurableJWTProcessor<SecurityContext> processor;

    /** The caller the token names, or empty for anything that is not a valid access token. */
    public Optional<Caller> verify(String token) {
        ConfigurableJWTProcessor<SecurityContext> jwt;
        try {
            jwt = processor();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "the OpenID provider's keys cannot be read", e);
            return Optional.empty();
        }
        try {
            JWTClaimsSet claims = jwt.process(token, null);
            Object typ = claims.getClaim("typ");
            if (typ != null && !"Bearer".equals(typ)) {
                return Optional.empty();
            }
            return Optional.of(caller(claims));
        } catch (ParseException | BadJOSEException | JOSEException e) {
            return Optional.empty();
        }
    }

    static Caller caller(JWTClaimsSet claims) throws ParseException {
        List<String> groups = claims.getStringListClaim("groups");
        String user = claims.getStringClaim("preferred_username");
        return new Caller(
                user != null ? user : claims.getSubject(),
                Optional.ofNullable(claims.getStringClaim("tenant")),
                Optional.ofNullable(claims.getStringClaim("employee")),
                groups == null ? Set.of() : new HashSet<>(groups));
    }

    private ConfigurableJWTProcessor<SecurityContext> processor() throws IOException {
        ConfigurableJWTProcessor<SecurityContext> current = processor;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (processor == null) {
                JsonObject discovery = discovery();
                JWKSource<SecurityContext> keys =
                        JWKSourceBuilder.create(URI.create(discovery.getString("jwks_uri")).toURL())
                                .retrying(true)
                                .build();
                DefaultJWTProcessor<SecurityContext> built = new DefaultJWTProcessor<>();
                built.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
                built.setJWTClaimsSetVerifier(
                        new DefaultJWTClaimsVerifier<>(
                                settings.getApiAudience(),
                                new JWTClaimsSet.Builder()
                                        .issuer(discovery.getString("issuer"))
                                        .build(),
                                Set.of("sub", "exp", "iat")));
                processor = built;
            }
            return processor;
        }
    }

    private JsonObject discovery() throws IOException {
        String uri = settings.getProviderUri() + "/.well-known/openid-configuration";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response =
                    http.send(
                            HttpRequest.newBuilder(URI.create(uri))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(uri + " answered " + response.statusCode());
            }
            return Json.createReader(new StringReader(response.body())).readObject();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted reading " + uri, e);
        }
    }
}
