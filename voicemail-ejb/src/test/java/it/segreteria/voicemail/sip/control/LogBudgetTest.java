package it.segreteria.voicemail.sip.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogBudgetTest {

    private final AtomicLong now = new AtomicLong();
    private final LogBudget budget = new LogBudget(3, now::get);

    @Test
    void linesBeyondTheBudgetAreLeftOutAndCountedInTheNextMinute() {
        for (int i = 0; i < 3; i++) {
            assertThat(budget.next()).isEqualTo(new LogBudget.Write(0));
        }
        for (int i = 0; i < 1000; i++) {
            assertThat(budget.next()).isInstanceOf(LogBudget.Suppress.class);
        }

        now.addAndGet(60_000_000_000L);

        assertThat(budget.next()).isEqualTo(new LogBudget.Write(1000));
        assertThat(budget.next()).isEqualTo(new LogBudget.Write(0));
        assertThat(budget.suppressedTotal()).isEqualTo(1000);
    }

    @Test
    void longLinesAreCut() {
        String raw = "Error while processing incoming UDP packet" + "[73, 78, 86]".repeat(5000);

        String line = LogBudget.shortened(raw);

        assertThat(line).startsWith("Error while processing incoming UDP packet");
        assertThat(line.length()).isLessThan(LogBudget.MAX_LINE + 40);
        assertThat(line).endsWith("characters left out)");
        assertThat(LogBudget.shortened("short")).isEqualTo("short");
    }
}
