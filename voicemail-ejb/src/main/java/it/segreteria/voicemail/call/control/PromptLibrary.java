package it.segreteria.voicemail.call.control;

import it.segreteria.voicemail.audio.Prompt;
import it.segreteria.voicemail.audio.Wav;
import it.segreteria.voicemail.shared.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
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
    private static final String[] NAMES = {
        "vm-theperson", "vm-isunavail", "vm-intro", "vm-msgsaved", "vm-goodbye",
        "digits/0", "digits/1", "digits/2", "digits/3", "digits/4",
        "digits/5", "digits/6", "digits/7", "digits/8", "digits/9"
    };
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
            for (String name : NAMES) {
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
