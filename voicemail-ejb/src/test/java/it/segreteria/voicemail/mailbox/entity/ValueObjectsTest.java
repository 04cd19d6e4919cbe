package it.segreteria.voicemail.mailbox.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import it.segreteria.voicemail.shared.PhoneNumber;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueObjectsTest {

    @ParameterizedTest
    @ValueSource(strings = {"1", "100", "0100", "123456789012345"})
    void mailboxNumbersAreDigits(String number) {
        assertThat(MailboxNumber.of(number).value()).isEqualTo(number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10a", "+100", "1234567890123456", " 100", "١٠٠"})
    void mailboxNumbersRefuseAnythingElse(String number) {
        assertThatIllegalArgumentException().isThrownBy(() -> MailboxNumber.of(number));
    }

    @ParameterizedTest
    @CsvSource({
        "'+39 02 1234-5678', +390212345678",
        "'(02) 1234.5678', 0212345678",
        "' +44 20 7946 0100 ', +442079460100",
        "112, 112"
    })
    void phoneNumbersAreNormalised(String written, String normalised) {
        assertThat(PhoneNumber.parse(written).value()).isEqualTo(normalised);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "12",
                "+",
                "++39021234",
                "02 1234 x5",
                "sip:100@pbx",
                "12345678901234567"
            })
    void phoneNumbersRefuseAnythingElse(String written) {
        assertThatIllegalArgumentException().isThrownBy(() -> PhoneNumber.parse(written));
    }

    @Test
    void emailAddressesAreCheckedDeduplicatedAndRoundTrip() {
        EmailAddresses emails =
                EmailAddresses.of(
                        "Mario.Rossi@ACME.example", "mario.rossi@acme.example", "b@x.example");
        assertThat(emails.values())
                .containsExactly(
                        "Mario.Rossi@acme.example", "mario.rossi@acme.example", "b@x.example");
        assertThat(EmailAddresses.fromJoined(emails.joined())).isEqualTo(emails);
        assertThat(EmailAddresses.fromJoined(null)).isEqualTo(EmailAddresses.NONE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "plain",
                "a@",
                "@b.example",
                "Mario <m@acme.example>",
                "a@b.example, c@d.example",
                "a@b.example\r\nBcc: x@evil.example"
            })
    void emailAddressesRefuseAnythingButOneBareAddress(String address) {
        assertThatIllegalArgumentException().isThrownBy(() -> new EmailAddresses(List.of(address)));
    }
}
