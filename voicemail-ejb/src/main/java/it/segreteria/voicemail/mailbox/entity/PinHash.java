package it.segreteria.voicemail.mailbox.entity;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A PIN stored as a salted, deliberately slow hash (PBKDF2 with HMAC-SHA-256, from the JDK). The
 * encoded form names the algorithm and the cost, {@code pbkdf2-sha256$<iterations>$<salt>$<hash>},
 * so the cost can be raised later and old hashes still verify ({@link #needsRehash()}).
 *
 * <p>A PIN has few digits, so no hash stops an offline search for long; the hash keeps PINs out of
 * sight in backups and exports, and the lockout after wrong attempts is what protects a mailbox
 * online.
 */
public final class PinHash {

    public static final int ITERATIONS = 120_000;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PinHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    public static PinHash of(Pin pin) {
        return of(pin, ITERATIONS);
    }

    static PinHash of(Pin pin, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PinHash(iterations, salt, derive(pin.digits(), salt, iterations));
    }

    public static PinHash decode(String encoded) {
        Objects.requireNonNull(encoded, "PIN hash");
        String[] parts = encoded.split("\\$");
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            throw new IllegalArgumentException("not a " + SCHEME + " PIN hash");
        }
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            return new PinHash(
                    Integer.parseInt(parts[1]), base64.decode(parts[2]), base64.decode(parts[3]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed " + SCHEME + " PIN hash", e);
        }
    }

    public String encoded() {
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return String.join(
                "$",
                SCHEME,
                Integer.toString(iterations),
                base64.encodeToString(salt),
                base64.encodeToString(hash));
    }

    /** Compares in constant time, so response timing tells an attacker nothing about a guess. */
    public boolean matches(String typedDigits) {
        if (typedDigits == null) {
            return false;
        }
        return MessageDigest.isEqual(hash, derive(typedDigits, salt, iterations));
    }

    public boolean needsRehash() {
        return iterations < ITERATIONS;
    }

    private static byte[] derive(String digits, byte[] salt, int iterations) {
        char[] chars = digits.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PinHash that && encoded().equals(that.encoded());
    }

    @Override
    public int hashCode() {
        return encoded().hashCode();
    }

    @Override
    public String toString() {
        return SCHEME + "$" + iterations + "$…";
    }
}
