package com.metasupervisor.reconciler.domain.sim;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.regression.LinearModel;
import smile.regression.RidgeRegression;

/**
 * Trains the ridge sim model of one horizon (SPEC §3):
 * {@code realized_pnl_bps ≈ intercept + a · score_final + b · confidence}, minimising
 * <pre>{@code
 *     Σ (y − intercept − a·score − b·confidence)²  +  λ · (a² + b²)
 * }</pre>
 * on the raw features: λ penalises the two coefficients, never the intercept.
 *
 * <p>Rows: the newest {@code maxRows} by {@code maturedAt} (ties broken by value, see
 * {@link TrainingRow#TIME_ORDER}, so the input order never matters). Fewer than {@code minRows}:
 * {@link InsufficientRows}. Otherwise the newest {@code holdoutFraction} of them (rounded up, at
 * least one row) is held out and the model is fitted on the older rest; {@code rmseBps} is measured
 * on the fitted rows, {@code holdoutRmseBps} on the held-out ones, both with the published
 * coefficients.
 *
 * <p>The fit is Smile's {@link RidgeRegression}. Read from its 6.2.5 source: it centres the columns
 * and computes the intercept afterwards as {@code mean(y) − w·mean(X)}, so the intercept is not
 * penalised; but it also divides each column by its sample standard deviation {@code sd_j} and
 * applies λ to the coefficients of the standardised columns, i.e. a penalty of {@code λ · sd_j² · w_j²}
 * on the raw coefficient {@code w_j}. Handing Smile the per-column penalty {@code λ / sd_j²} makes that
 * exactly {@code λ · w_j²}, the objective above (the tests check it against the closed form). A feature
 * that does not vary in the fitted rows (e.g. every call with confidence 1.0) carries no information:
 * with λ &gt; 0 its ridge coefficient is exactly 0, so it is left out of the fit (Smile rejects a
 * constant column) and reported as 0.
 */
public final class RidgeSimModelTrainer {

    static final String SCORE_FINAL = "score_final";
    static final String CONFIDENCE = "confidence";
    static final String RESPONSE = "realized_pnl_bps";
    private final TrainingPolicy policy;

    public RidgeSimModelTrainer(TrainingPolicy policy) {
        this.policy = ArgChecker.notNull(policy, "policy");
        NativeBlas.ensureLoaded();
    }

    public TrainingPolicy policy() {
        return policy;
    }

    /**
     * Trains the model of a horizon on its reconciled rows.
     *
     * @param horizonHours the horizon, in hours
     * @param rows         the horizon's reconciled rows, in any order
     * @param nextVersion  the version number the model gets ({@code ridge_h<h>_v<nextVersion>})
     * @param now          the training time
     * @return the trained model, or {@link InsufficientRows}
     */
    public TrainingOutcome train(int horizonHours, List<TrainingRow> rows, int nextVersion, Instant now) {
        ArgChecker.positive(horizonHours, "horizonHours");
        ArgChecker.positive(nextVersion, "nextVersion");
        // a missing argument is a caller's bug, not bad input
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(now, "now");
        List<TrainingRow> ordered = new ArrayList<>(rows.size());
        for (TrainingRow row : rows) {
            ordered.add(Objects.requireNonNull(row, "rows must not contain null"));
        }
        ordered.sort(TrainingRow.TIME_ORDER);
        List<TrainingRow> used = ordered.subList(Math.max(0, ordered.size() - policy.maxRows()), ordered.size());
        int n = used.size();
        if (n < policy.minRows()) {
            return new InsufficientRows(horizonHours, n, policy.minRows(), now);
        }

        int holdout = holdoutRows(n);
        List<TrainingRow> fitted = used.subList(0, n - holdout);
        List<TrainingRow> heldOut = used.subList(n - holdout, n);
        Coefficients c = fit(fitted, policy.lambda());
        return new Trained(horizonHours, c.scoreFinal(), c.confidence(), c.intercept(),
                rmse(c, fitted), rmse(c, heldOut), n, policy.lambda(), now, version(horizonHours, nextVersion));
    }

