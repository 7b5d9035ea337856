package com.metasupervisor.allocator.topology;

import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.RegimeState;
import com.metasupervisor.streams.validation.RecordValidator;
import com.metasupervisor.streams.validation.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * The contracts of the validated inputs (their invalid records go to the topic's .dlq): what the domain needs of a
 * risk.agent-stats record (finite figures) and of a market.regime record (a regime, a multiplier in [0, 1]).
 */
public final class InputValidators {

    private InputValidators() {
    }

    static final RecordValidator<AgentStats> AGENT_STATS = s -> {
        List<Violation> out = new ArrayList<>();
        if (s.getAgent() == null || s.getAgent().isBlank()) {
            out.add(new Violation("agent", "agent_missing", "agent is missing or blank"));
        }
        if (s.getN() < 0) {
            out.add(new Violation("n", "n_negative", "n is negative: " + s.getN()));
        }
        finite(out, "pnl_7d_bps", s.getPnl7dBps());
        finite(out, "pnl_30d_bps", s.getPnl30dBps());
        finite(out, "pnl_sum_bps", s.getPnlSumBps());
        finite(out, "sharpe_30d", s.getSharpe30d());
        finite(out, "winrate_30d", s.getWinrate30d());
        finite(out, "hit_rate", s.getHitRate());
        finite(out, "max_drawdown_30d_bps", s.getMaxDrawdown30dBps());
        finite(out, "error_rate", s.getErrorRate());
        finite(out, "avg_abs_error_bps", s.getAvgAbsErrorBps());
        finite(out, "confidence_multiplier", s.getConfidenceMultiplier());
        if (s.getConfidenceMultiplier() < 0) {
            out.add(new Violation("confidence_multiplier", "confidence_multiplier_negative",
                    "confidence_multiplier is negative: " + s.getConfidenceMultiplier()));
        }
        return out;
    };

    /** Also what {@code POST /ops/regime} checks before it publishes. */
    public static final RecordValidator<RegimeState> REGIME = r -> {
        List<Violation> out = new ArrayList<>();
        if (r.getRegime() == null || r.getRegime().isBlank()) {
            out.add(new Violation("regime", "regime_missing", "regime is missing or blank"));
        }
        Double m = r.getRiskMultiplier();
        if (m != null && !(m >= 0 && m <= 1)) {
            out.add(new Violation("risk_multiplier", "risk_multiplier_out_of_range", "risk_multiplier must be in [0, 1], was " + m));
        }
        return out;
    };

    private static void finite(List<Violation> out, String field, Double value) {
        if (value != null && !Double.isFinite(value)) {
            out.add(new Violation(field, field + "_not_finite", field + " is not a finite number: " + value));
        }
    }
}
