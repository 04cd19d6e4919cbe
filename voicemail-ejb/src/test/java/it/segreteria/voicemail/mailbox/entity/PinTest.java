package it.segreteria.voicemail.mailbox.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PinTest {

    private static final MailboxNumber MAILBOX = MailboxNumber.of("2580");

    @ParameterizedTest
    @ValueSource(strings = {"4826", "739105", "102938475610"})
    void acceptsPinsThatAreHardToGuess(String digits) {
        assertThat(PinPolicy.DEFAULT.violations(new Pin(digits), MAILBOX)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "123, a PIN has 4 to 12 digits",
        "1234567890123, a PIN has 4 to 12 digits",
        "0000, a PIN cannot repeat one digit",
        "1234, a PIN cannot be a run of consecutive digits",
        "9876, a PIN cannot be a run of consecutive digits",
        "7890, a PIN cannot be a run of consecutive digits",
        "2109, a PIN cannot be a run of consecutive digits",
        "2580, a PIN cannot be the mailbox number"
    })
    void refusesObviousPins(String digits, String reason) {
        assertThat(PinPolicy.DEFAULT.violations(new Pin(digits), MAILBOX)).contains(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12a4", "12 34", "+123"})
    void aPinIsDigitsOnly(String digits) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Pin(digits));
    }

    @Test
    void aPinNeverShowsInText() {
        assertThat(new Pin("4826").toString()).doesNotContain("4826");
    }

    @Test
    void hashMatchesOnlyItsPinAndSurvivesStorage() {
        PinHash hash = PinHash.of(new Pin("4826"));
        PinHash stored = PinHash.decode(hash.encoded());

        assertThat(stored.matches("4826")).isTrue();
        assertThat(stored.matches("4827")).isFalse();
        assertThat(stored.matches("")).isFalse();
        assertThat(stored.matches(null)).isFalse();
        assertThat(hash.encoded())
                .startsWith("pbkdf2-sha256$" + PinHash.ITERATIONS + "$")
                .doesNotContain("4826");
        assertThat(stored.needsRehash()).isFalse();
    }

    @Test
    void theSamePinHashesDifferentlyEachTime() {
        assertThat(PinHash.of(new Pin("4826")).encoded())
                .isNotEqualTo(PinHash.of(new Pin("4826")).encoded());
    }

    @Test
    void aCheaperOldHashStillVerifiesAndAsksForRehash() {
        PinHash old = PinHash.decode(PinHash.of(new Pin("4826"), 1000).encoded());

        assertThat(old.matches("4826")).isTrue();
        assertThat(old.matches("4862")).isFalse();
        assertThat(old.needsRehash()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "plain", "md5$1$a$b", "pbkdf2-sha256$x$a$b", "pbkdf2-sha256$10$!!$b"})
    void malformedHashesAreRefused(String encoded) {
        assertThatIllegalArgumentException().isThrownBy(() -> PinHash.decode(encoded));
    }
}
