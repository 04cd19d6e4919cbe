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
        "vm-sorry"
    };

    private static final Map<Language, List<String>> OWN =
            Map.of(
                    Language.ENGLISH,
                    List.of("vm-no", "vm-INBOX", "vm-Old", "vm-message", "vm-messages"),
                    Language.ITALIAN,
                    List.of(
                            "vm-nonew",
                            "vm-one",
                            "vm-message-new",
                            "vm-messages-new",
                            "vm-message-saved",
                            "vm-messages-saved"));

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

    /** What the phone menu says, in the mailbox's language. */
    public Prompt say(Language language, Phrase phrase) {
        Map<String, Prompt> set = prompts.get(language);
        List<Prompt> parts = new java.util.ArrayList<>();
        if (phrase instanceof Phrase.AskMailbox) {
            parts.add(set.get("vm-login"));
        } else if (phrase instanceof Phrase.AskPin) {
            parts.add(set.get("vm-password"));
        } else if (phrase instanceof Phrase.LoginIncorrect incorrect) {
            parts.add(set.get("vm-incorrect"));
            parts.add(set.get(incorrect.askAgain() ? "vm-login" : "vm-goodbye"));
        } else if (phrase instanceof Phrase.Counts counts) {
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
        } else if (phrase instanceof Phrase.NotAnOption sorry) {
            parts.add(set.get("vm-sorry"));
            parts.add(set.get(sorry.inMessageMenu() ? "vm-msg-menu" : "vm-menu"));
        } else {
            parts.add(set.get("vm-goodbye"));
        }
        return Prompt.concat(parts.toArray(Prompt[]::new));
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

    public Prompt beep() {
        return BEEP;
    }

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
