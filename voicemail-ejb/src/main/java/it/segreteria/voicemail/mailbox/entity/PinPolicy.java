package it.segreteria.voicemail.mailbox.entity;

import java.util.ArrayList;
import java.util.List;

/**
 * What makes a PIN acceptable. A voicemail PIN guards messages that often carry personal or
 * business secrets, and toll fraud starts with guessed voicemail PINs, so the obvious choices are
 * refused: too short, one repeated digit, a straight run such as 1234 or 9876, or the mailbox's own
 * number.
 */
public record PinPolicy(int minLength, int maxLength) {

    public static final PinPolicy DEFAULT = new PinPolicy(4, 12);

    public PinPolicy {
        if (minLength < 4 || maxLength < minLength || maxLength > 20) {
            throw new IllegalArgumentException(
                    "PIN lengths must satisfy 4 <= min <= max <= 20, got "
                            + minLength
                            + ".."
                            + maxLength);
        }
    }

    /** Every reason the PIN is refused for this mailbox; empty when it is acceptable. */
    public List<String> violations(Pin pin, MailboxNumber mailbox) {
        List<String> problems = new ArrayList<>();
        String digits = pin.digits();
        if (digits.length() < minLength || digits.length() > maxLength) {
            problems.add("a PIN has " + minLength + " to " + maxLength + " digits");
        }
        if (digits.chars().distinct().count() == 1) {
            problems.add("a PIN cannot repeat one digit");
        }
        if (isStraightRun(digits)) {
            problems.add("a PIN cannot be a run of consecutive digits");
        }
        if (mailbox != null && digits.equals(mailbox.value())) {
            problems.add("a PIN cannot be the mailbox number");
        }
        return problems;
    }

    public boolean accepts(Pin pin, MailboxNumber mailbox) {
        return violations(pin, mailbox).isEmpty();
    }

    private static boolean isStraightRun(String digits) {
        if (digits.length() < 3) {
            return false;
        }
        int step = digits.charAt(1) - digits.charAt(0);
        if (step != 1 && step != -1 && step != 9 && step != -9) {
            return false;
        }
        for (int i = 1; i < digits.length(); i++) {
            int delta = Math.floorMod(digits.charAt(i) - digits.charAt(i - 1), 10);
            if (delta != Math.floorMod(step, 10)) {
                return false;
            }
        }
        return true;
    }
}
