package it.segreteria.voicemail.mailbox.entity;

import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.mailbox.entity.Employee.EmployeeProfile;
import it.segreteria.voicemail.shared.PhoneNumber;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whose phone a caller's number is, as networks present it. */
class EmployeeTest {

    private static Employee withPhones(String... phones) {
        return new Employee(
                "mrossi",
                new EmployeeProfile(
                        "Mario Rossi",
                        EmailAddresses.NONE,
                        false,
                        java.util.Arrays.stream(phones).map(PhoneNumber::parse).toList()));
    }

    @Test
    void theSamePhoneInInternationalNationalAndDialledForms() {
        Employee mario = withPhones("+39 333 123 4567", "+44 20 7946 0100");
        assertThat(mario.owns("+393331234567")).isTrue();
        assertThat(mario.owns("00393331234567")).isTrue();
        assertThat(mario.owns("3331234567")).isTrue();
        assertThat(mario.owns("02079460100")).as("UK national, trunk 0").isTrue();
        assertThat(mario.owns("sip:+393331234567")).isTrue();
    }

    @Test
    void otherNumbersShortNumbersAndWithheldOnesAreNotTheirs() {
        Employee mario = withPhones("+393331234567");
        assertThat(mario.owns("+393331234568")).isFalse();
        assertThat(mario.owns("+443331234567")).as("same digits, another country").isFalse();
        assertThat(mario.owns("234567")).as("too short to tell").isFalse();
        assertThat(mario.owns(null)).isFalse();
        assertThat(mario.owns("anonymous")).isFalse();
        assertThat(withPhones().owns("+393331234567")).isFalse();
    }

    @Test
    void phonesAreKeptInOrderAndChangesAreSeen() {
        Employee mario = withPhones("+393331234567", "+390255500100");
        assertThat(mario.phones())
                .containsExactly(
                        new PhoneNumber("+393331234567"), new PhoneNumber("+390255500100"));
        assertThat(
                        mario.apply(
                                new EmployeeProfile(
                                        "Mario Rossi",
                                        EmailAddresses.NONE,
                                        false,
                                        List.of(new PhoneNumber("+393331234567")))))
                .isTrue();
        assertThat(mario.phones()).containsExactly(new PhoneNumber("+393331234567"));
        assertThat(Employee.tail("+39 333 123 4567")).isEqualTo(Optional.of("1234567"));
        assertThat(Employee.tail("12345")).isEmpty();
    }
}
