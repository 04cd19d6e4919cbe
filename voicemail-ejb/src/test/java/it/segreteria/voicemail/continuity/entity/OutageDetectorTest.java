package it.segreteria.voicemail.continuity.entity;

import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.continuity.entity.OutageDetector.Thresholds;
import it.segreteria.voicemail.continuity.entity.OutageDetector.Verdict;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A PBX's probes in, its state out: declared down only in a row, back only after the hold-down. */
class OutageDetectorTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private final OutageDetector pbx =
            new OutageDetector(new Thresholds(3, 2, Duration.ofSeconds(30)), false, null);

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void threeUnansweredProbesInARowDeclareItDown() {
        assertThat(pbx.probed(false, at(0))).isEqualTo(Verdict.UNCHANGED);
        assertThat(pbx.probed(false, at(5))).isEqualTo(Verdict.UNCHANGED);
        assertThat(pbx.probed(false, at(10))).isEqualTo(Verdict.DOWN);
        assertThat(pbx.down()).isTrue();
        assertThat(pbx.probed(false, at(15))).isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void anAnswerInBetweenStartsTheCountAgain() {
        pbx.probed(false, at(0));
        pbx.probed(false, at(5));
        assertThat(pbx.probed(true, at(10))).isEqualTo(Verdict.UNCHANGED);
        pbx.probed(false, at(15));
        assertThat(pbx.probed(false, at(20))).isEqualTo(Verdict.UNCHANGED);
        assertThat(pbx.down()).isFalse();
    }

    @Test
    void backUpOnlyAfterTheHoldDownAndAnswersInARow() {
        pbx.probed(false, at(0));
        pbx.probed(false, at(5));
        pbx.probed(false, at(10)); // down since 10
        assertThat(pbx.probed(true, at(15))).isEqualTo(Verdict.UNCHANGED);
        assertThat(pbx.probed(true, at(20))).as("hold-down until 40").isEqualTo(Verdict.UNCHANGED);
        assertThat(pbx.probed(false, at(35))).as("flapping").isEqualTo(Verdict.UNCHANGED);
        assertThat(pbx.probed(true, at(40))).isEqualTo(Verdict.UNCHANGED);
        assertThat(pbx.probed(true, at(45))).isEqualTo(Verdict.UP);
        assertThat(pbx.down()).isFalse();
    }

    @Test
    void aPbxKnownDownAtStartUpStaysDownUntilItAnswers() {
        OutageDetector known = new OutageDetector(new Thresholds(3, 1, Duration.ZERO), true, at(0));
        assertThat(known.probed(false, at(5))).isEqualTo(Verdict.UNCHANGED);
        assertThat(known.probed(true, at(10))).isEqualTo(Verdict.UP);
    }

    @Test
    void aPbxDeclaredDownByAFailedCallComesBackLikeAfterTheProbesVerdict() {
        assertThat(pbx.probed(true, at(0))).isEqualTo(Verdict.UNCHANGED);
        pbx.declaredDown(at(1));
        assertThat(pbx.down()).isTrue();
        assertThat(pbx.probed(false, at(5)))
                .as("already down: the probes' failures change nothing")
                .isEqualTo(Verdict.UNCHANGED);
        assertThat(pbx.probed(true, at(10))).isEqualTo(Verdict.UNCHANGED);
        assertThat(pbx.probed(true, at(15)))
                .as("within the hold-down")
                .isEqualTo(Verdict.UNCHANGED);
        assertThat(pbx.probed(true, at(31))).isEqualTo(Verdict.UP);
        assertThat(pbx.down()).isFalse();
    }
}
