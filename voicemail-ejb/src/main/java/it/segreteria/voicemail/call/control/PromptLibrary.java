package it.segreteria.voicemail.call.control;

import it.segreteria.voicemail.audio.Prompt;
import it.segreteria.voicemail.audio.Wav;
import it.segreteria.voicemail.call.entity.CallAction.Phrase;
import it.segreteria.voicemail.shared.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The prompts a caller hears, per language, decoded once at start-up. File names follow the
 * Asterisk core sounds ({@code vm-theperson}, {@code digits/1}, …), so {@code
 * voicemail.prompts.dir} can point at a professionally recorded set such as Debian's {@code
 * /usr/share/asterisk/sounds} ({@code <dir>/<language>/<name>.wav}); any file missing there comes
 * from the set bundled in the application.
 */
public final class PromptLibrary {

    public static final String DIR = "voicemail.prompts.dir";
    private static final String[] DEPOSIT = {
        "vm-theperson", "vm-isunavail", "vm-intro", "vm-msgsaved", "vm-goodbye"
    };

    /** The phone menu's; some exist in one language only (see {@link #counts}). */
    private static final String[] MENU = {
        "vm-login",
        "vm-password",
        "vm-incorrect",
        "vm-youhave",
        "vm-and",
        "vm-nomore",
        "vm-deleted",
        "vm-undeleted",
        "vm-kept",
        "vm-menu",
        "vm-msg-menu",
        "vm-sorry",
        "vm-tempgreetactive",
        "vm-extension",
        "vm-noextension",
        "vm-advopts",
        "vm-options",
        "vm-rec-greeting",
        "vm-rec-temp",
        "vm-tooshort",
        "vm-review",
        "vm-greeting-saved",
        "vm-tempgreeting2",
        "vm-tempremoved",
        "vm-newpassword",
        "vm-reenterpassword",
        "vm-mismatch",
        "vm-pin-refused",
        "vm-passchanged",
        "vm-failed",
        "vm-outage",
        "vm-connecting",
        "vm-forwarded",
        "vm-received",
        "vm-from",
        "vm-unknown-caller",
        "digits/at",
        "digits/today",
        "digits/yesterday",
        "digits/plus",
        "digits/day-0",
        "digits/day-1",
        "digits/day-2",
        "digits/day-3",
        "digits/day-4",
        "digits/day-5",
        "digits/day-6",
        "digits/mon-0",
        "digits/mon-1",
        "digits/mon-2",
        "digits/mon-3",
        "digits/mon-4",
        "digits/mon-5",
        "digits/mon-6",
        "digits/mon-7",
        "digits/mon-8",
        "digits/mon-9",
        "digits/mon-10",
        "digits/mon-11"
    };

    private static final Map<Language, List<String>> OWN =
            Map.of(
                    Language.ENGLISH,
                    List.of(
                            "vm-no",
                            "vm-INBOX",
                            "vm-Old",
                            "vm-message",
                            "vm-messages",
                            "digits/oclock",
                            "digits/oh"),
                    Language.ITALIAN,
                    List.of(
                            "vm-nonew",
                            "vm-one",
                            "vm-message-new",
                            "vm-messages-new",
                            "vm-message-saved",
                            "vm-messages-saved",
                            "digits/primo",
                            "digits/at-one"));

    /** Numbers are whole words up to this one; larger ones are read digit by digit. */
    private static final int LARGEST_WORD = 99;

    private static final Prompt BEEP = Prompt.tone(1000, 400, 0.4);

    private final Map<Language, Map<String, Prompt>> prompts = new EnumMap<>(Language.class);

    /**
     * Greetings and goodbyes as played, built once: a call plays a shared prompt instead of
     * allocating seconds of audio of its own (the garbage of hundreds of calls a second).
     */
    private final Map<String, Prompt> built = new ConcurrentHashMap<>();

    private static final int MAX_BUILT = 10_000;

    public PromptLibrary(Optional<Path> directory) {
        for (Language language : Language.values()) {
            Map<String, Prompt> set = new HashMap<>();
            List<String> names = new java.util.ArrayList<>(List.of(DEPOSIT));
            names.addAll(List.of(MENU));
            names.addAll(OWN.get(language));
            for (int n = 0; n <= LARGEST_WORD; n++) {
                names.add("digits/" + n);
            }
            for (String name : names) {
                set.put(name, load(directory, language, name));
            }
            prompts.put(language, set);
        }
    }

    /**
     * "The person at extension 1 0 0 is not available. Please leave your message after the tone…"
     */
    public Prompt greeting(Language language, String mailboxNumber) {
        return built(
                language.code() + "/greeting/" + mailboxNumber,
                () -> build(language, mailboxNumber));
    }

