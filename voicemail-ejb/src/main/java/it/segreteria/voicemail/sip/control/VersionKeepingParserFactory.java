package it.segreteria.voicemail.sip.control;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.StringMsgParserFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The stack's own message parser, plus the SIP version of a request's first line. JAIN-SIP parses
 * {@code OPTIONS sip:x SIP/7.0} into a request line that says {@code SIP/2.0}, so neither the stack
 * nor the agent could tell that the request must be refused with 505 (RFC 3261 21.5.6, RFC 4475
 * 3.1.2.16). The real version is attached to the parsed request as its application data ({@link
 * UnsupportedVersion}), read by {@link SipCallAgent}. Named in the stack's properties ({@code
 * gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}), which instantiate it by reflection.
 */
public final class VersionKeepingParserFactory implements MessageParserFactory {

    /** The version of a request that is not SIP/2.0. */
    public record UnsupportedVersion(String version) {}

    private final MessageParserFactory standard = new StringMsgParserFactory();

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        MessageParser parser = standard.createMessageParser(stack);
        return (bytes, readBody, strict, listener) -> {
            SIPMessage message = parser.parseSIPMessage(bytes, readBody, strict, listener);
            if (message instanceof SIPRequest) {
                requestVersion(bytes)
                        .filter(version -> !version.equals("SIP/2.0"))
                        .ifPresent(
                                version ->
                                        message.setApplicationData(
                                                new UnsupportedVersion(version)));
            }
            return message;
        };
    }

    /** The last word of the first non-empty line of a request, if it looks like SIP/x.y. */
    static Optional<String> requestVersion(byte[] bytes) {
        int start = 0;
        while (start < bytes.length && (bytes[start] == '\r' || bytes[start] == '\n')) {
            start++;
        }
        int end = start;
        while (end < bytes.length
                && bytes[end] != '\r'
                && bytes[end] != '\n'
                && end - start < 8192) {
            end++;
        }
        String line = new String(bytes, start, end - start, StandardCharsets.ISO_8859_1).strip();
        String version = line.substring(line.lastIndexOf(' ') + 1);
        return version.regionMatches(true, 0, "SIP/", 0, 4)
                ? Optional.of(version.toUpperCase(java.util.Locale.ROOT))
                : Optional.empty();
    }
}
