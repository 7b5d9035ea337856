package com.metasupervisor.streams.figures;

/**
 * The PnL-curve figures of SPEC §4, on plain arrays: one definition of Sharpe and drawdown for every service (risk's
 * agent stats, the allocator's paper ledgers, governance's class attribution). Pure Java.
 */
public final class PerformanceMath {

    public static final double DAYS_PER_YEAR = 365;
    /** A daily-PnL deviation below this many bps is numerical noise around a flat series, not risk. */
    static final double FLAT_STD_BPS = 1e-9;

    private PerformanceMath() {
    }

    /**
     * mean / std · √365 of a daily PnL series, std being the sample standard deviation (n − 1).
     * Null when it is undefined: fewer than two days, or a flat series (std below {@link #FLAT_STD_BPS}),
     * e.g. thirty days without a row: no variation means no risk-adjusted figure, not an infinite one.
     */
    public static Double annualisedSharpe(double[] dailyPnlBps) {
        int n = dailyPnlBps.length;
        if (n < 2) {
            return null;
        }
        double sum = 0;
        for (double x : dailyPnlBps) {
            sum += x;
        }
        double mean = sum / n;
        double squares = 0;
        for (double x : dailyPnlBps) {
            squares += (x - mean) * (x - mean);
        }
        double std = Math.sqrt(squares / (n - 1));
        if (!(std >= FLAT_STD_BPS)) {
            return null;
        }
        return mean / std * Math.sqrt(DAYS_PER_YEAR);
    }

    /**
     * The deepest peak-to-trough fall (≤ 0) of the cumulative PnL curve of the given PnLs in order.
     * The curve starts at 0 before the first one, so a first loss is a drawdown from the starting point.
     */
    public static double maxDrawdown(double[] pnlBpsInOrder) {
        Drawdown d = new Drawdown();
        for (double x : pnlBpsInOrder) {
            d.add(x);
        }
        return d.max();
    }

    /** {@link #maxDrawdown} one PnL at a time; also the cumulative PnL it has seen. */
    public static final class Drawdown {
        private double cumulative;
        private double peak;
        private double max;

        public Drawdown() {
        }

        /** Goes on from a curve kept elsewhere (e.g. in state bytes): its cumulative PnL, peak and max drawdown so far. */
        public static Drawdown resumed(double cumulative, double peak, double max) {
            Drawdown d = new Drawdown();
            d.cumulative = cumulative;
            d.peak = peak;
            d.max = max;
            return d;
        }

        public void add(double pnlBps) {
            cumulative += pnlBps;
            peak = Math.max(peak, cumulative);
            max = Math.min(max, cumulative - peak);
        }

        /** The deepest fall so far, ≤ 0. */
        public double max() {
            return max + 0.0; // never −0.0
        }

        public double cumulative() {
            return cumulative;
        }

        public double peak() {
            return peak;
        }
    }
}
