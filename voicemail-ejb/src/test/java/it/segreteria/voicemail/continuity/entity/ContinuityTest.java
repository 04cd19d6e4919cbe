package it.segreteria.voicemail.continuity.entity;

import static org.assertj.core.api.Assertions.assertThat;

import it.segreteria.voicemail.continuity.entity.Continuity.Change;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The mode and the PBX decide the outage; only the changes that start or end one are reported. */
class ContinuityTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private final Continuity continuity = Continuity.initial();

    @Test
    void autoFollowsThePbx() {
        assertThat(continuity.outage()).isFalse();
        assertThat(continuity.pbxDown(true, "no answer", T0)).isEqualTo(Change.OUTAGE_STARTED);
        assertThat(continuity.outageSince()).contains(T0);
        assertThat(continuity.reason()).contains("no answer");
        assertThat(continuity.pbxDown(false, "answers", T0.plusSeconds(60)))
                .isEqualTo(Change.OUTAGE_ENDED);
        assertThat(continuity.outageSince()).isEmpty();
    }

    @Test
    void onDeclaresAnOutageWhateverThePbxSays() {
        assertThat(continuity.setMode(ContinuityMode.ON, "drill", T0))
                .isEqualTo(Change.OUTAGE_STARTED);
        assertThat(continuity.pbxDown(true, "no answer", T0.plusSeconds(1))).isEqualTo(Change.NONE);
        assertThat(continuity.pbxDown(false, "answers", T0.plusSeconds(2))).isEqualTo(Change.NONE);
        assertThat(continuity.outage()).isTrue();
        assertThat(continuity.reason()).contains("drill");
    }

    @Test
    void offNeverTakesOverAndAutoPicksUpWhatThePbxIsNow() {
        continuity.setMode(ContinuityMode.OFF, "maintenance", T0);
        assertThat(continuity.pbxDown(true, "no answer", T0.plusSeconds(1))).isEqualTo(Change.NONE);
        assertThat(continuity.outage()).isFalse();
        assertThat(continuity.setMode(ContinuityMode.AUTO, "back to auto", T0.plusSeconds(2)))
                .as("the PBX is still down")
                .isEqualTo(Change.OUTAGE_STARTED);
    }
}
