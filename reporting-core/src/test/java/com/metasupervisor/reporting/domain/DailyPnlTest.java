package com.metasupervisor.reporting.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DailyPnlTest {

    private static final LocalDate D1 = LocalDate.of(2026, 1, 1);

    @Test
    void datesMustStrictlyIncrease() {
        assertThatThrownBy(() -> new DailyPnl(List.of(new DailyPnl.Day(D1, 1), new DailyPnl.Day(D1, 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> new DailyPnl(List.of(new DailyPnl.Day(D1.plusDays(1), 1), new DailyPnl.Day(D1, 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strictly increasing");
    }

    @Test
    void valuesMustBeFiniteAndTheSeriesNonEmpty() {
        assertThatThrownBy(() -> new DailyPnl.Day(D1, Double.NaN)).hasMessageStartingWith("pnlBps");
        assertThatThrownBy(() -> new DailyPnl.Day(D1, Double.POSITIVE_INFINITY)).hasMessageStartingWith("pnlBps");
        assertThatThrownBy(() -> new DailyPnl(List.of())).hasMessageStartingWith("days");
        assertThatThrownBy(() -> new DailyPnl.Day(null, 1)).hasMessageStartingWith("date");
    }

    @Test
    void theSeriesIsACopy() {
        List<DailyPnl.Day> days = new ArrayList<>(List.of(new DailyPnl.Day(D1, 1)));
        DailyPnl series = new DailyPnl(days);
        days.add(new DailyPnl.Day(D1.plusDays(1), 2));
        assertThat(series.size()).isEqualTo(1);
    }

    @Test
    void gapsStayGapsUnlessTheCallerZeroFillsThem() {
        DailyPnl sparse = new DailyPnl(List.of(new DailyPnl.Day(D1, 5), new DailyPnl.Day(D1.plusDays(3), -2)));
        assertThat(sparse.size()).isEqualTo(2);

        DailyPnl filled = DailyPnl.zeroFilled(Map.of(D1, 5.0, D1.plusDays(3), -2.0), D1, D1.plusDays(4));
        assertThat(filled.values()).containsExactly(5, 0, 0, -2, 0);
        assertThat(filled.firstDate()).isEqualTo(D1);
        assertThat(filled.lastDate()).isEqualTo(D1.plusDays(4));

        assertThatThrownBy(() -> DailyPnl.zeroFilled(Map.of(D1.plusDays(9), 1.0), D1, D1.plusDays(4)))
                .hasMessageContaining("outside");
        assertThatThrownBy(() -> DailyPnl.zeroFilled(Map.of(), D1, D1.minusDays(1))).hasMessageStartingWith("to must not be before");
    }
}
