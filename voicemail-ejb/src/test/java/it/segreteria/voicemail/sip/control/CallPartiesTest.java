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

    private static javax.sip.message.Request invite(String... headers) throws Exception {
        String text =
                "INVITE sip:+390255500100@127.0.0.1:5060 SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1\r\n"
                        + "From: <sip:3331112222@127.0.0.1>;tag=1\r\n"
                        + "To: <sip:+390255500100@127.0.0.1>\r\n"
                        + "Call-ID: failover-1\r\n"
                        + "CSeq: 1 INVITE\r\n"
                        + "Max-Forwards: 70\r\n"
                        + String.join(
                                "", java.util.Arrays.stream(headers).map(h -> h + "\r\n").toList())
                        + "Content-Length: 0\r\n\r\n";
        return (javax.sip.message.Request)
                new gov.nist.javax.sip.parser.StringMsgParser()
                        .parseSIPMessage(
                                text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                true,
                                false,
                                null);
    }

    @Test
    void aCallThePbxFailedIsToldFromAnOrdinaryForward() throws Exception {
        assertThat(
                        CallParties.failover(
                                invite(
                                        "Diversion: <sip:+390255500100@pbx.acme>;reason=out-of-service;counter=1")))
                .contains("Diversion reason out-of-service");
        assertThat(
                        CallParties.failover(
                                invite(
                                        "History-Info: <sip:+390255500100@pbx.acme?Reason=SIP%3Bcause%3D503>;index=1",
                                        "History-Info: <sip:+390255500100@vm.example>;index=1.1")))
                .contains("History-Info cause 503");
        assertThat(
                        CallParties.failover(
                                invite(
                                        "History-Info: <sip:+390255500100@pbx.acme;cause=500>;index=1")))
                .contains("History-Info cause 500");
        // forwards on no answer, busy, unconditional: the PBX works
        assertThat(
                        CallParties.failover(
                                invite("Diversion: <sip:+390255500100@pbx.acme>;reason=no-answer")))
                .isEmpty();
        assertThat(
                        CallParties.failover(
                                invite(
                                        "History-Info: <sip:+390255500100@pbx.acme;cause=408>;index=1")))
                .isEmpty();
        assertThat(CallParties.failover(invite())).isEmpty();
    }
}
