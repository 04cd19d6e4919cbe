package it.segreteria.voicemail.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"acme", "a", "acme-italia", "x1", "0-9"})
    void acceptsSlugs(String id) {
        assertThat(TenantId.of(id).value()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "ACME",
                "-acme",
                "acme-",
                "ac me",
                "acme_it",
                "acmé",
                "a/b",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            })
    void refusesAnythingElse(String id) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TenantId.of(id))
                .withMessageContaining("is not a tenant id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"it", "IT", "it-IT", "it_IT", " it "})
    void languageAcceptsCodesAndTags(String tag) {
        assertThat(Language.fromCode(tag)).isEqualTo(Language.ITALIAN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "de", "italian", "xx-IT"})
    void languageRefusesUnsupported(String tag) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Language.fromCode(tag))
                .withMessageContaining("supported: it, en");
    }
}
