package com.metasupervisor.reconciler.domain.sim;

import com.metasupervisor.reconciler.domain.SimModelCoefficients;
import com.metasupervisor.streams.check.ArgChecker;
import java.time.Instant;

/**
 * A trained ridge sim model of one horizon:
 * {@code expected_pnl_bps = intercept + coefScoreFinal · score_final + coefConfidence · confidence}.
 *
 * <p>The coefficients are those fitted on the older rows; {@code holdoutRmseBps} is measured on the
 * newest rows, which the fit never saw, so it honestly describes this published model (and is used
 * as {@code expected_sigma_bps}).
 *
 * @param horizonHours   the horizon in hours
 * @param coefScoreFinal bps per unit of score_final
 * @param coefConfidence bps per unit of confidence
 * @param intercept      unpenalised intercept in bps
 * @param rmseBps        in-sample RMSE in bps, on the rows the model was fitted on
 * @param holdoutRmseBps RMSE in bps on the time-ordered newest rows held out of the fit
 * @param n              rows used: fitted plus held out
 * @param lambda         ridge penalty on the two coefficients
 * @param trainedAt      when the model was trained
 * @param version        e.g. {@code ridge_h24_v7}
 */
public record Trained(int horizonHours, double coefScoreFinal, double coefConfidence, double intercept,
        double rmseBps, double holdoutRmseBps, long n, double lambda, Instant trainedAt, String version)
        implements TrainingOutcome {

    public Trained {
        ArgChecker.positive(horizonHours, "horizonHours");
        ArgChecker.finite(coefScoreFinal, "coefScoreFinal");
        ArgChecker.finite(coefConfidence, "coefConfidence");
        ArgChecker.finite(intercept, "intercept");
        ArgChecker.notNegative(rmseBps, "rmseBps");
        ArgChecker.notNegative(holdoutRmseBps, "holdoutRmseBps");
        ArgChecker.notNegative(lambda, "lambda");
        ArgChecker.positive(n, "n");
        ArgChecker.notNull(trainedAt, "trainedAt");
        ArgChecker.notBlank(version, "version");
    }

    /** The model as the reconciler applies it to a call. */
    public SimModelCoefficients coefficients() {
        return new SimModelCoefficients(version, intercept, coefScoreFinal, coefConfidence, holdoutRmseBps);
    }

    /** The model's expected PnL in bps for a call with these features. */
    public double expectedPnlBps(double scoreFinal, double confidence) {
        return coefficients().expectedPnlBps(scoreFinal, confidence);
    }
}
