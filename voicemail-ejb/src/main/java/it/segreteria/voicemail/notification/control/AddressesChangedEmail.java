package it.segreteria.voicemail.notification.control;

import it.segreteria.voicemail.shared.Language;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The words of the email that tells an employee where their voicemail emails go from now on, sent
 * to the old addresses and the new: someone who changed them with a stolen session cannot do it
 * unseen.
 */
public record AddressesChangedEmail(String subject, String body) {

    public static AddressesChangedEmail of(
            String mailbox,
            List<String> before,
            List<String> after,
            String actor,
            Instant at,
            Language language,
            ZoneId zone) {
        String when =
                DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm:ss zzz", language.locale())
                        .format(at.atZone(zone));
        if (language == Language.ITALIAN) {
            return new AddressesChangedEmail(
                    "Segreteria: le email della casella " + mailbox + " cambiano indirizzo",
                    "Da "
                            + when
                            + " le email dei nuovi messaggi della casella "
                            + mailbox
                            + " vanno a: "
                            + String.join(", ", after)
                            + ".\n\nPrima andavano a: "
                            + String.join(", ", before)
                            + ".\n\nCambiato nel portale da: "
                            + actor
                            + ".\n\nSe non sei stato tu, cambia la password e avvisa"
                            + " l'amministratore IT.\n");
        }
        return new AddressesChangedEmail(
                "Voicemail: the emails of mailbox " + mailbox + " go to new addresses",
                "Since "
                        + when
                        + " the emails of new messages in mailbox "
                        + mailbox
                        + " go to: "
                        + String.join(", ", after)
                        + ".\n\nBefore, they went to: "
                        + String.join(", ", before)
                        + ".\n\nChanged in the portal by: "
                        + actor
                        + ".\n\nIf this was not you, change your password and tell your IT"
                        + " administrator.\n");
    }
}