    /** {@code ridge_h24_v7}. */
    public static String version(int horizonHours, int version) {
        return "ridge_h" + horizonHours + "_v" + version;
    }

    /** The newest {@code holdoutFraction} of n rows, rounded up, at least one. */
    int holdoutRows(int n) {
        // the tiny slack keeps e.g. 0.7 · 10 = 7.000000000000001 from rounding up to 8
        int holdout = Math.max(1, (int) Math.ceil(n * policy.holdoutFraction() - 1e-9));
        if (n - holdout < TrainingPolicy.MIN_FIT_ROWS) {
            throw new IllegalStateException("only " + (n - holdout) + " of " + n + " rows left to fit after holding out "
                    + holdout + "; min-rows is validated to prevent this");
        }
        return holdout;
    }

    record Coefficients(double scoreFinal, double confidence, double intercept) {
        double predict(TrainingRow row) {
            return intercept + scoreFinal * row.scoreFinal() + confidence * row.confidence();
        }
    }

    static Coefficients fit(List<TrainingRow> rows, double lambda) {
        int n = rows.size();
        double[] score = new double[n];
        double[] confidence = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            TrainingRow row = rows.get(i);
            score[i] = row.scoreFinal();
            confidence[i] = row.confidence();
            y[i] = row.realizedPnlBps();
        }

        List<String> names = new ArrayList<>(2);
        List<double[]> columns = new ArrayList<>(2);
        if (!isConstant(score)) {
            names.add(SCORE_FINAL);
            columns.add(score);
        }
        if (!isConstant(confidence)) {
            names.add(CONFIDENCE);
            columns.add(confidence);
        }
        if (columns.isEmpty()) {
            return new Coefficients(0, 0, mean(y)); // nothing varies: the best constant is the mean
        }

        int p = columns.size();
        double[][] data = new double[n][p + 1];
        double[] perColumnLambda = new double[p];
        for (int j = 0; j < p; j++) {
            double[] column = columns.get(j);
            for (int i = 0; i < n; i++) {
                data[i][j] = column[i];
            }
            double sd = sampleSd(column); // what Smile standardises the column by
            perColumnLambda[j] = lambda / (sd * sd);
        }
        for (int i = 0; i < n; i++) {
            data[i][p] = y[i];
        }
        List<String> allNames = new ArrayList<>(names);
        allNames.add(RESPONSE);
        DataFrame frame = DataFrame.of(data, allNames.toArray(String[]::new));
        Formula formula = Formula.of(RESPONSE, names.toArray(String[]::new));
        double[] weights = new double[n];
        Arrays.fill(weights, 1.0);

        LinearModel model = RidgeRegression.fit(formula, frame, weights,
                new RidgeRegression.Options(perColumnLambda, new double[p]));

        double[] w = model.coefficients().toArray(new double[0]);
        if (w.length != p) {
            throw new IllegalStateException("Smile returned " + w.length + " coefficients for " + names);
        }
        int scoreIndex = names.indexOf(SCORE_FINAL);
        int confidenceIndex = names.indexOf(CONFIDENCE);
        return new Coefficients(scoreIndex < 0 ? 0 : w[scoreIndex], confidenceIndex < 0 ? 0 : w[confidenceIndex],
                model.intercept());
    }

    static double rmse(Coefficients c, List<TrainingRow> rows) {
        double sum = 0;
        for (TrainingRow row : rows) {
            double residual = row.realizedPnlBps() - c.predict(row);
            sum += residual * residual;
        }
        return Math.sqrt(sum / rows.size());
    }

    /** No variation worth fitting: the spread is below floating-point noise of the values' size. */
    private static boolean isConstant(double[] values) {
        double maxAbs = 0;
        for (double v : values) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        return sampleSd(values) <= 1e-12 * Math.max(1.0, maxAbs);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double sampleSd(double[] values) {
        double mean = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / (values.length - 1));
    }
}
