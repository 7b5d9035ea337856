package com.metasupervisor.reporting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonthlyReturnsTest {

    @Test
    void monthsAreSumsAndOnlyMonthsWithDataArePresent() {
        // Dec 30: 2, Dec 31: −5 → Dec 2025 = −3; Jan 1: 4, Jan 31: 1 → Jan 2026 = 5; Mar 1: −2 → Mar = −2; no Feb
        DailyPnl series = new DailyPnl(List.of(day(2025, 12, 30, 2), day(2025, 12, 31, -5), day(2026, 1, 1, 4),
                day(2026, 1, 31, 1), day(2026, 3, 1, -2)));
        MonthlyReturns m = MonthlyReturns.of(series);

        assertThat(m.pnlBpsByMonth()).containsExactly(
                java.util.Map.entry(YearMonth.of(2025, 12), -3.0),
                java.util.Map.entry(YearMonth.of(2026, 1), 5.0),
                java.util.Map.entry(YearMonth.of(2026, 3), -2.0));
        assertThat(m.pnlBps(2026, 2)).isNull();
        assertThat(m.pnlBps(2026, 1)).isEqualTo(5.0);
        assertThat(m.yearPnlBps(2026)).isEqualTo(3.0); // 5 − 2
        assertThat(m.yearPnlBps(2025)).isEqualTo(-3.0);
        assertThat(m.yearPnlBps(2024)).isNull();
        assertThat(m.years()).containsExactly(2025, 2026);
        assertThat(m.spansMonths()).isTrue();
    }

    @Test
    void aWeekInOneMonthDoesNotSpanMonths() {
        MonthlyReturns m = MonthlyReturns.of(DailyPnl.consecutive(LocalDate.of(2026, 2, 2), 1, 2, 3));
        assertThat(m.pnlBpsByMonth()).hasSize(1);
        assertThat(m.pnlBps(2026, 2)).isEqualTo(6.0);
        assertThat(m.spansMonths()).isFalse();
    }

    private static DailyPnl.Day day(int y, int mo, int d, double pnl) {
        return new DailyPnl.Day(LocalDate.of(y, mo, d), pnl);
    }
}
