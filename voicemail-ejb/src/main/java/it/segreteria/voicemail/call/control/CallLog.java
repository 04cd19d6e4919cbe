package it.segreteria.voicemail.call.control;

import it.segreteria.voicemail.platform.control.LogQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one line per call at INFO: Call-ID, tenant and mailbox, the caller's number (masked unless
 * {@value #FULL_NUMBERS} is set), the outcome and how long the call lasted. A log is kept longer
 * and read by more people than the mailbox it describes; the audit trail has the full record.
 * Written through a {@link LogQueue}: a call's thread never waits for the log.
 */
public final class CallLog {

    public static final String FULL_NUMBERS = "voicemail.log.full-caller-numbers";
    private static final Logger LOG = Logger.getLogger("it.segreteria.voicemail.calls");

    private final boolean fullNumbers;
    private final LogQueue queue;

    public CallLog(boolean fullNumbers, LogQueue queue) {
        this.fullNumbers = fullNumbers;
        this.queue = queue;
    }

    /** Queues the call's line. */
    public void ended(String call, String callerNumber, String outcome, long millis) {
        queue.log(
                LOG,
                Level.INFO,
                () ->
                        call
                                + " from "
                                + (fullNumbers ? show(callerNumber) : mask(callerNumber))
                                + ": "
                                + outcome
                                + " ("
                                + millis
                                + " ms)");
    }

    private static String show(String number) {
        return number == null || number.isEmpty() ? "anonymous" : number;
    }

    /**
     * A number with all but its first three and last two digits hidden ({@code +393*******67}): an
     * operator still tells calls apart and spots a country or a flood, the log names nobody.
     */
    public static String mask(String number) {
        if (number == null || number.isEmpty()) {
            return "anonymous";
        }
        int digits = (int) number.chars().filter(Character::isDigit).count();
        if (digits <= 5) {
            return "*".repeat(number.length());
        }
        StringBuilder masked = new StringBuilder(number.length());
        int seen = 0;
        for (char c : number.toCharArray()) {
            if (Character.isDigit(c)) {
                seen++;
                masked.append(seen <= 3 || seen > digits - 2 ? c : '*');
            } else {
                masked.append(c);
            }
        }
        return masked.toString();
    }
}
