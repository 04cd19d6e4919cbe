package it.segreteria.voicemail.sip.control;

import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.sip.control.CallParties.Caller;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallPartiesTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"Mario Rossi\" <sip:+393331112222@carrier.example;user=phone>;tag=1 | +393331112222 | Mario Rossi",
                "<tel:+390212345678> | +390212345678 | ",
                "sip:100@pbx.example;tag=x | 100 | ",
                "Anna <sips:0212345678@pbx.example> | 0212345678 | Anna",
                "\"Quote \\\"Me\\\"\" <sip:555@x> | 555 | Quote \"Me\"",
                "\"Caf%C3%A9\" <sip:%2B39333@x> | +39333 | Caf%C3%A9"
            })
    void readsNumberAndDisplayName(String header, String number, String name) {
        assertThat(CallParties.parseIdentity(header)).contains(new Caller(number, name));
    }

    @Test
    void anonymousAndNonsenseAreNoIdentity() {
        assertThat(CallParties.parseIdentity("\"Anonymous\" <sip:anonymous@anonymous.invalid>"))
                .isEmpty();
        assertThat(CallParties.parseIdentity("<mailto:a@b>")).isEmpty();
        assertThat(CallParties.parseIdentity("")).isEmpty();
    }

    @Test
    void untrustedTextLosesControlCharactersAndIsBounded() {
        Optional<Caller> caller =
                CallParties.parseIdentity(
                        "\"Evil\r\nBcc: victim@example.com\u0000\u202E<b>x</b>\" <sip:1234@x>");
        assertThat(caller.orElseThrow().name()).isEqualTo("EvilBcc: victim@example.com<b>x</b>");
        String longName = "A".repeat(5000);
        assertThat(CallParties.parseIdentity("\"" + longName + "\" <sip:1@x>").orElseThrow().name())
                .hasSize(CallParties.MAX_NAME);
        Caller endless = CallParties.parseIdentity("<sip:" + "9".repeat(500) + "@x>").orElseThrow();
        assertThat(endless.number()).as("no telephone number is that long").isNull();
        assertThat(endless.name()).hasSize(CallParties.MAX_NAME);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "<sip:+39%20333%20111-2222@x> | +393331112222 | ",
                "<sip:(02)%201234.5678@x> | 0212345678 | ",
                "<sip:*31%23@x> | *31# | ",
                "\"Eve\" <sip:+39333Bcc%3A%20attacker@evil.example> | | Eve",
                "<sip:+39333Bcc%3A%20attacker@evil.example> | | +39333Bcc: attacker",
                "<sip:alice@example.com> | | alice",
                "<sip:1+2@x> | | 1+2"
            })
    void onlyATelephoneNumberIsTheCallersNumberAnythingElseIsAtMostShown(
            String header, String number, String name) {
        assertThat(CallParties.parseIdentity(header)).contains(new Caller(number, name));
    }
}
