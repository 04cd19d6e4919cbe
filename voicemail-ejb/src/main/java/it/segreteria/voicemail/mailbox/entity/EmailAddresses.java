package it.segreteria.voicemail.mailbox.entity;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The addresses that receive an employee's voicemail notifications, in order, without duplicates.
 * Each is a bare address ({@code local@domain}), checked with the strict RFC 822 rules of Jakarta
 * Mail.
 */
public record EmailAddresses(List<String> values) {

    public static final EmailAddresses NONE = new EmailAddresses(List.of());
    private static final String SEPARATOR = ",";

    public EmailAddresses {
        Objects.requireNonNull(values, "email addresses");
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String value : values) {
            unique.add(checked(value));
        }
        values = List.copyOf(unique);
    }

    public static EmailAddresses of(String... values) {
        return new EmailAddresses(Arrays.asList(values));
    }

    /** The column form: addresses joined by commas (a bare address cannot contain one). */
    public String joined() {
        return String.join(SEPARATOR, values);
    }

    public static EmailAddresses fromJoined(String joined) {
        if (joined == null || joined.isBlank()) {
            return NONE;
        }
        return new EmailAddresses(new ArrayList<>(Arrays.asList(joined.split(SEPARATOR))));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    private static String checked(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an email address cannot be empty");
        }
        String address = value.strip();
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            if (parsed.getPersonal() != null
                    || !parsed.getAddress().equals(address)
                    || !address.contains("@")) {
                throw new AddressException("not a bare address");
            }
        } catch (AddressException e) {
            throw new IllegalArgumentException(
                    "'" + value + "' is not an email address (expected local-part@domain)", e);
        }
        int at = address.lastIndexOf('@');
        // Domains are case-insensitive; local parts are kept as written.
        return address.substring(0, at) + address.substring(at).toLowerCase(Locale.ROOT);
    }
}
