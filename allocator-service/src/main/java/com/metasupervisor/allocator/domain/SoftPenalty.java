package com.metasupervisor.allocator.domain;

import com.metasupervisor.allocator.config.SoftPenaltySettings;
import com.metasupervisor.streams.check.ArgChecker;
import java.util.ArrayList;
import java.util.List;

/**
 * Policy soft_penalty (SPEC §5): gates error_rate > gate or pnl_sum_bps ≤ 0; raw = √pnl_sum_bps; multipliers, in
 * order, hit_rate = offset + hit_rate (null → offset), confidence, error = 1/(1 + avg_abs_error/scale) (null → 1),
 * cvar = max(floor, 1 − per_bps·CVaR95 shortfall of the agent's class in the current regime at the horizon) (no
 * figures for that key → 1), drawdown = max(floor, 1 + per_bps·max_drawdown_30d_bps); score = raw × their product.
 */
public final class SoftPenalty implements AllocationPolicy {

    public static final String HIT_RATE = "hit_rate";
    public static final String CONFIDENCE = "confidence";
    public static final String ERROR = "error";
    public static final String CVAR = "cvar";
    public static final String DRAWDOWN = "drawdown";

    private final SoftPenaltySettings settings;
    private final int horizonHours;

    public SoftPenalty(SoftPenaltySettings settings, int horizonHours) {
        this.settings = ArgChecker.notNull(settings, "settings");
        this.horizonHours = ArgChecker.positive(horizonHours, "horizonHours");
    }

    @Override
    public PolicyName name() {
        return PolicyName.SOFT_PENALTY;
    }

    @Override
    public double minAllocation() {
        return settings.minAllocation();
    }

    @Override
    public double maxAllocation() {
        return settings.maxAllocation();
    }

    /** The horizon of the CVaR key read (strategy|regime|horizon), for the explanation of missing figures. */
    public int horizonHours() {
        return horizonHours;
    }

    @Override
    public List<PolicyScore> score(List<AgentView> eligible, FleetView fleet) {
        List<PolicyScore> out = new ArrayList<>(eligible.size());
        for (AgentView a : eligible) {
            AgentFigures f = a.figures();
            double pnl = f.pnlSumBps();
            double raw = pnl > 0 ? Math.sqrt(pnl) : 0;
            if (f.errorRate() > settings.errorRateGate()) {
                out.add(gated(a, raw, "error_rate " + Decimals.fixed(f.errorRate(), 4) + " > "
                        + Decimals.compact(settings.errorRateGate(), 4)));
                continue;
            }
            if (pnl <= 0) {
                out.add(gated(a, raw, "pnl_sum_bps " + Decimals.fixed(pnl, 1) + " <= 0"));
                continue;
            }
            double hit = settings.hitRateOffset() + (f.hitRate() == null ? 0 : f.hitRate());
            double confidence = f.confidenceMultiplier();
            double error = f.avgAbsErrorBps() == null ? 1 : 1 / (1 + f.avgAbsErrorBps() / settings.errorScaleBps());
            Double shortfall = a.strategyClass() == null ? null : fleet.cvarByStrategy().get(a.strategyClass());
            double cvar = shortfall == null ? 1 : Math.max(settings.cvarFloor(), 1 - settings.cvarPerBps() * shortfall);
            double drawdown = Math.max(settings.drawdownFloor(), 1 + settings.drawdownPerBps() * f.maxDrawdown30dBps());
            double score = raw * hit * confidence * error * cvar * drawdown;
            Factors factors = Factors.of(HIT_RATE, hit, CONFIDENCE, confidence, ERROR, error, CVAR, cvar, DRAWDOWN, drawdown);
            out.add(new PolicyScore(a.agent(), raw, factors, Math.max(0, score), null));
        }
        return out;
    }

    private static PolicyScore gated(AgentView a, double raw, String reason) {
        return new PolicyScore(a.agent(), raw, Factors.of(), 0, new Exclusion(ExclusionKind.GATE, reason));
    }
}
