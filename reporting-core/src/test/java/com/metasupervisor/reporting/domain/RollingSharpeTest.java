package com.metasupervisor.reporting.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollingSharpeTest {

    private static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);

    /*
     * x = 1, 3, 2, 2, 5 on Jan 1..5, window 3:
     * Jan 3: 1, 3, 2 → mean 2, s = 1 → 2·√365;   Jan 4: 3, 2, 2 → mean 7/3, s² = (4/9 + 1/9 + 1/9)/2 = 1/3;
     * Jan 5: 2, 2, 5 → mean 3, s² = (1 + 1 + 4)/2 = 3.
     */
    @Test
    void eachFullWindowOfAHandComputedSeries() {
        RollingSharpe r = RollingSharpe.of(DailyPnl.consecutive(JAN_1, 1, 3, 2, 2, 5), 3);
        assertThat(r.points()).extracting(RollingSharpe.Point::date)
                .containsExactly(JAN_1.plusDays(2), JAN_1.plusDays(3), JAN_1.plusDays(4));
        assertThat(r.points().get(0).sharpe()).isCloseTo(2 * Math.sqrt(365), within(1e-9));
        assertThat(r.points().get(1).sharpe()).isCloseTo(7.0 / 3 / Math.sqrt(1.0 / 3) * Math.sqrt(365), within(1e-9));
        assertThat(r.points().get(2).sharpe()).isCloseTo(3 / Math.sqrt(3) * Math.sqrt(365), within(1e-9));
    }

    @Test
    void aFlatWindowHasNoSharpeAndAShortSeriesNoPoint() {
        RollingSharpe r = RollingSharpe.of(DailyPnl.consecutive(JAN_1, 4, 4, 4, 1), 3);
        assertThat(r.points()).containsExactly(new RollingSharpe.Point(JAN_1.plusDays(2), null),
                new RollingSharpe.Point(JAN_1.plusDays(3), r.points().get(1).sharpe()));
        assertThat(r.points().get(1).sharpe()).isNotNull();
        assertThat(RollingSharpe.of(DailyPnl.consecutive(JAN_1, 1, 2), 3).points()).isEmpty();
        assertThatThrownBy(() -> RollingSharpe.of(DailyPnl.consecutive(JAN_1, 1, 2), 1)).hasMessageStartingWith("windowDays");
    }

    @Test
    void theWindowIsCalendarDaysSoAGapShrinksIt() {
        // Jan 1: 1, Jan 2: 3, Jan 5: 2, Jan 6: 6; window 3 days: Jan 5 holds (Jan 3..5] → only 2 → null;
        // Jan 6 holds Jan 4..6 → 2, 6 → mean 4, s = √8
        DailyPnl series = new DailyPnl(List.of(new DailyPnl.Day(JAN_1, 1), new DailyPnl.Day(JAN_1.plusDays(1), 3),
                new DailyPnl.Day(JAN_1.plusDays(4), 2), new DailyPnl.Day(JAN_1.plusDays(5), 6)));
        RollingSharpe r = RollingSharpe.of(series, 3);
        assertThat(r.points()).extracting(RollingSharpe.Point::date).containsExactly(JAN_1.plusDays(4), JAN_1.plusDays(5));
        assertThat(r.points().get(0).sharpe()).isNull();
        assertThat(r.points().get(1).sharpe()).isCloseTo(4 / Math.sqrt(8) * Math.sqrt(365), within(1e-9));
    }
}
