package it.segreteria.voicemail.shared;

import java.util.Locale;

/** What a notification email carries of the message's audio. */
public enum AttachmentPolicy {
    /** The recording as a WAV attachment. */
    ATTACH,
    /** A link to the message in the web portal, no audio in the email. */
    LINK,
    /** Only the details: who, when, how long. */
    NOTIFY;

    public static AttachmentPolicy parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not an attachment policy (attach, link or notify)");
        }
    }
}
