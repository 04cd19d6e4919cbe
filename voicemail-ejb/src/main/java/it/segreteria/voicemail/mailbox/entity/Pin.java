package it.segreteria.voicemail.mailbox.entity;

import java.util.Objects;

/**
 * A PIN as typed on a keypad: digits only. Held only long enough to check or hash it; {@link
 * #toString()} never shows it, so it cannot end up in a log line.
 */
public record Pin(String digits) {

    public Pin {
        Objects.requireNonNull(digits, "PIN");
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("a PIN is made of digits only");
        }
    }

    public int length() {
        return digits.length();
    }

    @Override
    public String toString() {
        return "Pin[****]";
    }
}
