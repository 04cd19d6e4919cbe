package it.segreteria.voicemail.mailbox.entity;

import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.mailbox.entity.Mailbox.MailboxSettings;
import it.segreteria.voicemail.mailbox.entity.Mailbox.PinVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Wrong PINs counted across calls, with a progressive lockout. */
class PinLockoutTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private final Mailbox mailbox = mailbox();

    private static Mailbox mailbox() {
        Mailbox mailbox =
                new Mailbox(
                        new Employee(
                                "mrossi",
                                new Employee.EmployeeProfile(
                                        "Mario Rossi", EmailAddresses.of(), false)),
                        MailboxNumber.of("100"),
                        new MailboxSettings(null, null, 4, Set.of()));
        mailbox.setInitialPin(PinHash.of(new Pin("4826"), 1_000));
        return mailbox;
    }

    private void wrong(int times, Instant at) {
        for (int i = 1; i < times; i++) {
            assertThat(mailbox.tryPin("0000", at)).isEqualTo(PinVerdict.WRONG);
        }
    }

    @Test
    void theRightPinOpensAndClearsTheCount() {
        wrong(5, T0); // four wrong
        assertThat(mailbox.tryPin("4826", T0)).isEqualTo(PinVerdict.ACCEPTED);
        wrong(5, T0); // four more do not lock: the count started again
        assertThat(mailbox.tryPin("4826", T0)).isEqualTo(PinVerdict.ACCEPTED);
    }

    @Test
    void fiveWrongInARowLockFifteenMinutesEvenForTheRightPin() {
        wrong(5, T0);
        assertThat(mailbox.tryPin("0000", T0)).isEqualTo(PinVerdict.LOCKED_NOW);
        assertThat(mailbox.pinLockedUntil()).contains(T0.plus(Duration.ofMinutes(15)));
        assertThat(mailbox.tryPin("4826", T0.plusSeconds(60))).isEqualTo(PinVerdict.LOCKED);
        assertThat(mailbox.tryPin("4826", T0.plus(Duration.ofMinutes(15))))
                .isEqualTo(PinVerdict.ACCEPTED);
    }

    @Test
    void eachLockoutInARowLastsTwiceAsLong() {
        Instant at = T0;
        for (int lockout = 0; lockout < 3; lockout++) {
            wrong(5, at);
            assertThat(mailbox.tryPin("0000", at)).isEqualTo(PinVerdict.LOCKED_NOW);
            Duration expected = Duration.ofMinutes(15).multipliedBy(1L << lockout);
            assertThat(mailbox.pinLockedUntil()).contains(at.plus(expected));
            at = at.plus(expected);
        }
    }
}
