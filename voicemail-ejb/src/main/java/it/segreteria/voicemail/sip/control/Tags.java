package it.segreteria.voicemail.sip.control;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Random SIP tags (RFC 3261 19.3): unguessable, so a tag never lets a third party join a dialog.
 */
public final class Tags {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tags() {}

    public static String next() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
