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
 *   <li>{@code rmse_spike}: RMSE vs rmse-spike-factor × the model's holdout RMSE; not evaluated without
 *       a model RMSE (null or 0: no model, or one that claims no error);</li>
 *   <li>{@code hit_rate_collapse}: value = expected hit rate − hit rate (the shortfall), threshold =
 *       hit-rate-drop; fires when hit rate &lt; expected − hit-rate-drop, and is clear when the shortfall
 *       is below resolve-ratio × hit-rate-drop (with the defaults: fires beyond 0.15 under the model,
 *       clear within 0.12). It compares like with like: hit rate and expected hit rate of the rows a
 *       model priced, and is evaluated only when at least min-rows of them are in the window.</li>
 * </ul>
 * A trigger that cannot be evaluated neither fires nor holds an alert open. With fewer than min-rows
 * rows nothing is evaluated and nothing changes. Severity is HIGH when mean abs error ≥
 * escalation-factor × mean-abs-error-bps, else MEDIUM.
 *
 * <p>Not thread-safe: one instance belongs to one agent in one stream task.
 */
public final class DivergenceMonitor {

    public static final String ACTION = "REDUCE_ALLOC_AND_BLOCK_PROMOTION";
    private static final byte FORMAT_VERSION = 1;

    private final DivergenceSettings settings;
    private boolean open;
    private Severity severity;
    private Instant openedAt;
    private int alertsOpened;

    public DivergenceMonitor(DivergenceSettings settings) {
        this.settings = ArgChecker.notNull(settings, "settings");
    }

    /** {@link #observe(ErrorSummary, Double, Instant)} on the agent's newest rows; nothing before its first row. */
    public Optional<DivergenceTransition> observe(AgentWindow agent, Double modelHoldoutRmseBps, Instant at) {
        return agent.recentErrors().flatMap(w -> observe(w, modelHoldoutRmseBps, at));
    }

    /**
     * Judges the window and returns the state change it causes, if any.
     *
     * @param window              the agent's newest rows
     * @param modelHoldoutRmseBps the holdout RMSE of the sim model of the scoring horizon; null without one
     * @param at                  event time of the observation
     */
    public Optional<DivergenceTransition> observe(ErrorSummary window, Double modelHoldoutRmseBps, Instant at) {
        ArgChecker.notNull(window, "window");
        ArgChecker.notNull(at, "at");
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
                metrics(window, modelHoldoutRmseBps), alertsOpened, openedAt, at);
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
            out.add(atLeast(AlertTrigger.RMSE_SPIKE, window.rmseBps(), settings.rmseSpikeFactor() * modelHoldoutRmseBps, ratio));
        }
        if (window.pricedRows() >= settings.minRows()) {
            double hitRate = window.pricedHitRate();
            double expected = window.expectedHitRate();
            double drop = settings.hitRateDrop();
            double shortfall = expected - hitRate;
            // fires exactly as SPEC §4 words it: hit rate < expected − drop
            boolean firing = hitRate < expected - drop;
            out.add(new AlertTrigger(AlertTrigger.HIT_RATE_COLLAPSE, shortfall, drop, firing,
                    !firing && shortfall < ratio * drop));
        }
        return out;
    }

    private static AlertTrigger atLeast(String name, double value, double threshold, double resolveRatio) {
        boolean firing = value >= threshold;
        return new AlertTrigger(name, value, threshold, firing, !firing && value < resolveRatio * threshold);
    }

    private static Map<String, Double> metrics(ErrorSummary w, Double modelHoldoutRmseBps) {
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
        }
        if (modelHoldoutRmseBps != null) {
            m.put("model_holdout_rmse_bps", modelHoldoutRmseBps);
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
        });
    }

    /** The alert state {@link #toBytes()} wrote, judged from now on by the current settings. */
    public static DivergenceMonitor fromBytes(byte[] bytes, DivergenceSettings settings) {
        return StateBytes.read(bytes, FORMAT_VERSION, "DivergenceMonitor", in -> read(in, settings));
    }

    private static DivergenceMonitor read(StateBytes.In in, DivergenceSettings settings) throws IOException {
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
        if (m.open != (m.severity != null) || m.open != (m.openedAt != null) || m.alertsOpened < (m.open ? 1 : 0)) {
            throw new IOException("inconsistent alert state");
        }
        return m;
    }
}
