package it.segreteria.voicemail.mailbox.entity;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The number of a mailbox inside its tenant: usually the employee's extension. Digits only, because
 * callers type it on a keypad. Unique within a tenant; two tenants can both have mailbox 100.
 */
public record MailboxNumber(String value) {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,15}");

    public MailboxNumber {
        Objects.requireNonNull(value, "mailbox number");
        if (!DIGITS.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "'" + value + "' is not a mailbox number (1 to 15 digits)");
        }
    }

    public static MailboxNumber of(String value) {
        return new MailboxNumber(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