    private Prompt built(String key, java.util.function.Supplier<Prompt> build) {
        Prompt prompt = built.get(key);
        if (prompt == null) {
            if (built.size() >= MAX_BUILT) {
                built.clear();
            }
            prompt = build.get();
            built.put(key, prompt);
        }
        return prompt;
    }

    private Prompt build(Language language, String mailboxNumber) {
        Map<String, Prompt> set = prompts.get(language);
        Prompt[] parts = new Prompt[mailboxNumber.length() + 3];
        int i = 0;
        parts[i++] = set.get("vm-theperson");
        for (char digit : mailboxNumber.toCharArray()) {
            parts[i++] = set.get("digits/" + digit);
        }
        parts[i++] = set.get("vm-isunavail");
        parts[i] = set.get("vm-intro");
        return Prompt.concat(parts);
    }

    /** What the phone menu says, in the mailbox's language (dates in UTC). */
    public Prompt say(Language language, Phrase phrase) {
        return say(language, ZoneOffset.UTC, phrase);
    }

    /** What the phone menu says, in the mailbox's language, dates in its time zone. */
    public Prompt say(Language language, ZoneId zone, Phrase phrase) {
        return Prompt.concat(words(language, zone, Instant.now(), phrase).toArray(Prompt[]::new));
    }

    List<Prompt> words(Language language, ZoneId zone, Instant now, Phrase phrase) {
        Map<String, Prompt> set = prompts.get(language);
        List<Prompt> parts = new java.util.ArrayList<>();
        if (phrase instanceof Phrase.AskMailbox) {
            parts.add(set.get("vm-login"));
        } else if (phrase instanceof Phrase.AskPin) {
            parts.add(set.get("vm-password"));
        } else if (phrase instanceof Phrase.AskExtension) {
            parts.add(set.get("vm-extension"));
        } else if (phrase instanceof Phrase.NoSuchExtension none) {
            parts.add(set.get("vm-noextension"));
            parts.add(set.get(none.askAgain() ? "vm-extension" : "vm-goodbye"));
        } else if (phrase instanceof Phrase.LoginIncorrect incorrect) {
            parts.add(set.get("vm-incorrect"));
            parts.add(set.get(incorrect.askAgain() ? "vm-login" : "vm-goodbye"));
        } else if (phrase instanceof Phrase.Counts counts) {
            if (counts.temporaryGreeting()) {
                parts.add(set.get("vm-tempgreetactive"));
            }
            parts.addAll(counts(language, counts.fresh(), counts.saved()));
            parts.add(set.get("vm-menu"));
        } else if (phrase instanceof Phrase.MainMenu) {
            parts.add(set.get("vm-menu"));
        } else if (phrase instanceof Phrase.MessageMenu) {
            parts.add(set.get("vm-msg-menu"));
        } else if (phrase instanceof Phrase.NoMoreMessages) {
            parts.add(set.get("vm-nomore"));
            parts.add(set.get("vm-menu"));
        } else if (phrase instanceof Phrase.Deleted) {
            parts.add(set.get("vm-deleted"));
        } else if (phrase instanceof Phrase.Undeleted) {
            parts.add(set.get("vm-undeleted"));
        } else if (phrase instanceof Phrase.Saved) {
            parts.add(set.get("vm-kept"));
        } else if (phrase instanceof Phrase.AdvancedOptions) {
            parts.add(set.get("vm-advopts"));
        } else if (phrase instanceof Phrase.Envelope envelope) {
            parts.addAll(
                    envelope(
                            language,
                            envelope.receivedAt().atZone(zone),
                            now.atZone(zone),
                            envelope.callerNumber()));
        } else if (phrase instanceof Phrase.Options) {
            parts.add(set.get("vm-options"));
        } else if (phrase instanceof Phrase.RecordGreeting record) {
            parts.add(set.get(record.temporary() ? "vm-rec-temp" : "vm-rec-greeting"));
            parts.add(BEEP);
        } else if (phrase instanceof Phrase.RecordingTooShort record) {
            parts.add(set.get("vm-tooshort"));
            parts.add(set.get(record.temporary() ? "vm-rec-temp" : "vm-rec-greeting"));
            parts.add(BEEP);
        } else if (phrase instanceof Phrase.ReviewRecording) {
            parts.add(set.get("vm-review"));
        } else if (phrase instanceof Phrase.GreetingSaved) {
            parts.add(set.get("vm-greeting-saved"));
            parts.add(set.get("vm-options"));
        } else if (phrase instanceof Phrase.TemporaryGreetingMenu) {
            parts.add(set.get("vm-tempgreeting2"));
        } else if (phrase instanceof Phrase.TemporaryGreetingRemoved) {
            parts.add(set.get("vm-tempremoved"));
            parts.add(set.get("vm-options"));
        } else if (phrase instanceof Phrase.NewPin) {
            parts.add(set.get("vm-newpassword"));
        } else if (phrase instanceof Phrase.RepeatPin) {
            parts.add(set.get("vm-reenterpassword"));
        } else if (phrase instanceof Phrase.PinMismatch) {
            parts.add(set.get("vm-mismatch"));
            parts.add(set.get("vm-options"));
        } else if (phrase instanceof Phrase.PinRefused) {
            parts.add(set.get("vm-pin-refused"));
            parts.add(set.get("vm-options"));
        } else if (phrase instanceof Phrase.PinChanged) {
            parts.add(set.get("vm-passchanged"));
            parts.add(set.get("vm-options"));
        } else if (phrase instanceof Phrase.Failed) {
            parts.add(set.get("vm-failed"));
            parts.add(set.get("vm-options"));
        } else if (phrase instanceof Phrase.NotAnOption sorry) {
            parts.add(set.get("vm-sorry"));
            parts.add(
                    set.get(
                            switch (sorry.menu()) {
                                case MAIN -> "vm-menu";
                                case MESSAGE -> "vm-msg-menu";
                                case ADVANCED -> "vm-advopts";
                                case OPTIONS -> "vm-options";
                                case TEMPORARY_GREETING -> "vm-tempgreeting2";
                                case REVIEW -> "vm-review";
                            }));
        } else {
            parts.add(set.get("vm-goodbye"));
        }
        return parts;
    }

