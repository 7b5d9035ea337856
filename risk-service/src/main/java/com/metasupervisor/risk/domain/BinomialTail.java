package com.metasupervisor.risk.domain;

import com.metasupervisor.streams.check.ArgChecker;

/**
 * The lower tail of the binomial distribution, P(X ≤ k) for X ~ Binomial(n, p): the p-value of a one-sided
 * test "fewer successes than p predicts". Summed exactly term by term in log space (log pmf by the ratio
 * recurrence pmf(i+1) = pmf(i)·(n−i)/(i+1)·p/(1−p)), so a window of thousands of rows neither underflows
 * nor loses the tail; O(k) per call. Written here because no statistics library is on the classpath and
 * the hit-rate test needs only this one function.
 */
public final class BinomialTail {

    private BinomialTail() {
    }

    /** P(X ≤ k), X ~ Binomial(n, p); 0 for k &lt; 0 and 1 for k ≥ n. */
    public static double atMost(int k, int n, double p) {
        ArgChecker.notNegative(n, "n");
        ArgChecker.isTrue(p >= 0 && p <= 1, "p must be in [0, 1], was " + p);
        if (k < 0) {
            return 0;
        }
        if (k >= n) {
            return 1;
        }
        if (p == 0) {
            return 1;
        }
        if (p == 1) {
            return 0;
        }
        double logRatio = Math.log(p) - Math.log1p(-p);
        double logTerm = n * Math.log1p(-p); // log pmf(0)
        double[] logs = new double[k + 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= k; i++) {
            logs[i] = logTerm;
            max = Math.max(max, logTerm);
            logTerm += Math.log((double) (n - i) / (i + 1)) + logRatio;
        }
        double sum = 0;
        for (double l : logs) {
            sum += Math.exp(l - max);
        }
        return Math.min(1, Math.exp(max + Math.log(sum)));
    }
}
