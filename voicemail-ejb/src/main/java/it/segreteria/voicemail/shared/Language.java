package it.segreteria.voicemail.shared;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The languages the service speaks: prompts, greetings and notification emails exist in each. */
public enum Language {
    ITALIAN("it"),
    ENGLISH("en");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public Locale locale() {
        return Locale.forLanguageTag(code);
    }

    /** Accepts an ISO 639-1 code or a language tag such as {@code it-IT}; case does not matter. */
    public static Language fromCode(String tag) {
        if (tag != null) {
            String primary = Locale.forLanguageTag(tag.trim().replace('_', '-')).getLanguage();
            for (Language language : values()) {
                if (language.code.equals(primary)) {
                    return language;
                }
            }
        }
        throw new IllegalArgumentException(
                "'" + tag + "' is not a supported language (supported: " + supportedCodes() + ")");
    }

    public static String supportedCodes() {
        return Arrays.stream(values()).map(Language::code).collect(Collectors.joining(", "));
    }
}
