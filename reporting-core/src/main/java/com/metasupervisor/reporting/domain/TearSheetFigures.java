package com.metasupervisor.reporting.domain;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.figures.PerformanceMath;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The key metrics of a QuantStats / pyfolio tear sheet (SPEC §7) for a daily PnL series in bps. PnL is additive
 * (bps summed, never compounded): where QuantStats compounds returns, these figures sum PnL. Annualisation uses
 * {@link PerformanceMath#DAYS_PER_YEAR} (365) like the kit's Sharpe. A figure that cannot be computed is null,
 * never NaN or infinite: dispersion and tail figures need {@value #MIN_DAYS} days, ratios need a non-zero
 * denominator (volatility, losses, drawdown).
 *
 * @param days                 points in the series
 * @param cumulativePnlBps     sum of the daily PnLs
 * @param sharpe               {@link PerformanceMath#annualisedSharpe}: mean / sample std · √365
 * @param sortino              mean / downside deviation · √365, downside = √(Σ min(x, 0)² / n) (QuantStats)
 * @param annualisedVolatilityBps sample std (n − 1) · √365
 * @param annualisedPnlBps     mean daily PnL · 365 (additive stand-in for QuantStats' CAGR)
 * @param maxDrawdownBps       deepest fall of the cumulative PnL from its high-water mark (from 0), ≤ 0
 * @param maxDrawdown          the period of that fall (peak / start / trough / recovery dates); null when there is none
 * @param longestDrawdownDays  calendar days of the longest period under water; 0 when none
 * @param calmar               annualisedPnlBps / |maxDrawdownBps|
 * @param skew                 adjusted Fisher–Pearson sample skewness (pandas {@code skew}), ≥ 3 days
 * @param excessKurtosis       unbiased sample excess kurtosis (pandas {@code kurt}), ≥ 4 days
 * @param var95Bps             historical daily VaR 95: the 5th percentile of daily PnL, signed (a loss is negative)
 * @param cvar95Bps            mean of the daily PnLs at or below {@code var95Bps}, signed
 * @param tailRatio            95th percentile / |5th percentile| (negative when the 95th is a loss)
 * @param winDayRate           winning days / non-zero days, in [0, 1] (QuantStats' win rate ignores flat days)
 * @param bestDayBps           highest daily PnL
 * @param worstDayBps          lowest daily PnL
 * @param profitFactor         sum of gains / |sum of losses|
 */
public record TearSheetFigures(int days, double cumulativePnlBps, Double sharpe, Double sortino,
        Double annualisedVolatilityBps, Double annualisedPnlBps, double maxDrawdownBps, DrawdownPeriod maxDrawdown,
        long longestDrawdownDays, Double calmar, Double skew, Double excessKurtosis, Double var95Bps, Double cvar95Bps,
        Double tailRatio, Double winDayRate, double bestDayBps, double worstDayBps, Double profitFactor) {

    /** Fewest days for any dispersion or tail figure (a sample std needs two). */
    public static final int MIN_DAYS = 2;
    /** Below this a standard deviation, downside deviation or percentile is 0 for our purposes (as in the kit). */
    static final double ZERO_BPS = 1e-9;

    public TearSheetFigures {
        ArgChecker.positive(days, "days");
        ArgChecker.finite(cumulativePnlBps, "cumulativePnlBps");
        ArgChecker.isTrue(maxDrawdownBps <= 0, "maxDrawdownBps must be <= 0, was " + maxDrawdownBps);
        ArgChecker.isTrue((maxDrawdown == null) == (maxDrawdownBps == 0),
                "maxDrawdown is null exactly when maxDrawdownBps is 0");
        ArgChecker.isTrue(maxDrawdown == null || maxDrawdown.depthBps() == maxDrawdownBps,
                "maxDrawdown.depthBps must equal maxDrawdownBps");
        ArgChecker.notNegative(longestDrawdownDays, "longestDrawdownDays");
        ArgChecker.finite(bestDayBps, "bestDayBps");
        ArgChecker.finite(worstDayBps, "worstDayBps");
        ArgChecker.isTrue(worstDayBps <= bestDayBps, "worstDayBps must be <= bestDayBps");
        for (Double x : new Double[] {sharpe, sortino, annualisedVolatilityBps, annualisedPnlBps, calmar, skew,
                excessKurtosis, var95Bps, cvar95Bps, tailRatio, winDayRate, profitFactor}) {
            ArgChecker.isTrue(x == null || Double.isFinite(x), "a figure is finite or null, was " + x);
        }
        ArgChecker.isTrue(winDayRate == null || (winDayRate >= 0 && winDayRate <= 1), "winDayRate must be in [0, 1]");
        ArgChecker.isTrue(profitFactor == null || profitFactor >= 0, "profitFactor must be >= 0");
        ArgChecker.isTrue(annualisedVolatilityBps == null || annualisedVolatilityBps >= 0, "annualisedVolatilityBps must be >= 0");
    }

    public static TearSheetFigures of(DailyPnl series) {
        ArgChecker.notNull(series, "series");
        double[] x = series.values();
        int n = x.length;
        double sum = 0;
        double gains = 0;
        double losses = 0;
        double downsideSquares = 0;
        int wins = 0;
        int nonZero = 0;
        for (double v : x) {
            sum += v;
            if (v > 0) {
                gains += v;
                wins++;
            } else if (v < 0) {
                losses += v;
                downsideSquares += v * v;
            }
            if (v != 0) {
                nonZero++;
            }
        }
        double mean = sum / n;
        double annualiser = Math.sqrt(PerformanceMath.DAYS_PER_YEAR);

        Double volatility = null;
        Double sortino = null;
        Double annualisedPnl = null;
        Double skew = null;
        Double kurtosis = null;
        Double var95 = null;
        Double cvar95 = null;
        Double tailRatio = null;
        if (n >= MIN_DAYS) {
            double m2 = 0;
            double m3 = 0;
            double m4 = 0;
            for (double v : x) {
                double d = v - mean;
                m2 += d * d;
                m3 += d * d * d;
                m4 += d * d * d * d;
            }
            double std = Math.sqrt(m2 / (n - 1));
            volatility = std * annualiser;
            annualisedPnl = mean * PerformanceMath.DAYS_PER_YEAR;
            double downside = Math.sqrt(downsideSquares / n);
            if (downside >= ZERO_BPS) {
                sortino = mean / downside * annualiser;
            }
            if (std >= ZERO_BPS) {
                double s2 = std * std;
                if (n >= 3) {
                    skew = (double) n / ((n - 1) * (double) (n - 2)) * m3 / (s2 * std);
                }
                if (n >= 4) {
                    double nn = n;
                    kurtosis = nn * (nn + 1) / ((nn - 1) * (nn - 2) * (nn - 3)) * m4 / (s2 * s2)
                            - 3 * (nn - 1) * (nn - 1) / ((nn - 2) * (nn - 3));
                }
            }
            double[] sorted = x.clone();
            Arrays.sort(sorted);
            double p5 = percentile(sorted, 0.05);
            double p95 = percentile(sorted, 0.95);
            var95 = p5 + 0.0;
            double tail = 0;
            int inTail = 0;
            for (double v : sorted) {
                if (v > p5) {
                    break;
                }
                tail += v;
                inTail++;
            }
            cvar95 = tail / inTail + 0.0; // the lowest point is always ≤ the 5th percentile
            if (Math.abs(p5) >= ZERO_BPS) {
                tailRatio = p95 / Math.abs(p5);
            }
        }

        double maxDrawdownBps = PerformanceMath.maxDrawdown(x);
        List<DrawdownPeriod> periods = Drawdowns.all(series);
        DrawdownPeriod deepest = periods.stream()
                .min(Comparator.comparingDouble(DrawdownPeriod::depthBps).thenComparing(DrawdownPeriod::start))
                .orElse(null);
        long longest = periods.stream().mapToLong(DrawdownPeriod::days).max().orElse(0);
        Double calmar = annualisedPnl != null && maxDrawdownBps < 0 ? annualisedPnl / -maxDrawdownBps : null;

        double best = Arrays.stream(x).max().orElseThrow();
        double worst = Arrays.stream(x).min().orElseThrow();
        return new TearSheetFigures(n, sum, PerformanceMath.annualisedSharpe(x), sortino, volatility, annualisedPnl,
                maxDrawdownBps, deepest, longest, calmar, skew, kurtosis, var95, cvar95, tailRatio,
                nonZero == 0 ? null : (double) wins / nonZero, best, worst,
                losses == 0 ? null : gains / -losses);
    }

    /** The q-quantile of sorted values, linear between closest ranks (numpy / pandas default, Hyndman–Fan 7). */
    static double percentile(double[] sorted, double q) {
        double position = (sorted.length - 1) * q;
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
