package com.metasupervisor.risk.domain;

import com.metasupervisor.risk.config.DivergenceSettings;
import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.state.StateBytes;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One agent's divergence alert (SPEC §4): whether its live calls still behave as the sim model says,
 * judged on the newest rows ({@link ErrorSummary}) each time they change. It publishes state changes
 * only, never one per row:
 * <ul>
 *   <li>OPENED when no alert is open and some trigger fires;</li>
 *   <li>ESCALATED when the open alert is MEDIUM and mean abs error reaches escalation-factor × its
 *       threshold (HIGH); an alert escalates at most once and never de-escalates;</li>
 *   <li>RESOLVED when the open alert's every trigger is clear: below resolve-ratio × its threshold.
 *       Between clear and firing is a dead band (hysteresis): a value hovering just under a threshold
 *       neither resolves an open alert nor re-opens a resolved one.</li>
 * </ul>
 *
 * <p>Triggers, each "value ≥ threshold fires" (larger is worse):
 * <ul>
 *   <li>{@code mean_abs_error}: mean abs error vs mean-abs-error-bps;</li>
 *   <li>{@code mean_error}: |mean error| vs mean-error-bps;</li>
 *   <li>{@code rmse_spike}: RMSE vs rmse-spike-factor × the model's holdout RMSE, and significant: the
 *       window's sum of squared errors, against a calibrated agent's widest variance
 *       (calibrated-spread-factor × holdout RMSE)², has a chi-square p-value (n degrees of freedom: the
 *       errors of a calibrated agent are unbiased) below rmse-spike-significance. Without it a short
 *       window of a sound agent whose spread is 1.5× the fleet model's would fire. Not evaluated without a
 *       model RMSE (null or 0: no model, or one that claims no error);</li>
 *   <li>{@code hit_rate_collapse}: value = expected hit rate − hit rate (the shortfall), threshold =
 *       hit-rate-drop; fires when hit rate &lt; expected − hit-rate-drop and the hits are significantly
 *       few (0.15 alone is only ~2.7 σ of an 80-row hit rate): P(X ≤ hits) for X ~ Binomial(priced rows,
 *       expected hit rate) below hit-rate-significance, or the hit-rate CUSUM at or above
 *       hit-rate-cusum-threshold. The rows' hit probabilities differ, so the true count is
 *       Poisson-binomial, whose variance is below the binomial's of the same mean: the binomial p-value
 *       is conservative. The CUSUM (one-sided, Bernoulli) keeps gathering evidence beyond the window:
 *       on each row a model priced, S = max(0, S + p − hit − hit-rate-cusum-slack), with p = Φ(expected
 *       / s) the row's hit probability for the agent's own spread s = min(window RMSE,
 *       calibrated-spread-factor × the row's sigma). The model's Φ(expected / sigma) would charge a sound
 *       agent wider than the model's sigma (SPEC §4 allows up to 1.5×) some 0.04 per row, which is what
 *       made the CUSUM cry wolf; beyond the widest calibrated spread no more is granted. S restarts at
 *       0 when an alert opens, so a resolved alert re-opens on new evidence only. It follows arrival
 *       order (a backfilled row counts when it arrives), and moves only through
 *       {@link #observe(ErrorSummary, ReconciledRow, Double, Instant)}.
 *       Clear when the shortfall is below resolve-ratio × hit-rate-drop
 *       (with the defaults: clear within 0.12). It compares like with like: hit rate and expected hit
 *       rate of the rows a model priced, and is evaluated only when at least min-rows of them are in the
 *       window.</li>
 * </ul>
 * A trigger that cannot be evaluated neither fires nor holds an alert open. With fewer than min-rows
 * rows nothing is evaluated and nothing changes. Severity is HIGH when mean abs error ≥
 * escalation-factor × mean-abs-error-bps, else MEDIUM.
 *
 * <p>Time: rows may arrive out of order (a backfill), so a row's matured_at is not "now". The monitor
 * keeps its own clock, the newest event time it has observed, and stamps every transition with it: an
 * alert's transitions are thus in time order (never RESOLVED before OPENED) whatever order rows come in.
 *
 * <p>Not thread-safe: one instance belongs to one agent in one stream task.
 */
public final class DivergenceMonitor {

    public static final String ACTION = "REDUCE_ALLOC_AND_BLOCK_PROMOTION";
    /**
     * Version 3 adds the hit-rate CUSUM, version 2 the clock; versions 2 and 1 are still read (CUSUM 0;
     * version 1's clock: when the open alert opened, if any).
     */
    private static final byte FORMAT_VERSION = 3;
    private static final byte FORMAT_VERSION_2 = 2;
    private static final byte FORMAT_VERSION_1 = 1;

    private final DivergenceSettings settings;
    private boolean open;
    private Severity severity;
    private Instant openedAt;
    private int alertsOpened;
    /** The newest event time observed: what transitions are stamped with. */
    private Instant clock;
    /** The hit-rate CUSUM S: evidence of too few hits, in arrival order (≥ 0). */
    private double hitRateCusum;

    public DivergenceMonitor(DivergenceSettings settings) {
        this.settings = ArgChecker.notNull(settings, "settings");
    }

    /** {@link #observe(ErrorSummary, Double, Instant)} on the agent's newest rows; nothing before its first row. */
    public Optional<DivergenceTransition> observe(AgentWindow agent, Double modelHoldoutRmseBps, Instant at) {
        return agent.recentErrors().flatMap(w -> observe(w, modelHoldoutRmseBps, at));
    }

    /**
     * {@link #observe(ErrorSummary, ReconciledRow, Double, Instant)} on the agent's newest rows after
     * {@code row} arrived; nothing before its first row.
     */
    public Optional<DivergenceTransition> observe(AgentWindow agent, ReconciledRow row, Double modelHoldoutRmseBps) {
        ArgChecker.notNull(row, "row");
        return agent.recentErrors().flatMap(w -> observe(w, row, modelHoldoutRmseBps, row.maturedAt()));
    }

    /**
     * Counts the row that just arrived into the hit-rate CUSUM, then judges the window as
     * {@link #observe(ErrorSummary, Double, Instant)} does.
     *
     * @param window the agent's newest rows, {@code row} included if it is among them
     * @param row    the row that arrived (a row no model priced leaves the CUSUM as it is)
     */
    public Optional<DivergenceTransition> observe(ErrorSummary window, ReconciledRow row, Double modelHoldoutRmseBps,
            Instant at) {
        ArgChecker.notNull(window, "window");
        ArgChecker.notNull(row, "row");
        Double sigma = row.expectedSigmaBps();
        if (sigma != null) {
            double spread = Math.min(window.rmseBps(), settings.calibratedSpreadFactor() * sigma);
            double p = spread > 0 ? StandardNormal.cdf(row.expectedPnlBps() / spread)
                    : row.expectedPnlBps() > 0 ? 1 : row.expectedPnlBps() < 0 ? 0 : 0.5;
            hitRateCusum = Math.max(0, hitRateCusum + p - (row.hit() ? 1 : 0) - settings.hitRateCusumSlack());
        }
        return observe(window, modelHoldoutRmseBps, at);
    }

    /**
     * Judges the window and returns the state change it causes, if any; the hit-rate CUSUM as it stands.
     *
     * @param window              the agent's newest rows
     * @param modelHoldoutRmseBps the holdout RMSE of the sim model of the scoring horizon; null without one
     * @param at                  event time of the observation (the row's matured_at); a transition is
     *                            stamped with the newest one seen so far
     */
    public Optional<DivergenceTransition> observe(ErrorSummary window, Double modelHoldoutRmseBps, Instant at) {
        ArgChecker.notNull(window, "window");
        ArgChecker.notNull(at, "at");
        if (clock == null || at.isAfter(clock)) {
            clock = at;
        }
        at = clock;
        if (window.n() < settings.minRows()) {
            return Optional.empty();
        }
        List<AlertTrigger> triggers = triggers(window, modelHoldoutRmseBps);
        Severity now = window.meanAbsErrorBps() >= settings.escalationFactor() * settings.meanAbsErrorBps()
                ? Severity.HIGH : Severity.MEDIUM;
        AlertChange change = null;
        if (!open) {
            if (triggers.stream().anyMatch(AlertTrigger::firing)) {
                open = true;
                severity = now;
                openedAt = at;
                alertsOpened++;
                change = AlertChange.OPENED;
            }
        } else if (triggers.stream().allMatch(AlertTrigger::clear)) {
            open = false;
            change = AlertChange.RESOLVED;
        } else if (severity == Severity.MEDIUM && now == Severity.HIGH) {
            severity = Severity.HIGH;
            change = AlertChange.ESCALATED;
        }
        if (change == null) {
            return Optional.empty();
        }
        DivergenceTransition t = new DivergenceTransition(change, severity, ACTION, triggers,
                metrics(window, modelHoldoutRmseBps, triggers), alertsOpened, openedAt, at);
        if (change == AlertChange.OPENED) {
            hitRateCusum = 0; // evidence spent: a resolved alert re-opens on new evidence only
        }
        if (change == AlertChange.RESOLVED) {
            severity = null;
            openedAt = null;
        }
        return Optional.of(t);
    }

    /** Every trigger that can be evaluated on this window, in a fixed order. */
    public List<AlertTrigger> triggers(ErrorSummary window, Double modelHoldoutRmseBps) {
        double ratio = settings.resolveRatio();
        List<AlertTrigger> out = new ArrayList<>(4);
        out.add(atLeast(AlertTrigger.MEAN_ABS_ERROR, window.meanAbsErrorBps(), settings.meanAbsErrorBps(), ratio));
        out.add(atLeast(AlertTrigger.MEAN_ERROR, Math.abs(window.meanErrorBps()), settings.meanErrorBps(), ratio));
        if (modelHoldoutRmseBps != null && modelHoldoutRmseBps > 0 && Double.isFinite(modelHoldoutRmseBps)) {
            out.add(rmseSpike(window, modelHoldoutRmseBps, ratio));
        }
        if (window.pricedRows() >= settings.minRows()) {
            out.add(hitRateCollapse(window, ratio));
        }
        return out;
    }

    private AlertTrigger rmseSpike(ErrorSummary window, double modelRmse, double ratio) {
        double threshold = settings.rmseSpikeFactor() * modelRmse;
        double rmse = window.rmseBps();
        double calibrated = settings.calibratedSpreadFactor() * modelRmse;
        // Σe² / σ² ~ χ²_n for n unbiased normal errors of deviation σ
        double p = ChiSquareTail.atLeast(window.n() * rmse * rmse / (calibrated * calibrated), window.n());
        double alpha = settings.rmseSpikeSignificance();
        boolean firing = rmse >= threshold && p < alpha;
        return new AlertTrigger(AlertTrigger.RMSE_SPIKE, rmse, threshold, firing, !firing && rmse < ratio * threshold,
                p, alpha);
    }

    private AlertTrigger hitRateCollapse(ErrorSummary window, double ratio) {
        double hitRate = window.pricedHitRate();
        double expected = window.expectedHitRate();
        double drop = settings.hitRateDrop();
        double shortfall = expected - hitRate;
        int hits = (int) Math.round(hitRate * window.pricedRows());
        double p = BinomialTail.atMost(hits, window.pricedRows(), Math.min(1, Math.max(0, expected)));
        double alpha = settings.hitRateSignificance();
        // SPEC §4's rule, hit rate < expected − drop, and significantly few hits: in the window or by the CUSUM
        boolean firing = hitRate < expected - drop && (p < alpha || hitRateCusum >= settings.hitRateCusumThreshold());
        return new AlertTrigger(AlertTrigger.HIT_RATE_COLLAPSE, shortfall, drop, firing,
                !firing && shortfall < ratio * drop, p, alpha, hitRateCusum, settings.hitRateCusumThreshold());
    }

    private static AlertTrigger atLeast(String name, double value, double threshold, double resolveRatio) {
        boolean firing = value >= threshold;
        return new AlertTrigger(name, value, threshold, firing, !firing && value < resolveRatio * threshold);
    }

    private Map<String, Double> metrics(ErrorSummary w, Double modelHoldoutRmseBps, List<AlertTrigger> triggers) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("rows", (double) w.n());
        m.put("mean_abs_error_bps", w.meanAbsErrorBps());
        m.put("mean_error_bps", w.meanErrorBps());
        m.put("rmse_bps", w.rmseBps());
        m.put("hit_rate", w.hitRate());
        m.put("priced_rows", (double) w.pricedRows());
        if (w.pricedRows() > 0) {
            m.put("priced_hit_rate", w.pricedHitRate());
            m.put("expected_hit_rate", w.expectedHitRate());
            m.put("hit_rate_cusum", hitRateCusum);
            m.put("hit_rate_cusum_threshold", settings.hitRateCusumThreshold());
        }
        if (modelHoldoutRmseBps != null) {
            m.put("model_holdout_rmse_bps", modelHoldoutRmseBps);
        }
        // the Avro trigger has no p-value: the tests' p-values travel as metrics, "<trigger>_p_value"
        for (AlertTrigger t : triggers) {
            if (t.pValue() != null) {
                m.put(t.name() + "_p_value", t.pValue());
            }
        }
        return m;
    }

    public boolean isOpen() {
        return open;
    }

    /** The open alert's severity; empty when none is open. */
    public Optional<Severity> severity() {
        return Optional.ofNullable(severity);
    }

    /** When the open alert opened; empty when none is open. */
    public Optional<Instant> openedAt() {
        return Optional.ofNullable(openedAt);
    }

    /** The newest event time observed; empty before the first observation. */
    public Optional<Instant> clock() {
        return Optional.ofNullable(clock);
    }

    /** The hit-rate CUSUM S (≥ 0; 0 until a row is counted, and after an alert opens). */
    public double hitRateCusum() {
        return hitRateCusum;
    }

    /** Alerts opened so far: the number of the current or last one. */
    public int alertsOpened() {
        return alertsOpened;
    }

    public byte[] toBytes() {
        return StateBytes.write(FORMAT_VERSION, 256, out -> {
            out.writeBoolean(open);
            out.writeUTF(severity == null ? "" : severity.name()); // by name: the enum may grow
            StateBytes.writeNullableInstant(out, openedAt);
            out.writeInt(alertsOpened);
            StateBytes.writeNullableInstant(out, clock);
            out.writeDouble(hitRateCusum);
        });
    }

    /** The alert state {@link #toBytes()} wrote, judged from now on by the current settings. */
    public static DivergenceMonitor fromBytes(byte[] bytes, DivergenceSettings settings) {
        if (bytes != null && bytes.length > 0 && bytes[0] == FORMAT_VERSION_1) {
            return StateBytes.read(bytes, FORMAT_VERSION_1, "DivergenceMonitor", in -> read(in, settings, FORMAT_VERSION_1));
        }
        if (bytes != null && bytes.length > 0 && bytes[0] == FORMAT_VERSION_2) {
            return StateBytes.read(bytes, FORMAT_VERSION_2, "DivergenceMonitor", in -> read(in, settings, FORMAT_VERSION_2));
        }
        return StateBytes.read(bytes, FORMAT_VERSION, "DivergenceMonitor", in -> read(in, settings, FORMAT_VERSION));
    }

    private static DivergenceMonitor read(StateBytes.In in, DivergenceSettings settings, byte version)
            throws IOException {
        DivergenceMonitor m = new DivergenceMonitor(settings);
        m.open = in.readBoolean();
        String s = in.readUTF();
        try {
            m.severity = s.isEmpty() ? null : Severity.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new IOException("unknown severity " + s, e);
        }
        m.openedAt = StateBytes.readNullableInstant(in);
        m.alertsOpened = in.readInt();
        // version 1 kept no clock: the open alert's opening is the latest time it is known to have seen
        m.clock = version >= FORMAT_VERSION_2 ? StateBytes.readNullableInstant(in) : m.openedAt;
        m.hitRateCusum = version >= FORMAT_VERSION ? in.readDouble() : 0; // before version 3: no evidence kept
        if (!(m.hitRateCusum >= 0) || Double.isInfinite(m.hitRateCusum)) {
            throw new IOException("hit-rate CUSUM must be finite and >= 0, was " + m.hitRateCusum);
        }
        if (m.clock != null && m.openedAt != null && m.clock.isBefore(m.openedAt)) {
            throw new IOException("clock before the open alert's opening");
        }
        if (m.open != (m.severity != null) || m.open != (m.openedAt != null) || m.alertsOpened < (m.open ? 1 : 0)) {
            throw new IOException("inconsistent alert state");
        }
        return m;
    }
}
