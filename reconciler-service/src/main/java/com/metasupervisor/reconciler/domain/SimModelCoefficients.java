package com.metasupervisor.reconciler.domain;

import com.metasupervisor.streams.check.ArgChecker;

/**
 * A trained sim model of one horizon as the reconciler applies it:
 * {@code expected = intercept + coefScoreFinal · score_final + coefConfidence · confidence}.
 *
 * @param version        e.g. {@code ridge_h24_v7}, written on every row it prices
 * @param holdoutRmseBps the model's error on rows it never saw: the rows' expected sigma; null if not measured
 */
public record SimModelCoefficients(String version, double intercept, double coefScoreFinal, double coefConfidence,
        Double holdoutRmseBps) {

    public SimModelCoefficients {
        ArgChecker.notBlank(version, "version");
    }

    public double expectedPnlBps(double scoreFinal, double confidence) {
        return intercept + coefScoreFinal * scoreFinal + coefConfidence * confidence;
    }
}
