package it.segreteria.voicemail.notification.control;

import it.segreteria.voicemail.shared.AttachmentPolicy;
import it.segreteria.voicemail.shared.Language;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * The notification email of a voicemail: subject with the caller, a text and an HTML body in the
 * mailbox's language with the date and time in its time zone, the caller's number and name, the
 * number called and the duration, a one-tap call-back link, and the audio per the attachment
 * policy. Every value from the network is treated as hostile: no line breaks reach a header, HTML
 * is escaped, and odd or long values still make a valid email. The Message-ID is the same for every
 * attempt, so a mail client never shows a retry twice.
 */
public final class VoicemailEmail {

    private static final Pattern DIALLABLE = Pattern.compile("\\+?[0-9*#]{1,32}");
    private static final int MAX_SUBJECT_NAME = 80;

    private VoicemailEmail() {}

    public static MimeMessage build(Session session, MailSettings settings, EmailJob job)
            throws MessagingException {
        Texts texts = Texts.of(job.language());
        MimeMessage mail =
                new FixedIdMessage(
                        session,
                        "<voicemail-"
                                + job.tenant()
                                + "-"
                                + job.messageId()
                                + "@"
                                + settings.domain()
                                + ">");
        mail.setFrom(new InternetAddress(settings.from()));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress(job.recipient()));
        mail.setSubject(subject(texts, job), "UTF-8");
        mail.setSentDate(java.util.Date.from(job.receivedAt()));
        mail.setHeader("Auto-Submitted", "auto-generated");
        mail.setHeader("X-Voicemail-Mailbox", headerSafe(job.mailboxNumber()));
        mail.setHeader(
                "X-Voicemail-Caller-Number",
                headerSafe(job.callerNumber() == null ? "unknown" : job.callerNumber()));
        mail.setHeader("X-Voicemail-Duration", Long.toString(job.duration().toSeconds()));
        mail.setHeader("X-Voicemail-Message-Id", Long.toString(job.messageId()));

        MimeBodyPart text = new MimeBodyPart();
        text.setText(text(texts, settings, job), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(html(texts, settings, job), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);

        if (job.attachments() == AttachmentPolicy.ATTACH && job.wav() != null) {
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            MimeBodyPart audio = new MimeBodyPart();
            audio.setDataHandler(new DataHandler(new ByteArrayDataSource(job.wav(), "audio/wav")));
            audio.setFileName(fileName(job));
            audio.setDisposition(MimeBodyPart.ATTACHMENT);
            MimeMultipart mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(body);
            mixed.addBodyPart(audio);
            mail.setContent(mixed);
        } else {
            mail.setContent(alternative);
        }
        mail.saveChanges();
        return mail;
    }

    static String subject(Texts texts, EmailJob job) {
        String caller = caller(texts, job);
        return headerSafe(
                texts.subject
                        + " "
                        + (caller.length() > MAX_SUBJECT_NAME
                                ? caller.substring(0, MAX_SUBJECT_NAME) + "…"
                                : caller));
    }

    private static String caller(Texts texts, EmailJob job) {
        String name = job.callerName();
        String number = job.callerNumber();
        if (name != null && number != null && !name.equals(number)) {
            return name + " (" + number + ")";
        }
        if (number != null) {
            return number;
        }
        return name != null ? name : texts.unknownCaller;
    }

    static String text(Texts texts, MailSettings settings, EmailJob job) {
        StringBuilder t = new StringBuilder();
        t.append(String.format(texts.intro, job.ownerName(), job.mailboxNumber())).append("\n\n");
        line(t, texts.from, job.callerName() == null ? texts.unknownName : job.callerName());
        line(
                t,
                texts.number,
                job.callerNumber() == null ? texts.unknownNumber : job.callerNumber());
        line(t, texts.called, job.calledNumber() == null ? "-" : job.calledNumber());
        line(t, texts.received, when(job));
        line(t, texts.duration, duration(job));
        t.append('\n');
        callBack(job).ifPresent(tel -> line(t, texts.callBack, tel));
        if (job.attachments() != AttachmentPolicy.NOTIFY) {
            line(t, texts.listen, link(settings, job));
        }
        if (job.attachments() == AttachmentPolicy.ATTACH) {
            t.append(texts.attached).append('\n');
        }
        return t.toString();
    }

