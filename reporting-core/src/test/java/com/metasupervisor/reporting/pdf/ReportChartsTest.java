package com.metasupervisor.reporting.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.reporting.domain.DailyPnl;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jfree.data.Range;
import org.junit.jupiter.api.Test;

class ReportChartsTest {

    private final ReportCharts charts = new ReportCharts(ZoneOffset.UTC);

    @Test
    void anUnderwaterChartWithoutADrawdownShowsATenBpsAxisNotAFlatZerosNoise() {
        DailyPnl rising = DailyPnl.consecutive(LocalDate.parse("2026-11-01"), 5, 0, 12, 3);

        assertThat(charts.underwater(rising).getXYPlot().getRangeAxis().getRange()).isEqualTo(new Range(-10, 0));
    }

    @Test
    void anUnderwaterChartWithADrawdownKeepsItsAutomaticAxisDownToIt() {
        DailyPnl fell = DailyPnl.consecutive(LocalDate.parse("2026-11-01"), 5, -40, 12, 3);

        Range range = charts.underwater(fell).getXYPlot().getRangeAxis().getRange();
        assertThat(range.getLowerBound()).isLessThanOrEqualTo(-40);
        assertThat(charts.underwater(fell).getXYPlot().getRangeAxis().isAutoRange()).isTrue();
    }
}
