package it.segreteria.voicemail.sip.control;

import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.sip.control.VersionKeepingParserFactory.UnsupportedVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VersionKeepingParserFactoryTest {

    private static final String REQUEST =
            "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKv1\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:a@x>;tag=1\r\nTo: <sip:b@y>\r\n"
                    + "Call-ID: v1@x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

    @Test
    void aRequestOfAnotherVersionKeepsItThroughTheStacksParser() throws Exception {
        Object kept = parse("OPTIONS sip:b@y SIP/7.0\r\n" + REQUEST).getApplicationData();

        assertThat(kept).isEqualTo(new UnsupportedVersion("SIP/7.0"));
    }

    @Test
    void aSip20RequestAndAResponseCarryNothing() throws Exception {
        assertThat(parse("OPTIONS sip:b@y SIP/2.0\r\n" + REQUEST).getApplicationData()).isNull();
        assertThat(parse("\r\nOPTIONS sip:b@y sip/2.0\r\n" + REQUEST).getApplicationData())
                .isNull();
        assertThat(parse("SIP/2.0 200 OK\r\n" + REQUEST).getApplicationData()).isNull();
    }

    private static gov.nist.javax.sip.message.SIPMessage parse(String text) throws Exception {
        return new VersionKeepingParserFactory()
                .createMessageParser(null)
                .parseSIPMessage(text.getBytes(StandardCharsets.US_ASCII), true, false, null);
    }
}
