package com.metasupervisor.governance.domain;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.figures.PerformanceMath;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A strategy class's attributed performance over its window: the cumulative PnL curve of its rows in
 * matured order (ties in input order), its deepest drawdown from a running peak (the curve starts at 0, so a
 * first losing row is a drawdown), its hit rate and its PnL.
 *
 * @param rows           rows in the window
 * @param pnlBps         sum of realized PnL
 * @param hitRate        share of rows with realized &gt; 0; null without rows
 * @param maxDrawdownBps deepest drop of the curve below its running peak (≤ 0; 0 without rows)
 */
public record ClassAttribution(int rows, double pnlBps, Double hitRate, double maxDrawdownBps) {

    public static final ClassAttribution EMPTY = new ClassAttribution(0, 0, null, 0);

    public ClassAttribution {
        ArgChecker.notNegative(rows, "rows");
        ArgChecker.finite(pnlBps, "pnlBps");
        ArgChecker.isTrue((rows == 0) == (hitRate == null), "hitRate is set exactly when there are rows");
        if (hitRate != null) {
            ArgChecker.inRange(hitRate, 0, 1, "hitRate");
        }
        ArgChecker.isTrue(maxDrawdownBps <= 0 && Double.isFinite(maxDrawdownBps), "maxDrawdownBps must be <= 0, was " + maxDrawdownBps);
    }

    /** The attribution of the rows matured in (now − window, now]; a row from the future is left out. */
    public static ClassAttribution of(Collection<ClassRow> rows, Instant now, Duration window) {
        ArgChecker.notNull(rows, "rows");
        ArgChecker.notNull(now, "now");
        ArgChecker.positive(window, "window");
        Instant from = now.minus(window);
        List<ClassRow> inWindow = rows.stream()
                .filter(row -> row.maturedAt().isAfter(from) && !row.maturedAt().isAfter(now))
                .sorted(Comparator.comparing(ClassRow::maturedAt))
                .toList();
        if (inWindow.isEmpty()) {
            return EMPTY;
        }
        PerformanceMath.Drawdown curve = new PerformanceMath.Drawdown();
        int hits = 0;
        for (ClassRow row : inWindow) {
            curve.add(row.realizedPnlBps());
            hits += row.hit() ? 1 : 0;
        }
        return new ClassAttribution(inWindow.size(), curve.cumulative(), (double) hits / inWindow.size(), curve.max());
    }
}
