package it.segreteria.voicemail.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * The platform operator's account for the REST API, from {@code voicemail.operator.user} and {@code
 * voicemail.operator.password}. Without a password nobody can log in: the API is closed by default.
 * Tenant administrators and employees will sign in with Keycloak; this account is for the people
 * who run the service.
 */
@ApplicationScoped
public class OperatorIdentityStore implements IdentityStore {

    public static final String OPERATOR_ROLE = "operator";
    static final String USER = "voicemail.operator.user";
    static final String PASSWORD = "voicemail.operator.password";

    @Inject Config config;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        String user = config.getOptionalValue(USER, String.class).orElse("operator");
        Optional<String> password =
                config.getOptionalValue(PASSWORD, String.class).filter(p -> !p.isEmpty());
        if (password.isEmpty()) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        boolean userMatches = equalInConstantTime(user, login.getCaller());
        boolean passwordMatches = equalInConstantTime(password.get(), login.getPasswordAsString());
        if (userMatches && passwordMatches) {
            return new CredentialValidationResult(login.getCaller(), Set.of(OPERATOR_ROLE));
        }
        return CredentialValidationResult.INVALID_RESULT;
    }

    private static boolean equalInConstantTime(String expected, String given) {
        return given != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8),
                        given.getBytes(StandardCharsets.UTF_8));
    }
}
