package it.segreteria.voicemail.notification.control;

import it.segreteria.voicemail.continuity.entity.OutageChanged;
import it.segreteria.voicemail.shared.Language;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The words of the email that tells a tenant's administrators an outage started (since when, why)
 * or ended (how long it lasted, how many calls the service took over), in the tenant's language and
 * time zone.
 */
public record OutageEmail(String subject, String body) {

    public static OutageEmail of(
            OutageChanged change, String tenantName, Language language, ZoneId zone) {
        DateTimeFormatter when =
                DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm:ss zzz", language.locale());
        String since = when.format(change.since().atZone(zone));
        boolean italian = language == Language.ITALIAN;
        if (change.started()) {
            return italian
                    ? new OutageEmail(
                            "Segreteria: emergenza attiva per " + tenantName,
                            "Dal "
                                    + since
                                    + " la segreteria virtuale risponde alle chiamate di "
                                    + tenantName
                                    + ".\n\nMotivo: "
                                    + change.reason()
                                    + "\n\nFinisce da sola quando il centralino torna a rispondere"
                                    + " (modalità AUTO), o quando la modalità viene cambiata.\n")
                    : new OutageEmail(
                            "Voicemail: outage mode on for " + tenantName,
                            "Since "
                                    + since
                                    + " the voicemail service is taking over the calls of "
                                    + tenantName
                                    + ".\n\nWhy: "
                                    + change.reason()
                                    + "\n\nIt ends by itself when the office phone system answers"
                                    + " again (mode AUTO), or when the mode is changed.\n");
        }
        String ended = when.format(change.ended().atZone(zone));
        String lasted = duration(change.duration());
        return italian
                ? new OutageEmail(
                        "Segreteria: emergenza finita per " + tenantName,
                        "L'emergenza di "
                                + tenantName
                                + " iniziata "
                                + since
                                + " è finita "
                                + ended
                                + " ("
                                + change.actor()
                                + "), dopo "
                                + lasted
                                + ".\n\nChiamate prese dalla segreteria nel frattempo: "
                                + change.calls()
                                + ".\n")
                : new OutageEmail(
                        "Voicemail: outage over for " + tenantName,
                        "The outage of "
                                + tenantName
                                + " that began "
                                + since
                                + " ended "
                                + ended
                                + " ("
                                + change.actor()
                                + "), after "
                                + lasted
                                + ".\n\nCalls the voicemail service took over meanwhile: "
                                + change.calls()
                                + ".\n");
    }

    private static String duration(Duration lasted) {
        long seconds = lasted.toSeconds();
        return String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