    /**
     * "Received today at 14 05 from 3 3 3 …" / "Ricevuto lunedì 2 dicembre alle 14 e 5 da 3 3 3 …":
     * today, yesterday, or the weekday and the date; the time on the 24-hour clock; the caller's
     * number digit by digit ("an unknown number" when withheld).
     */
    List<Prompt> envelope(
            Language language, ZonedDateTime received, ZonedDateTime now, String callerNumber) {
        Map<String, Prompt> set = prompts.get(language);
        List<Prompt> parts = new java.util.ArrayList<>();
        parts.add(set.get("vm-received"));
        long days =
                java.time.temporal.ChronoUnit.DAYS.between(
                        received.toLocalDate(), now.toLocalDate());
        boolean italian = language == Language.ITALIAN;
        if (days == 0) {
            parts.add(set.get("digits/today"));
        } else if (days == 1) {
            parts.add(set.get("digits/yesterday"));
        } else {
            parts.add(set.get("digits/day-" + received.getDayOfWeek().getValue() % 7));
            Prompt month = set.get("digits/mon-" + (received.getMonthValue() - 1));
            int day = received.getDayOfMonth();
            if (italian) { // "lunedì primo dicembre", "martedì 2 dicembre"
                parts.add(day == 1 ? set.get("digits/primo") : set.get("digits/" + day));
                parts.add(month);
            } else { // "Monday December 2"
                parts.add(month);
                parts.add(set.get("digits/" + day));
            }
        }
        int hour = received.getHour();
        int minute = received.getMinute();
        if (italian) { // "alle quattordici e cinque", "all'una"
            if (hour == 1) {
                parts.add(set.get("digits/at-one"));
            } else {
                parts.add(set.get("digits/at"));
                parts.add(set.get("digits/" + hour));
            }
            if (minute > 0) {
                parts.add(set.get("vm-and"));
                parts.add(set.get("digits/" + minute));
            }
        } else { // "at fourteen oh five", "at nine o'clock"
            parts.add(set.get("digits/at"));
            parts.add(set.get("digits/" + hour));
            if (minute == 0) {
                parts.add(set.get("digits/oclock"));
            } else {
                if (minute < 10) {
                    parts.add(set.get("digits/oh"));
                }
                parts.add(set.get("digits/" + minute));
            }
        }
        String number = callerNumber == null ? "" : callerNumber.strip();
        String digits = number.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            parts.add(set.get("vm-unknown-caller"));
        } else {
            parts.add(set.get("vm-from"));
            if (number.startsWith("+")) {
                parts.add(set.get("digits/plus"));
            }
            for (char digit : digits.toCharArray()) {
                parts.add(set.get("digits/" + digit));
            }
        }
        return parts;
    }

    /**
     * "You have three new messages and one saved message" / "Hai tre messaggi nuovi e un messaggio
     * salvato"; the saved ones only when there are some; "You have no new messages" / "Non hai
     * messaggi nuovi" for none.
     */
    List<Prompt> counts(Language language, int fresh, int saved) {
        Map<String, Prompt> set = prompts.get(language);
        List<Prompt> parts = new java.util.ArrayList<>();
        if (language == Language.ITALIAN) {
            if (fresh == 0) {
                parts.add(set.get("vm-nonew"));
                if (saved > 0) {
                    parts.add(set.get("vm-youhave"));
                    countIt(set, parts, saved, "saved");
                }
            } else {
                parts.add(set.get("vm-youhave"));
                countIt(set, parts, fresh, "new");
                if (saved > 0) {
                    parts.add(set.get("vm-and"));
                    countIt(set, parts, saved, "saved");
                }
            }
        } else {
            parts.add(set.get("vm-youhave"));
            parts.add(fresh == 0 ? set.get("vm-no") : number(set, fresh));
            parts.add(set.get("vm-INBOX"));
            parts.add(set.get(fresh == 1 ? "vm-message" : "vm-messages"));
            if (saved > 0) {
                parts.add(set.get("vm-and"));
                parts.add(number(set, saved));
                parts.add(set.get("vm-Old"));
                parts.add(set.get(saved == 1 ? "vm-message" : "vm-messages"));
            }
        }
        return parts;
    }

    /** "un messaggio nuovo", "tre messaggi salvati". */
    private static void countIt(
            Map<String, Prompt> set, List<Prompt> parts, int count, String kind) {
        parts.add(count == 1 ? set.get("vm-one") : number(set, count)); // "un", not "uno"
        parts.add(set.get((count == 1 ? "vm-message-" : "vm-messages-") + kind));
    }

    /** A number as words (up to {@value #LARGEST_WORD}), larger ones digit by digit. */
    private static Prompt number(Map<String, Prompt> set, int n) {
        if (n >= 0 && n <= LARGEST_WORD) {
            return set.get("digits/" + n);
        }
        String digits = Integer.toString(n);
        Prompt[] parts = new Prompt[digits.length()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = set.get("digits/" + digits.charAt(i));
        }
        return Prompt.concat(parts);
    }

    /** One prompt by its file name ({@code vm-login}, {@code digits/7}). */
    Prompt named(Language language, String name) {
        return prompts.get(language).get(name);
    }

    public Prompt beep() {
        return BEEP;
    }

    /**
     * "Our office phones are out of service for the moment…": played before the greeting while the
     * tenant is in an outage (docs/continuity.md).
     */
    public Prompt outage(Language language) {
        return prompts.get(language).get("vm-outage");
    }

    /** "Please hold, we are connecting your call": an outage call whose plan rings phones. */
    public Prompt connecting(Language language) {
        return prompts.get(language).get("vm-connecting");
    }

    /**
     * To the phone that answered an outage call: "a call forwarded by the voicemail service… press
     * 1 to take it" (so that a mobile's own voicemail never takes the call).
     */
    public Prompt forwarded(Language language) {
        return prompts.get(language).get("vm-forwarded");
    }

    /**
     * One ring of the ringback tone the caller hears while phones ring: 425 Hz, 1 s on, 4 s off.
     */
    public Prompt ringback() {
        return RINGBACK;
    }

    private static final Prompt RINGBACK =
            Prompt.concat(Prompt.tone(425, 1000, 0.25), Prompt.of(new short[4 * 8000]));

    /** "Message saved. Goodbye." — or only "Goodbye." when nothing was kept. */
    public Prompt goodbye(Language language, boolean messageSaved) {
        Map<String, Prompt> set = prompts.get(language);
        if (!messageSaved) {
            return set.get("vm-goodbye");
        }
        return built(
                language.code() + "/goodbye",
                () -> Prompt.concat(set.get("vm-msgsaved"), set.get("vm-goodbye")));
    }

    private static Prompt load(Optional<Path> directory, Language language, String name) {
        String relative = language.code() + "/" + name + ".wav";
        try {
            if (directory.isPresent()) {
                Path file = directory.get().resolve(relative);
                if (Files.isReadable(file)) {
                    try (InputStream in = Files.newInputStream(file)) {
                        return Prompt.of(Wav.read(in));
                    }
                }
            }
            try (InputStream in = PromptLibrary.class.getResourceAsStream("/prompts/" + relative)) {
                if (in == null) {
                    throw new IllegalStateException("bundled prompt " + relative + " is missing");
                }
                return Prompt.of(Wav.read(in));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prompt " + relative, e);
        }
    }
}
