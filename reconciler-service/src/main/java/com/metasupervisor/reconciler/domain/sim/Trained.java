package com.metasupervisor.reconciler.domain.sim;

import java.time.Instant;
import java.util.Objects;

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
        if (horizonHours <= 0) {
            throw new IllegalArgumentException("horizonHours must be > 0, was " + horizonHours);
        }
        requireFinite("coefScoreFinal", coefScoreFinal);
        requireFinite("coefConfidence", coefConfidence);
        requireFinite("intercept", intercept);
        requireFiniteNonNegative("rmseBps", rmseBps);
        requireFiniteNonNegative("holdoutRmseBps", holdoutRmseBps);
        requireFiniteNonNegative("lambda", lambda);
        if (n <= 0) {
            throw new IllegalArgumentException("n must be > 0, was " + n);
        }
        Objects.requireNonNull(trainedAt, "trainedAt");
        Objects.requireNonNull(version, "version");
        if (version.isBlank()) {
            throw new IllegalArgumentException("version must not be blank");
        }
    }

    /** The model's expected PnL in bps for a call with these features. */
    public double expectedPnlBps(double scoreFinal, double confidence) {
        return intercept + coefScoreFinal * scoreFinal + coefConfidence * confidence;
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, was " + value);
        }
    }

    private static void requireFiniteNonNegative(String name, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, was " + value);
        }
    }
}
