package com.metasupervisor.reconciler.domain.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.regression.RidgeRegression;

/** The ridge sim model: coefficients, penalty, row selection, holdout, version, determinism. */
class RidgeSimModelTrainerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final double A = 40;   // bps per unit score_final
    private static final double B = 25;   // bps per unit confidence
    private static final double C = -3;   // intercept, bps
    private static final double NOISE_SD = 5;

    private final RidgeSimModelTrainer defaults = new RidgeSimModelTrainer(settings(5, 250, 12_000));

    /** count rows one minute apart from start: score ~ U(-1,1), confidence ~ U(0,1), y = a·s + b·c + c0 + N(0, sd²). */
    private static List<TrainingRow> rows(Random rnd, int count, Instant start, double a, double b, double c0, double sd) {
        List<TrainingRow> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double score = 2 * rnd.nextDouble() - 1;
            double confidence = rnd.nextDouble();
            double y = a * score + b * confidence + c0 + sd * rnd.nextGaussian();
            rows.add(new TrainingRow(score, confidence, y, start.plus(Duration.ofMinutes(i))));
        }
        return rows;
    }

    private static List<TrainingRow> shuffled(List<TrainingRow> rows, long seed) {
        List<TrainingRow> copy = new ArrayList<>(rows);
        Collections.shuffle(copy, new Random(seed));
        return copy;
    }

    private static TrainingPolicy settings(double lambda, int minRows, int maxRows) {
        return new TrainingPolicy(lambda, minRows, maxRows, 0.2);
    }

    private static Trained trained(TrainingOutcome outcome) {
        assertThat(outcome).isInstanceOf(Trained.class);
        return (Trained) outcome;
    }

    /** Sums of the centred fit data, for the closed form and for honest tolerances. */
    private record Moments(int n, double meanS, double meanC, double meanY, double sss, double scc, double ssc,
            double ssy, double scy) {
        static Moments of(List<TrainingRow> rows) {
            int n = rows.size();
            double ms = rows.stream().mapToDouble(TrainingRow::scoreFinal).average().orElseThrow();
            double mc = rows.stream().mapToDouble(TrainingRow::confidence).average().orElseThrow();
            double my = rows.stream().mapToDouble(TrainingRow::realizedPnlBps).average().orElseThrow();
            double sss = 0, scc = 0, ssc = 0, ssy = 0, scy = 0;
            for (TrainingRow r : rows) {
                double s = r.scoreFinal() - ms, c = r.confidence() - mc, y = r.realizedPnlBps() - my;
                sss += s * s;
                scc += c * c;
                ssc += s * c;
                ssy += s * y;
                scy += c * y;
            }
            return new Moments(n, ms, mc, my, sss, scc, ssc, ssy, scy);
        }

        /** argmin Σ(y − i − a·s − b·c)² + λ(a² + b²): (XcᵀXc + λI)(a, b) = Xcᵀyc, i = ȳ − a·s̄ − b·c̄. */
        double[] closedForm(double lambda) {
            double m11 = sss + lambda, m22 = scc + lambda, m12 = ssc;
            double det = m11 * m22 - m12 * m12;
            double a = (m22 * ssy - m12 * scy) / det;
            double b = (m11 * scy - m12 * ssy) / det;
            return new double[] {a, b, meanY - a * meanS - b * meanC};
        }
    }

    @Test
    void recovers_known_coefficients_within_sampling_error_plus_ridge_shrinkage() {
        List<TrainingRow> rows = rows(new Random(42), 5_000, T0, A, B, C, NOISE_SD);

        Trained model = trained(defaults.train(24, shuffled(rows, 1), 1, NOW));

        // honest tolerance: the fit sees the older 4 000 rows; OLS standard error σ/√S_jj, plus the bias
        // λ·|β|/(S_jj + λ) that the λ = 5 penalty pulls each coefficient towards 0 by; 4 standard errors
        Moments m = Moments.of(rows.subList(0, 4_000));
        double lambda = 5;
        double shrinkA = lambda * Math.abs(A) / (m.sss() + lambda);
        double shrinkB = lambda * Math.abs(B) / (m.scc() + lambda);
        double tolA = shrinkA + 4 * NOISE_SD / Math.sqrt(m.sss());
        double tolB = shrinkB + 4 * NOISE_SD / Math.sqrt(m.scc());
        double tolC = interceptTolerance(m, lambda);
        System.out.printf("recovered a=%.4f (truth %.1f, tol %.3f), b=%.4f (truth %.1f, tol %.3f), c=%.4f (truth %.1f, tol %.3f),"
                        + " rmse=%.4f, holdout rmse=%.4f (noise sd %.1f)%n",
                model.coefScoreFinal(), A, tolA, model.coefConfidence(), B, tolB, model.intercept(), C, tolC,
                model.rmseBps(), model.holdoutRmseBps(), NOISE_SD);

        assertThat(model.coefScoreFinal()).as("a within 4 SE + shrinkage = %.3f", tolA).isCloseTo(A, within(tolA));
        assertThat(model.coefConfidence()).as("b within 4 SE + shrinkage = %.3f", tolB).isCloseTo(B, within(tolB));
        assertThat(model.intercept()).as("intercept within 4 SE + shrinkage = %.3f", tolC).isCloseTo(C, within(tolC));
        // both RMSEs estimate the noise sd 5: within 10 % (the SE of an RMSE over 1 000+ rows is ~2 %)
        assertThat(model.rmseBps()).as("in-sample RMSE ≈ noise sd").isCloseTo(NOISE_SD, within(0.5));
        assertThat(model.holdoutRmseBps()).as("holdout RMSE ≈ noise sd").isCloseTo(NOISE_SD, within(0.5));
        assertThat(model.n()).isEqualTo(5_000);
        assertThat(model.lambda()).isEqualTo(5.0);
    }

    /** The intercept ȳ − a·s̄ − b·c̄ inherits the coefficients' shrinkage times the feature means, plus 4 standard errors. */
    private static double interceptTolerance(Moments m, double lambda) {
        double shrinkA = lambda * Math.abs(A) / (m.sss() + lambda);
        double shrinkB = lambda * Math.abs(B) / (m.scc() + lambda);
        double se = NOISE_SD * Math.sqrt(1.0 / m.n() + m.meanS() * m.meanS() / m.sss() + m.meanC() * m.meanC() / m.scc());
        return shrinkA * Math.abs(m.meanS()) + shrinkB * Math.abs(m.meanC()) + 4 * se;
    }

    @Test
    void fit_is_exactly_ridge_with_penalty_lambda_on_the_raw_coefficients_and_none_on_the_intercept() {
        List<TrainingRow> rows = rows(new Random(7), 300, T0, A, B, C, NOISE_SD);
        double lambda = 50; // large next to S_jj (≈ 80 and 20 for 240 rows) so that the penalty's form shows
        RidgeSimModelTrainer trainer = new RidgeSimModelTrainer(settings(lambda, 250, 12_000));

        Trained model = trained(trainer.train(4, rows, 1, NOW));

        List<TrainingRow> fitted = rows.subList(0, 240); // 300 rows, newest 20 % = 60 held out
        double[] expected = Moments.of(fitted).closedForm(lambda);
        assertThat(model.coefScoreFinal()).as("a = closed form").isCloseTo(expected[0], within(1e-9));
        assertThat(model.coefConfidence()).as("b = closed form").isCloseTo(expected[1], within(1e-9));
        assertThat(model.intercept()).as("intercept = closed form").isCloseTo(expected[2], within(1e-9));

        // the check has teeth: Smile's ridge called with a plain λ penalises the standardised coefficients
        // (λ·sd²·w² on the raw scale), which here gives clearly different coefficients
        double[][] data = fitted.stream()
                .map(r -> new double[] {r.scoreFinal(), r.confidence(), r.realizedPnlBps()}).toArray(double[][]::new);
        var naive = RidgeRegression.fit(Formula.lhs("y"), DataFrame.of(data, "s", "c", "y"), lambda);
        assertThat(Math.abs(naive.coefficients().get(1) - expected[1])).as("plain-λ Smile differs in b").isGreaterThan(1.0);
    }

    @Test
    void intercept_is_not_shrunk_even_when_lambda_crushes_the_coefficients() {
        double bigIntercept = 1_000;
        List<TrainingRow> rows = rows(new Random(11), 1_000, T0, A, B, bigIntercept, NOISE_SD);
        RidgeSimModelTrainer trainer = new RidgeSimModelTrainer(settings(1e6, 250, 12_000));

        Trained model = trained(trainer.train(1, rows, 1, NOW));

        Moments m = Moments.of(rows.subList(0, 800));
        // S_jj ≈ 270 and 67 against λ = 10⁶: coefficients shrink ~4 000-fold towards 0 ...
        assertThat(Math.abs(model.coefScoreFinal())).as("a crushed").isLessThan(0.05);
        assertThat(Math.abs(model.coefConfidence())).as("b crushed").isLessThan(0.05);
        // ... but the intercept stays the mean of y (≈ 1 000 + 25·0.5): a penalised intercept would be ≈ n·ȳ/(n + λ) ≈ 0.8
        assertThat(model.intercept()).as("intercept = ȳ − a·s̄ − b·c̄, unpenalised")
                .isCloseTo(m.meanY() - model.coefScoreFinal() * m.meanS() - model.coefConfidence() * m.meanC(), within(1e-9))
                .isCloseTo(bigIntercept + B * 0.5, within(2.0));

        // and at λ = 5 the large intercept is recovered as such
        Trained usual = trained(defaults.train(1, rows, 1, NOW));
        double tol = interceptTolerance(m, 5);
        assertThat(usual.intercept()).as("intercept at λ = 5 within 4 SE + shrinkage = %.3f", tol)
                .isCloseTo(bigIntercept, within(tol));
    }

    @Test
    void fewer_than_min_rows_reports_insufficient_rows_with_n() {
        List<TrainingRow> rows = rows(new Random(3), 249, T0, A, B, C, NOISE_SD);

        TrainingOutcome outcome = defaults.train(24, rows, 3, NOW);

        assertThat(outcome).isEqualTo(new InsufficientRows(24, 249, 250, NOW));
        assertThat(((InsufficientRows) outcome).reason()).isEqualTo("insufficient_rows");
        assertThat(defaults.train(4, List.of(), 1, NOW)).isEqualTo(new InsufficientRows(4, 0, 250, NOW));
    }

    @Test
    void exactly_min_rows_trains_and_measures_rmse_on_the_older_200_and_holdout_on_the_newest_50() {
        List<TrainingRow> rows = rows(new Random(5), 250, T0, A, B, C, NOISE_SD);

        Trained model = trained(defaults.train(24, shuffled(rows, 9), 1, NOW));

        assertThat(model.n()).isEqualTo(250);
        assertThat(model.rmseBps()).as("in-sample RMSE over the oldest 200, published coefficients")
                .isCloseTo(rmse(model, rows.subList(0, 200)), within(1e-9));
        assertThat(model.holdoutRmseBps()).as("holdout RMSE over the newest 50")
                .isCloseTo(rmse(model, rows.subList(200, 250)), within(1e-9));
        double[] expected = Moments.of(rows.subList(0, 200)).closedForm(5);
        assertThat(model.coefScoreFinal()).as("fitted on the oldest 200 only").isCloseTo(expected[0], within(1e-9));
    }

    private static double rmse(Trained model, List<TrainingRow> rows) {
        return Math.sqrt(rows.stream()
                .mapToDouble(r -> Math.pow(r.realizedPnlBps() - model.expectedPnlBps(r.scoreFinal(), r.confidence()), 2))
                .average().orElseThrow());
    }

    @Test
    void only_the_newest_max_rows_rows_are_used() {
        // 3 000 old rows of an opposite relation, then the 1 000 newest of the true one
        List<TrainingRow> old = rows(new Random(21), 3_000, T0, -60, -10, 100, NOISE_SD);
        List<TrainingRow> recent = rows(new Random(22), 1_000, T0.plus(Duration.ofDays(10)), A, B, C, NOISE_SD);
        List<TrainingRow> all = new ArrayList<>(old);
        all.addAll(recent);
        RidgeSimModelTrainer trainer = new RidgeSimModelTrainer(settings(5, 250, 1_000));

        Trained model = trained(trainer.train(24, shuffled(all, 4), 2, NOW));

        assertThat(model.n()).isEqualTo(1_000);
        assertThat(model).as("same model as from the newest 1 000 alone").isEqualTo(trainer.train(24, recent, 2, NOW));
        assertThat(model.coefScoreFinal()).as("the true relation, not the old one").isCloseTo(A, within(2.0));
        assertThat(model.intercept()).isCloseTo(C, within(2.0));
    }

    @Test
    void holdout_is_the_time_ordered_newest_part() {
        // the oldest 800 rows follow the true relation; the newest 200 a different one
        List<TrainingRow> older = rows(new Random(31), 800, T0, A, B, C, NOISE_SD);
        List<TrainingRow> newest = rows(new Random(32), 200, T0.plus(Duration.ofMinutes(800)), -40, 0, 60, NOISE_SD);
        List<TrainingRow> all = new ArrayList<>(older);
        all.addAll(newest);

        Trained model = trained(defaults.train(24, shuffled(all, 8), 1, NOW));

        assertThat(model.coefScoreFinal()).as("fitted on the older rows only").isCloseTo(A, within(1.5));
        assertThat(model.rmseBps()).as("in-sample ≈ noise").isCloseTo(NOISE_SD, within(0.6));
        assertThat(model.holdoutRmseBps()).as("holdout = the newest rows, which the fit never saw")
                .isGreaterThan(5 * model.rmseBps());
    }

    @Test
    void version_time_lambda_and_horizon_are_reported() {
        List<TrainingRow> rows = rows(new Random(13), 400, T0, A, B, C, NOISE_SD);

        Trained model = trained(defaults.train(24, rows, 7, NOW));

        assertThat(model.version()).isEqualTo("ridge_h24_v7");
        assertThat(model.horizonHours()).isEqualTo(24);
        assertThat(model.trainedAt()).isEqualTo(NOW);
        assertThat(model.lambda()).isEqualTo(5.0);
        assertThat(trained(defaults.train(1, rows, 12, NOW)).version()).isEqualTo("ridge_h1_v12");
    }

    @Test
    void rows_in_any_input_order_give_the_same_model_even_with_ties_in_time() {
        // groups of 7 rows matured at the same minute; the max-rows cut and the holdout cut fall inside groups
        Random rnd = new Random(17);
        List<TrainingRow> rows = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            double s = 2 * rnd.nextDouble() - 1, c = rnd.nextDouble();
            rows.add(new TrainingRow(s, c, A * s + B * c + C + NOISE_SD * rnd.nextGaussian(), T0.plus(Duration.ofMinutes(i / 7))));
        }
        RidgeSimModelTrainer trainer = new RidgeSimModelTrainer(settings(5, 250, 500));

        TrainingOutcome reference = trainer.train(4, rows, 1, NOW);

        List<TrainingRow> reversed = new ArrayList<>(rows);
        Collections.reverse(reversed);
        assertThat(trainer.train(4, reversed, 1, NOW)).isEqualTo(reference);
        for (long seed = 1; seed <= 5; seed++) {
            assertThat(trainer.train(4, shuffled(rows, seed), 1, NOW)).as("shuffle %d", seed).isEqualTo(reference);
        }
    }

    @Test
    void a_feature_that_never_varies_gets_coefficient_zero_and_the_model_still_trains() {
        Random rnd = new Random(19);
        List<TrainingRow> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            double s = 2 * rnd.nextDouble() - 1;
            rows.add(new TrainingRow(s, 1.0, A * s + C + NOISE_SD * rnd.nextGaussian(), T0.plus(Duration.ofMinutes(i))));
        }

        Trained model = trained(defaults.train(24, rows, 1, NOW));

        Moments m = Moments.of(rows.subList(0, 400));
        double a = m.ssy() / (m.sss() + 5); // one-feature ridge
        assertThat(model.coefConfidence()).isEqualTo(0.0);
        assertThat(model.coefScoreFinal()).isCloseTo(a, within(1e-9));
        assertThat(model.intercept()).isCloseTo(m.meanY() - a * m.meanS(), within(1e-9));
    }

    @Test
    void rejects_bad_arguments() {
        List<TrainingRow> rows = rows(new Random(23), 300, T0, A, B, C, NOISE_SD);
        assertThatThrownBy(() -> defaults.train(0, rows, 1, NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.train(24, rows, 0, NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.train(24, null, 1, NOW)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> defaults.train(24, rows, 1, null)).isInstanceOf(NullPointerException.class);
        List<TrainingRow> withNull = new ArrayList<>(rows);
        withNull.add(null);
        assertThatThrownBy(() -> defaults.train(24, withNull, 1, NOW)).isInstanceOf(NullPointerException.class);
    }
}
