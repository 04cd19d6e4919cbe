package it.segreteria.voicemail.continuity.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides from a PBX's probe results whether it is down, without flapping: {@code failures}
 * unanswered probes in a row declare it down; once down, it is up again only after {@code holdDown}
 * has passed and {@code successes} answered probes in a row. No I/O, one per PBX, used by one
 * thread at a time.
 */
public final class OutageDetector {

    /** How quickly an outage is declared and ended. */
    public record Thresholds(int failures, int successes, Duration holdDown) {
        public Thresholds {
            if (failures < 1 || successes < 1) {
                throw new IllegalArgumentException("failures and successes must be at least 1");
            }
            Objects.requireNonNull(holdDown, "hold-down");
        }
    }

    /** What a probe result changed. */
    public enum Verdict {
        UNCHANGED,
        DOWN,
        UP
    }

    private final Thresholds thresholds;
    private boolean down;
    private Instant downSince;
    private int failuresInARow;
    private int successesInARow;

    public OutageDetector(Thresholds thresholds, boolean down, Instant downSince) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.down = down;
        this.downSince = down ? Objects.requireNonNull(downSince, "down since") : null;
    }

    /** One probe's result: whether the PBX answered it (any answer but a 5xx). */
    public Verdict probed(boolean answered, Instant now) {
        if (answered) {
            failuresInARow = 0;
            successesInARow++;
            if (down
                    && successesInARow >= thresholds.successes()
                    && !now.isBefore(downSince.plus(thresholds.holdDown()))) {
                down = false;
                downSince = null;
                return Verdict.UP;
            }
            return Verdict.UNCHANGED;
        }
        successesInARow = 0;
        failuresInARow++;
        if (!down && failuresInARow >= thresholds.failures()) {
            down = true;
            downSince = now;
            return Verdict.DOWN;
        }
        return Verdict.UNCHANGED;
    }

    /**
     * Someone else found the PBX down (a call it failed, sent to us by the edge proxy): it is down
     * from {@code now}, and comes back as after a {@link Verdict#DOWN} of the probes.
     */
    public void declaredDown(Instant now) {
        if (!down) {
            down = true;
            downSince = now;
        }
        successesInARow = 0;
    }

    public boolean down() {
        return down;
    }
}
