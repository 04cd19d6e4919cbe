package it.segreteria.voicemail.web.security;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The user and password of an HTTP Basic {@code Authorization} header (RFC 7617), or nothing when
 * the header is anything else or malformed: never an exception. Shared by the API's and the
 * management endpoints' mechanisms.
 */
public final class BasicCredentials {

    private BasicCredentials() {}

    public static Optional<UsernamePasswordCredential> parse(String header) {
        if (header == null
                || header.length() < 6
                || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded =
                    new String(
                            Base64.getDecoder().decode(header.substring(6).trim()),
                            StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return Optional.of(
                new UsernamePasswordCredential(
                        decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
}
