package it.segreteria.voicemail.call.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallCapacityTest {

    private static final Lateness.Window ON_TIME = Lateness.Window.of(0, 0, 1, 1, 2, 150);
    private static final Lateness.Window LATE = Lateness.Window.of(90, 100, 120, 200, 0, 0);
    private static final Lateness.Window NOTHING = Lateness.Window.of();

    private final CallCapacity capacity = new CallCapacity(1000, CallCapacity.Settings.DEFAULT);

    @Test
    void onTimeTheLimitIsTheMaximum() {
        assertThat(capacity.adjust(800, ON_TIME, ON_TIME)).isEmpty();
        assertThat(capacity.limit()).isEqualTo(1000);
    }

    @Test
    void aLateClockCutsTheLimitBelowTheCallsInProgressAndSaysSo() {
        assertThat(capacity.adjust(800, LATE, ON_TIME))
                .hasValueSatisfying(line -> assertThat(line).contains("overloaded", "720"));
        assertThat(capacity.limit()).isEqualTo(720);
        assertThat(capacity.clockLate()).isEqualTo(160); // the median's bucket: up to 160 ms
    }

    @Test
    void lateEventsCutItToo() {
        capacity.adjust(500, ON_TIME, LATE);
        assertThat(capacity.limit()).isEqualTo(450);
    }

    @Test
    void whileTheCallsTakenBeforeEndItWaitsThenCutsAgainIfStillLate() {
        capacity.adjust(800, LATE, NOTHING);
        assertThat(capacity.adjust(790, LATE, NOTHING)).as("said once").isEmpty();
        assertThat(capacity.limit()).as("above the limit: no second cut yet").isEqualTo(720);
        capacity.adjust(700, LATE, NOTHING);
        assertThat(capacity.limit()).isEqualTo(630);
    }

    @Test
    void neverBelowItsMinimumFewerCallsAreNotWhatMakesItLate() {
        for (int second = 0; second < 100; second++) {
            capacity.adjust(Math.min(capacity.limit(), 3), LATE, LATE);
        }
        assertThat(capacity.limit()).isEqualTo(100);
    }

    @Test
    void aMaximumBelowTheMinimumIsNeverCut() {
        CallCapacity small = new CallCapacity(40, CallCapacity.Settings.DEFAULT);
        small.adjust(40, LATE, LATE);
        assertThat(small.limit()).isEqualTo(40);
    }

    @Test
    void onTimeAgainItRisesBackAFiftiethASecond() {
        capacity.adjust(800, LATE, NOTHING);
        assertThat(capacity.adjust(700, ON_TIME, NOTHING))
                .hasValueSatisfying(line -> assertThat(line).contains("on time again"));
        assertThat(capacity.limit()).isEqualTo(740);
        for (int second = 0; second < 20; second++) {
            capacity.adjust(700, ON_TIME, NOTHING);
        }
        assertThat(capacity.limit()).isEqualTo(1000);
    }

    @Test
    void aLonePauseDoesNotCount() {
        // a collection held three of fifty ticks up: most ran on time
        long[] ticks = new long[50];
        ticks[0] = 300;
        ticks[1] = 280;
        ticks[2] = 260;
        capacity.adjust(900, Lateness.Window.of(ticks), NOTHING);
        assertThat(capacity.limit()).isEqualTo(1000);
    }

    @Test
    void halfTheTicksEightyMillisecondsLateIsLateSeventyIsNot() {
        capacity.adjust(800, Lateness.Window.of(70, 70, 75, 0), NOTHING);
        assertThat(capacity.limit()).isEqualTo(1000);
        capacity.adjust(800, Lateness.Window.of(80, 85, 90, 0), NOTHING);
        assertThat(capacity.limit()).isEqualTo(720);
    }

    @Test
    void notAdaptiveTheLimitStaysTheMaximum() {
        CallCapacity fixed = new CallCapacity(1000, new CallCapacity.Settings(false, 80, 100, 100));
        fixed.adjust(800, LATE, LATE);
        assertThat(fixed.limit()).isEqualTo(1000);
        assertThat(fixed.clockLate()).as("still measured").isEqualTo(160);
    }

    @Test
    void latenessWindowsCountOnlyWhatCameSinceTheLastOne() {
        Lateness lateness = new Lateness();
        lateness.record(500_000_000L);
        assertThat(lateness.take().atMost(0.5)).isEqualTo(640);
        lateness.record(3_000_000L);
        lateness.record(-1);
        Lateness.Window window = lateness.take();
        assertThat(window.samples()).isEqualTo(2);
        assertThat(window.atMost(1.0)).isEqualTo(5);
        assertThat(window.atMost(0.5)).isEqualTo(1);
        lateness.record(10_000_000_000L);
        assertThat(lateness.take().atMost(1.0)).isEqualTo(Lateness.BEYOND);
        assertThat(lateness.take().atMost(0.5)).as("an empty window").isZero();
    }
}
