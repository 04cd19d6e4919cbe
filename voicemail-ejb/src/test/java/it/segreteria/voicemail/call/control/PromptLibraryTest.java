package it.segreteria.voicemail.call.control;

import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.audio.Prompt;
import it.segreteria.voicemail.shared.Language;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Dates, times and numbers are put together the way each language says them. */
class PromptLibraryTest {

    private static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 12, 4, 9, 0, 0, 0, ROME);

    private final PromptLibrary prompts = new PromptLibrary(Optional.empty());

    private List<Prompt> said(Language language, String... names) {
        return Arrays.stream(names).map(name -> prompts.named(language, name)).toList();
    }

    @Test
    void italianSaysTheWeekdayTheDayTheMonthAndTheTimeWithE() {
        ZonedDateTime received = ZonedDateTime.of(2026, 12, 2, 14, 5, 0, 0, ROME); // Wednesday
        assertThat(prompts.envelope(Language.ITALIAN, received, NOW, "+39 02 123"))
                .containsExactlyElementsOf(
                        said(
                                Language.ITALIAN,
                                "vm-received",
                                "digits/day-3",
                                "digits/2",
                                "digits/mon-11",
                                "digits/at",
                                "digits/14",
                                "vm-and",
                                "digits/5",
                                "vm-from",
                                "digits/plus",
                                "digits/3",
                                "digits/9",
                                "digits/0",
                                "digits/2",
                                "digits/1",
                                "digits/2",
                                "digits/3"));
    }

    @Test
    void italianSaysPrimoAndAllUna() {
        ZonedDateTime received = ZonedDateTime.of(2026, 12, 1, 1, 0, 0, 0, ROME); // Tuesday
        assertThat(prompts.envelope(Language.ITALIAN, received, NOW, null))
                .containsExactlyElementsOf(
                        said(
                                Language.ITALIAN,
                                "vm-received",
                                "digits/day-2",
                                "digits/primo",
                                "digits/mon-11",
                                "digits/at-one",
                                "vm-unknown-caller"));
    }

    @Test
    void englishSaysTodayAndYesterdayAndOhForMinutesBelowTen() {
        assertThat(
                        prompts.envelope(
                                Language.ENGLISH,
                                ZonedDateTime.of(2026, 12, 4, 8, 7, 0, 0, ROME),
                                NOW,
                                "anonymous"))
                .containsExactlyElementsOf(
                        said(
                                Language.ENGLISH,
                                "vm-received",
                                "digits/today",
                                "digits/at",
                                "digits/8",
                                "digits/oh",
                                "digits/7",
                                "vm-unknown-caller"));
        assertThat(
                        prompts.envelope(
                                Language.ENGLISH,
                                ZonedDateTime.of(2026, 12, 3, 17, 0, 0, 0, ROME),
                                NOW,
                                "0212"))
                .containsExactlyElementsOf(
                        said(
                                Language.ENGLISH,
                                "vm-received",
                                "digits/yesterday",
                                "digits/at",
                                "digits/17",
                                "digits/oclock",
                                "vm-from",
                                "digits/0",
                                "digits/2",
                                "digits/1",
                                "digits/2"));
    }

    @Test
    void theEnvelopeIsSaidInTheMailboxsTimeZone() {
        // 23:30 UTC on the 3rd is 00:30 on the 4th in Rome: "today", not "yesterday"
        ZonedDateTime received = ZonedDateTime.of(2026, 12, 3, 23, 30, 0, 0, ZoneId.of("UTC"));
        assertThat(
                        prompts.envelope(
                                Language.ENGLISH, received.withZoneSameInstant(ROME), NOW, null))
                .startsWith(
                        said(Language.ENGLISH, "vm-received", "digits/today")
                                .toArray(Prompt[]::new));
    }

    @Test
    void everyPromptOfEveryLanguageIsThere() {
        for (Language language : Language.values()) {
            for (String name :
                    List.of(
                            "vm-options",
                            "vm-extension",
                            "vm-advopts",
                            "digits/day-6",
                            "digits/mon-11",
                            "digits/59")) {
                assertThat(prompts.named(language, name)).as(language + " " + name).isNotNull();
            }
        }
    }
}
