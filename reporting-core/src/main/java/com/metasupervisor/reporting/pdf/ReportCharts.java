package com.metasupervisor.reporting.pdf;

import com.metasupervisor.reporting.domain.DailyPnl;
import com.metasupervisor.reporting.domain.RollingSharpe;
import com.metasupervisor.reporting.domain.report.AllocationPoint;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.AxisSpace;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYAreaRenderer;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.time.Day;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.time.TimeTableXYDataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.font.FontRenderContext;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;

/** The report's JFreeChart charts, styled alike, with labels in the report font (drawn later as vector paths). */
final class ReportCharts {

    static final int TOP_AGENTS = 8;
    static final String OTHERS = "others";
    static final String CASH = "cash";
    private static final Color LINE = new Color(0x1F, 0x4E, 0x99);
    private static final Color GAIN = new Color(0x2E, 0x8B, 0x57);
    private static final Color LOSS = new Color(0xC0, 0x39, 0x2B);
    private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    private static final Color[] AREAS = {
        new Color(0x1F, 0x77, 0xB4), new Color(0xFF, 0x7F, 0x0E), new Color(0x2C, 0xA0, 0x2C),
        new Color(0xD6, 0x27, 0x28), new Color(0x94, 0x67, 0xBD), new Color(0x8C, 0x56, 0x4B),
        new Color(0xE3, 0x77, 0xC2), new Color(0x17, 0xBE, 0xCF), new Color(0xBC, 0xBD, 0x22),
    };
    private static final Color OTHERS_COLOR = new Color(0xA0, 0xA0, 0xA0);
    private static final Color CASH_COLOR = new Color(0xE8, 0xE8, 0xE8);
    private static final FontRenderContext METRICS = new FontRenderContext(null, false, false);

    private final TimeZone timeZone;

    ReportCharts(ZoneId zone) {
        this.timeZone = TimeZone.getTimeZone(zone);
    }

    /** Cumulative fleet PnL (bps) per day. */
    JFreeChart equity(DailyPnl fleet) {
        TimeSeries series = new TimeSeries("cumulative PnL");
        double cumulative = 0;
        for (DailyPnl.Day d : fleet.days()) {
            cumulative += d.pnlBps();
            series.add(day(d.date()), cumulative);
        }
        JFreeChart chart = timeChart("Equity curve: cumulative fleet PnL (bps)", series);
        line(chart, LINE);
        return chart;
    }

    /** Distance below the high-water mark (from 0), bps. */
    JFreeChart underwater(DailyPnl fleet) {
        TimeSeries series = new TimeSeries("drawdown");
        double cumulative = 0;
        double peak = 0;
        for (DailyPnl.Day d : fleet.days()) {
            cumulative += d.pnlBps();
            peak = Math.max(peak, cumulative);
            series.add(day(d.date()), cumulative - peak);
        }
        JFreeChart chart = timeChart("Underwater: drawdown from the high-water mark (bps)", series);
        XYAreaRenderer area = new XYAreaRenderer(XYAreaRenderer.AREA);
        area.setSeriesPaint(0, new Color(0xE8, 0x9A, 0x92));
        area.setOutline(true);
        area.setSeriesOutlinePaint(0, LOSS);
        chart.getXYPlot().setRenderer(area);
        double deepest = -series.getMinY();
        if (!(deepest >= 1)) { // no drawdown (or < 1 bps): the automatic axis of a flat 0 reads -4E-9 .. 4E-9
            chart.getXYPlot().getRangeAxis().setRange(-10, 0);
        }
        return chart;
    }

    /** One bar per day, gains green, losses red. */
    JFreeChart dailyBars(DailyPnl fleet) {
        TimeSeries series = new TimeSeries("daily PnL");
        for (DailyPnl.Day d : fleet.days()) {
            series.add(day(d.date()), d.pnlBps());
        }
        JFreeChart chart = timeChart("Daily fleet PnL (bps)", series);
        XYBarRenderer bars = new XYBarRenderer(0.15) {
            @Override
            public Paint getItemPaint(int row, int column) {
                return series.getValue(column).doubleValue() < 0 ? LOSS : GAIN;
            }
        };
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        chart.getXYPlot().setRenderer(bars);
        return chart;
    }

    /** The rolling Sharpe; a window without a Sharpe leaves a gap. */
    JFreeChart rollingSharpe(RollingSharpe rolling) {
        TimeSeries series = new TimeSeries("rolling Sharpe");
        for (RollingSharpe.Point p : rolling.points()) {
            series.add(day(p.date()), p.sharpe());
        }
        JFreeChart chart = timeChart("Rolling Sharpe (" + rolling.windowDays() + "-day window, annualised)", series);
        line(chart, LINE);
        return chart;
    }

