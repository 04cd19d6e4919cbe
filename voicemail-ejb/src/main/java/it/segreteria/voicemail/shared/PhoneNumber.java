package it.segreteria.voicemail.shared;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A telephone number as dialled from the public network, normalised to an optional leading {@code
 * +} followed by digits (E.164 when it has the {@code +}). Spaces, dots, dashes and parentheses
 * that people write are dropped.
 */
public record PhoneNumber(String value) {

    private static final Pattern NORMALISED = Pattern.compile("\\+?[0-9]{3,16}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s.()/-]");

    public PhoneNumber {
        Objects.requireNonNull(value, "phone number");
        if (!NORMALISED.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "'" + value + "' is not a phone number (an optional + and 3 to 16 digits)");
        }
    }

    /**
     * Normalises what a person wrote, e.g. {@code +39 02 1234-5678} becomes {@code +390212345678}.
     */
    public static PhoneNumber parse(String written) {
        Objects.requireNonNull(written, "phone number");
        String compact = SEPARATORS.matcher(written.strip()).replaceAll("");
        if (!NORMALISED.matcher(compact).matches()) {
            throw new IllegalArgumentException(
                    "'" + written + "' is not a phone number (an optional + and 3 to 16 digits)");
        }
        return new PhoneNumber(compact);
    }

    @Override
    public String toString() {
        return value;
    }
}
