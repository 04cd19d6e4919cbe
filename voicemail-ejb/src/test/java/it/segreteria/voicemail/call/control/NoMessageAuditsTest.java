package it.segreteria.voicemail.call.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class NoMessageAuditsTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private final NoMessageAudits audits = new NoMessageAudits(3, () -> clock.instant());

    @Test
    void aFloodFromOneSourceIsAuditedAsAFewRowsAndOneSummaryAMinute() {
        for (int i = 0; i < 3; i++) {
            assertThat(audits.individually("acme", "192.0.2.9")).isTrue();
        }
        for (int i = 0; i < 1000; i++) {
            assertThat(audits.individually("acme", "192.0.2.9")).isFalse();
        }
        assertThat(audits.individually("acme", "192.0.2.10")).as("another source").isTrue();
        assertThat(audits.individually("globex", "192.0.2.9")).as("another tenant").isTrue();
        assertThat(audits.closed()).as("the minute is not over").isEmpty();

        clock = Clock.fixed(T0.plus(Duration.ofSeconds(61)), ZoneOffset.UTC);

        assertThat(audits.closed())
                .containsExactly(
                        new NoMessageAudits.Summary(
                                "acme", "192.0.2.9", 1000, T0, T0.plus(Duration.ofMinutes(1))));
        assertThat(audits.closed()).as("each summary once").isEmpty();
        assertThat(audits.individually("acme", "192.0.2.9")).as("a new minute").isTrue();
    }

    @Test
    void aMinuteThatEndsWithTheNextCallIsSummarizedToo() {
        for (int i = 0; i < 5; i++) {
            audits.individually("acme", "192.0.2.9");
        }
        clock = Clock.fixed(T0.plus(Duration.ofSeconds(90)), ZoneOffset.UTC);
        audits.individually("acme", "192.0.2.9");

        assertThat(audits.closed()).extracting(NoMessageAudits.Summary::calls).containsExactly(2);
    }
}
