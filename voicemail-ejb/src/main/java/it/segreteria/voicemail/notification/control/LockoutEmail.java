package it.segreteria.voicemail.notification.control;

import it.segreteria.voicemail.shared.Language;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The email that tells a mailbox's owner (or, worded for them, the tenant's administrators) that
 * wrong PINs in a row locked it: until when, from which number the last one came (hostile text:
 * escaped, no line breaks in headers), and what to do. It never contains a PIN.
 */
public record LockoutEmail(
        String tenant,
        long notificationId,
        String recipient,
        boolean toOwner,
        String tenantName,
        String ownerName,
        String mailboxNumber,
        Language language,
        ZoneId timeZone,
        int wrongPins,
        Instant lockedUntil,
        String callerNumber)
        implements OutgoingEmail {

    @Override
    public MimeMessage build(Session session, MailSettings settings) throws MessagingException {
        MimeMessage mail =
                new NoticeEmail(recipient, subject(), text(), language, "pin-lockout")
                        .build(session, settings);
        mail.setHeader("X-Voicemail-Mailbox", VoicemailEmail.headerSafe(mailboxNumber));
        mail.saveChanges();
        return mail;
    }

    String subject() {
        return language == Language.ITALIAN
                ? "Casella vocale " + mailboxNumber + " bloccata per PIN errati"
                : "Voicemail box " + mailboxNumber + " locked after wrong PINs";
    }

    String text() {
        String until =
                DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm zzz", language.locale())
                        .format(lockedUntil.atZone(timeZone));
        String from =
                callerNumber == null ? null : callerNumber.replaceAll("\\p{Cntrl}", " ").strip();
        String number =
                from == null || from.isEmpty()
                        ? (language == Language.ITALIAN
                                ? "un numero nascosto"
                                : "a withheld number")
                        : from;
        if (!toOwner) {
            return language == Language.ITALIAN
                    ? "La casella vocale "
                            + mailboxNumber
                            + " di "
                            + ownerName
                            + " ("
                            + tenantName
                            + ") è bloccata fino a "
                            + until
                            + ": "
                            + wrongPins
                            + " PIN errati di fila, l'ultimo da "
                            + number
                            + ".\n\nSe non è stato il titolare, qualcuno potrebbe cercare di indovinarne"
                            + " il PIN.\n"
                    : "Voicemail box "
                            + mailboxNumber
                            + " of "
                            + ownerName
                            + " ("
                            + tenantName
                            + ") is locked until "
                            + until
                            + ": "
                            + wrongPins
                            + " wrong PINs in a row, the last one from "
                            + number
                            + ".\n\nIf its owner did not do this, somebody may be guessing their PIN.\n";
        }
        if (language == Language.ITALIAN) {
            return ownerName
                    + ",\n\n"
                    + "sono stati digitati "
                    + wrongPins
                    + " PIN errati di fila per la tua casella vocale "
                    + mailboxNumber
                    + (from == null || from.isEmpty()
                            ? " (da un numero nascosto)"
                            : " (l'ultimo dal numero " + from + ")")
                    + ".\n\n"
                    + "La casella è bloccata fino a "
                    + until
                    + ": fino ad allora nessuno può aprirla, nemmeno con il PIN giusto. I tuoi"
                    + " messaggi sono al sicuro e chi ti chiama può ancora lasciarne.\n\n"
                    + "Se non sei stato tu, avvisa il tuo amministratore. Se sei stato tu, riprova"
                    + " dopo quell'ora.\n";
        }
        return ownerName
                + ",\n\n"
                + wrongPins
                + " wrong PINs in a row were keyed for your voicemail box "
                + mailboxNumber
                + (from == null || from.isEmpty()
                        ? " (from a withheld number)"
                        : " (the last one from " + from + ")")
                + ".\n\n"
                + "The mailbox is locked until "
                + until
                + ": until then nobody can open it, not even with the right PIN. Your messages are"
                + " safe and callers can still leave new ones.\n\n"
                + "If this was not you, tell your administrator. If it was, try again after"
                + " that time.\n";
    }
}
