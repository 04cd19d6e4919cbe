package it.segreteria.voicemail.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailedLoginCountsTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void aMinuteOfFailuresFromOneAddressIsOneSummaryTakenOnce() {
        FailedLoginCounts counts = new FailedLoginCounts(100);
        for (int i = 0; i < 200; i++) {
            counts.failed("192.0.2.1", T0.plusMillis(250L * i));
        }
        counts.failed("192.0.2.2", T0.plusSeconds(30));
        assertThat(counts.closed(T0.plusSeconds(59))).isEmpty();
        var closed = counts.closed(T0.plusSeconds(60));
        assertThat(closed)
                .containsExactly(
                        new FailedLoginCounts.Summary(
                                "192.0.2.1", 200, T0, T0.plusMillis(250L * 199)));
        assertThat(counts.closed(T0.plusSeconds(61))).isEmpty();
        assertThat(counts.closed(T0.plusSeconds(90)))
                .extracting(FailedLoginCounts.Summary::source)
                .containsExactly("192.0.2.2");
    }

    @Test
    void aShorterWindowClosesSooner() {
        FailedLoginCounts counts = new FailedLoginCounts(100, java.time.Duration.ofSeconds(10));
        counts.failed("192.0.2.1", T0);
        counts.failed("192.0.2.1", T0.plusSeconds(9));
        assertThat(counts.closed(T0.plusSeconds(9))).isEmpty();
        assertThat(counts.closed(T0.plusSeconds(10)))
                .containsExactly(
                        new FailedLoginCounts.Summary("192.0.2.1", 2, T0, T0.plusSeconds(9)));
    }

    @Test
    void beyondItsBoundNewAddressesAreCountedTogether() {
        FailedLoginCounts counts = new FailedLoginCounts(2);
        for (int i = 0; i < 50; i++) {
            counts.failed("2001:db8::" + Integer.toHexString(i), T0);
        }
        var closed = counts.closed(T0.plusSeconds(60));
        assertThat(closed).hasSize(3);
        assertThat(closed)
                .filteredOn(s -> s.source().equals(FailedLoginCounts.OTHERS))
                .singleElement()
                .extracting(FailedLoginCounts.Summary::failures)
                .isEqualTo(48);
    }
}
