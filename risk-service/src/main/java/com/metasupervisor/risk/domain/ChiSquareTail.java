package com.metasupervisor.risk.domain;

import com.metasupervisor.streams.check.ArgChecker;

/**
 * The upper tail of the chi-square distribution with an integer number of degrees of freedom k,
 * P(χ²_k ≥ x): the p-value of "this sum of squares is larger than the assumed variance explains".
 * For integer k the regularized incomplete gamma has a finite closed form (Abramowitz &amp; Stegun 26.4.4,
 * 26.4.5), with y = x/2:
 * <ul>
 *   <li>k even: e^{−y} Σ_{i=0}^{k/2−1} y^i / i!</li>
 *   <li>k odd: 2·Φ(−√x) + e^{−y} Σ_{i=0}^{(k−3)/2} y^{i+½} / Γ(i + 3/2)</li>
 * </ul>
 * summed in log space term by term (no overflow for windows of thousands of rows). Φ is {@link StandardNormal}
 * (absolute error &lt; 1e-14), ample for significance levels of 1e-6 and above. Written here because no
 * statistics library is on the classpath and the RMSE test needs only this one function.
 */
public final class ChiSquareTail {

    private static final double LOG_HALF_SQRT_PI = Math.log(Math.sqrt(Math.PI) / 2); // log Γ(3/2)

    private ChiSquareTail() {
    }

    /** P(χ²_k ≥ x); 1 for x ≤ 0. */
    public static double atLeast(double x, int k) {
        ArgChecker.positive(k, "k");
        ArgChecker.isTrue(!Double.isNaN(x), "x must be a number, was NaN");
        if (x <= 0) {
            return 1;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 0;
        }
        double y = x / 2;
        double logY = Math.log(y);
        double sum;
        double logTerm;
        int terms;
        double base;
        if (k % 2 == 0) {
            base = 0;
            logTerm = -y; // i = 0: e^{-y}
            terms = k / 2;
            sum = 0;
            for (int i = 0; i < terms; i++) {
                sum += Math.exp(logTerm);
                logTerm += logY - Math.log(i + 1);
            }
        } else {
            base = 2 * StandardNormal.cdf(-Math.sqrt(x));
            logTerm = -y + 0.5 * logY - LOG_HALF_SQRT_PI; // i = 0: e^{-y} y^{1/2} / Γ(3/2)
            terms = (k - 1) / 2;
            sum = 0;
            for (int i = 0; i < terms; i++) {
                sum += Math.exp(logTerm);
                logTerm += logY - Math.log(i + 1.5);
            }
        }
        return Math.min(1, Math.max(0, base + sum));
    }
}