    static String html(Texts texts, MailSettings settings, EmailJob job) {
        StringBuilder h =
                new StringBuilder("<!DOCTYPE html><html lang=\"")
                        .append(job.language().code())
                        .append("\"><body style=\"font-family:sans-serif\">");
        h.append("<p>")
                .append(escape(String.format(texts.intro, job.ownerName(), job.mailboxNumber())))
                .append("</p><table>");
        row(h, texts.from, escape(job.callerName() == null ? texts.unknownName : job.callerName()));
        String number =
                escape(job.callerNumber() == null ? texts.unknownNumber : job.callerNumber());
        row(
                h,
                texts.number,
                callBack(job)
                        .map(tel -> "<a href=\"" + escape(tel) + "\">" + number + "</a>")
                        .orElse(number));
        row(h, texts.called, escape(job.calledNumber() == null ? "-" : job.calledNumber()));
        row(h, texts.received, escape(when(job)));
        row(h, texts.duration, escape(duration(job)));
        h.append("</table>");
        callBack(job)
                .ifPresent(
                        tel ->
                                h.append("<p><a href=\"")
                                        .append(escape(tel))
                                        .append("\">")
                                        .append(escape(texts.callBack))
                                        .append("</a></p>"));
        if (job.attachments() != AttachmentPolicy.NOTIFY) {
            h.append("<p><a href=\"")
                    .append(escape(link(settings, job)))
                    .append("\">")
                    .append(escape(texts.listen))
                    .append("</a></p>");
        }
        if (job.attachments() == AttachmentPolicy.ATTACH) {
            h.append("<p>").append(escape(texts.attached)).append("</p>");
        }
        return h.append("</body></html>").toString();
    }

    private static void line(StringBuilder t, String label, String value) {
        t.append(label).append(": ").append(value.replaceAll("[\\r\\n]+", " ")).append('\n');
    }

    private static void row(StringBuilder h, String label, String htmlValue) {
        h.append("<tr><th style=\"text-align:left;padding-right:1em\">")
                .append(escape(label))
                .append("</th><td>")
                .append(htmlValue)
                .append("</td></tr>");
    }

    static String when(EmailJob job) {
        ZonedDateTime local = job.receivedAt().atZone(job.timeZone());
        return DateTimeFormatter.ofPattern(
                        "EEEE d MMMM yyyy, HH:mm:ss zzz", job.language().locale())
                .format(local);
    }

    static String duration(EmailJob job) {
        long seconds = Math.round(job.duration().toMillis() / 1000.0);
        return String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    private static java.util.Optional<String> callBack(EmailJob job) {
        if (job.callerNumber() == null) {
            return java.util.Optional.empty();
        }
        String number = job.callerNumber().replaceAll("[\\s().-]", "");
        return DIALLABLE.matcher(number).matches()
                ? java.util.Optional.of("tel:" + number)
                : java.util.Optional.empty();
    }

    private static String link(MailSettings settings, EmailJob job) {
        String base =
                settings.portalUrl().endsWith("/")
                        ? settings.portalUrl()
                        : settings.portalUrl() + "/";
        return base + "messages/" + job.messageId();
    }

    private static String fileName(EmailJob job) {
        return "voicemail-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                        .format(job.receivedAt().atZone(job.timeZone()))
                + ".wav";
    }

    /** No line breaks or other control characters in a header value. */
    static String headerSafe(String value) {
        StringBuilder safe = new StringBuilder();
        value.codePoints().filter(c -> !Character.isISOControl(c)).forEach(safe::appendCodePoint);
        String result = safe.toString().strip();
        return result.length() > 200 ? result.substring(0, 200) : result;
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /**
     * A message whose Message-ID stays the one we chose (Jakarta Mail would make a new one on every
     * save).
     */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }

    /** The words of the email, per language. */
    enum Texts {
        EN(
                "New voicemail from",
                "%s, you have a new voice message in mailbox %s.",
                "From",
                "Number",
                "Called number",
                "Received",
                "Duration",
                "Call back",
                "Listen in the portal",
                "The recording is attached.",
                "an unknown caller",
                "(not given)",
                "(withheld)"),
        IT(
                "Nuovo messaggio vocale da",
                "%s, hai un nuovo messaggio vocale nella casella %s.",
                "Da",
                "Numero",
                "Numero chiamato",
                "Ricevuto",
                "Durata",
                "Richiama",
                "Ascolta nel portale",
                "La registrazione è allegata.",
                "un chiamante sconosciuto",
                "(non indicato)",
                "(nascosto)");
        final String subject,
                intro,
                from,
                number,
                called,
                received,
                duration,
                callBack,
                listen,
                attached,
                unknownCaller,
                unknownName,
                unknownNumber;

        Texts(
                String subject,
                String intro,
                String from,
                String number,
                String called,
                String received,
                String duration,
                String callBack,
                String listen,
                String attached,
                String unknownCaller,
                String unknownName,
                String unknownNumber) {
            this.subject = subject;
            this.intro = intro;
            this.from = from;
            this.number = number;
            this.called = called;
            this.received = received;
            this.duration = duration;
            this.callBack = callBack;
            this.listen = listen;
            this.attached = attached;
            this.unknownCaller = unknownCaller;
            this.unknownName = unknownName;
            this.unknownNumber = unknownNumber;
        }

        static Texts of(Language language) {
            return language == Language.ITALIAN ? IT : EN;
        }
    }
}
