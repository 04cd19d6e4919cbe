package it.segreteria.voicemail.continuity.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which calls a drill takes: its test callers' numbers as networks present them, while it runs. */
class DrillTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private final Drill drill =
            new Drill(List.of("+39 333 555 0799"), Duration.ofMinutes(10), "operator:ops", T0);

    @Test
    void theTestCallerInAnyFormatWhileItRuns() {
        Instant during = T0.plusSeconds(60);
        assertThat(drill.covers("+393335550799", during)).isTrue();
        assertThat(drill.covers("00393335550799", during)).isTrue();
        assertThat(drill.covers("3335550799", during)).isTrue();
        assertThat(drill.covers("3335550798", during)).isFalse();
        assertThat(drill.covers(null, during)).isFalse();
        assertThat(drill.covers("+393335550799", T0.plus(Duration.ofMinutes(10)))).isFalse();
    }

    @Test
    void endedEarlyItTakesNoMoreCalls() {
        drill.end(T0.plusSeconds(30));
        assertThat(drill.running(T0.plusSeconds(31))).isFalse();
        assertThat(drill.covers("3335550799", T0.plusSeconds(31))).isFalse();
        assertThat(drill.until()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void aDrillNeedsCallersAndASaneLength() {
        assertThatThrownBy(() -> new Drill(List.of(), Duration.ofMinutes(5), "x", T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Drill(List.of("12"), Duration.ofMinutes(5), "x", T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Drill(List.of("3335550799"), Duration.ofHours(5), "x", T0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