    /** Stacked weights: the top agents by mean weight over the history, the rest as "others", and cash. */
    JFreeChart allocation(List<AllocationPoint> points) {
        Map<String, Double> totals = new HashMap<>();
        for (AllocationPoint p : points) {
            p.weights().forEach((agent, w) -> totals.merge(agent, w, Double::sum));
        }
        List<String> top = totals.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_AGENTS).map(Map.Entry::getKey).toList();
        // series keys are labels: untrusted names made displayable, short, and distinct (equal keys would merge)
        Map<String, String> labels = new LinkedHashMap<>();
        Set<String> used = new LinkedHashSet<>(List.of(OTHERS, CASH));
        for (String agent : top) {
            String base = label(agent);
            String label = base;
            for (int n = 2; used.contains(label); n++) {
                label = base + " #" + n;
            }
            used.add(label);
            labels.put(agent, label);
        }
        TimeTableXYDataset data = new TimeTableXYDataset(timeZone);
        AllocationPoint previous = null;
        for (AllocationPoint p : points) {
            // an allocation holds until the next one: repeat it just before the next, so the areas step
            if (previous != null && p.at().toEpochMilli() - 1 > previous.at().toEpochMilli()) {
                stack(data, previous, p.at().toEpochMilli() - 1, labels);
            }
            stack(data, p, p.at().toEpochMilli(), labels);
            previous = p;
        }
        JFreeChart chart = ChartFactory.createStackedXYAreaChart("Allocation over time (% of capital)", null, null, data);
        XYPlot plot = chart.getXYPlot();
        DateAxis time = new DateAxis();
        time.setTimeZone(timeZone);
        plot.setDomainAxis(time);
        StackedXYAreaRenderer2 areas = new StackedXYAreaRenderer2();
        for (int s = 0; s < data.getSeriesCount(); s++) {
            String key = (String) data.getSeriesKey(s);
            areas.setSeriesPaint(s, key.equals(CASH) ? CASH_COLOR : key.equals(OTHERS) ? OTHERS_COLOR : AREAS[s % AREAS.length]);
        }
        plot.setRenderer(areas);
        ((NumberAxis) plot.getRangeAxis()).setRange(0, 100);
        style(chart);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setItemFont(ReportFont.AWT.deriveFont(Font.PLAIN, 7f));
        return chart;
    }

    private static void stack(TimeTableXYDataset data, AllocationPoint p, long at, Map<String, String> labels) {
        FixedMillisecond period = new FixedMillisecond(at);
        double others = 0;
        for (Map.Entry<String, Double> w : p.weights().entrySet()) {
            if (!labels.containsKey(w.getKey())) {
                others += w.getValue();
            }
        }
        for (Map.Entry<String, String> agent : labels.entrySet()) {
            data.add(period, 100 * p.weights().getOrDefault(agent.getKey(), 0.0), agent.getValue(), false);
        }
        data.add(period, 100 * others, OTHERS, false);
        data.add(period, 100 * p.cash(), CASH, false);
    }

    /** A legend label: the font's glyphs only, one line, at most 110 pt at 7 pt. */
    static String label(String raw) {
        Font font = ReportFont.AWT.deriveFont(Font.PLAIN, 7f);
        return CellText.cell(raw, font::canDisplay, s -> font.getStringBounds(s, METRICS).getWidth(), 110);
    }

    private JFreeChart timeChart(String title, TimeSeries series) {
        TimeSeriesCollection data = new TimeSeriesCollection(series, timeZone);
        JFreeChart chart = ChartFactory.createTimeSeriesChart(title, null, null, data, false, false, false);
        ((DateAxis) chart.getXYPlot().getDomainAxis()).setTimeZone(timeZone);
        // the same room for every value axis, so the time charts stacked on a page line their days up
        AxisSpace valueAxis = new AxisSpace();
        valueAxis.setLeft(40);
        chart.getXYPlot().setFixedRangeAxisSpace(valueAxis);
        style(chart);
        return chart;
    }

    private static void line(JFreeChart chart, Color color) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, color);
        renderer.setSeriesStroke(0, new BasicStroke(1.2f));
        chart.getXYPlot().setRenderer(renderer);
    }

    private static void style(JFreeChart chart) {
        StandardChartTheme theme = new StandardChartTheme("lp-report");
        theme.setExtraLargeFont(ReportFont.AWT.deriveFont(Font.BOLD, 10f));
        theme.setLargeFont(ReportFont.AWT.deriveFont(Font.BOLD, 9f));
        theme.setRegularFont(ReportFont.AWT.deriveFont(Font.PLAIN, 8f));
        theme.setSmallFont(ReportFont.AWT.deriveFont(Font.PLAIN, 7f));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(GRID);
        theme.setRangeGridlinePaint(GRID);
        theme.setShadowVisible(false);
        theme.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        theme.setXYBarPainter(new StandardXYBarPainter());
        // the theme would replace our renderers' paints: apply it first, then keep the renderers' series colours
        var renderer = chart.getXYPlot().getRenderer();
        Map<Integer, Paint> paints = new HashMap<>();
        for (int s = 0; s < chart.getXYPlot().getSeriesCount(); s++) {
            paints.put(s, renderer.getSeriesPaint(s));
        }
        theme.apply(chart);
        paints.forEach((s, p) -> {
            if (p != null) {
                chart.getXYPlot().getRenderer().setSeriesPaint(s, p);
            }
        });
        chart.setAntiAlias(true);
        chart.getXYPlot().setOutlineVisible(false);
    }

    private Day day(LocalDate date) {
        return new Day(date.getDayOfMonth(), date.getMonthValue(), date.getYear());
    }
}
