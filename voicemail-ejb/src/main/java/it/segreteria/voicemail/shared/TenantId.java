package it.segreteria.voicemail.shared;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The stable key of a tenant (a company): lower-case letters, digits and dashes, as used in URLs,
 * in the provisioning file and in the {@code tenant_id} discriminator column of every tenant-owned
 * table.
 */
public record TenantId(String value) {

    public static final int MAX_LENGTH = 63;
    private static final Pattern FORMAT = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    public TenantId {
        Objects.requireNonNull(value, "tenant id");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "'"
                            + value
                            + "' is not a tenant id (1-63 lower-case letters, digits or dashes,"
                            + " not starting or ending with a dash)");
        }
    }

    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
