package com.metasupervisor.allocator.domain;

import com.metasupervisor.allocator.config.CompositeSettings;
import com.metasupervisor.streams.check.ArgChecker;
import java.util.ArrayList;
import java.util.List;

/**
 * Policy composite (SPEC §5): score = pnl_w·norm(pnl_7d) + sharpe_w·norm(sharpe_30d) + win_w·winrate_30d
 * + dd_w·(1 − norm(|max_dd_30d|)); norm = min-max over the eligible agents that have the figure (0.5 each when they
 * are all equal); a missing sharpe or winrate counts 0. The multipliers are the four components (not factors):
 * pnl_7d_norm, sharpe_30d_norm, winrate_30d, drawdown_norm (= 1 − norm(|max_dd_30d|)).
 */
public final class Composite implements AllocationPolicy {

    public static final String PNL = "pnl_7d_norm";
    public static final String SHARPE = "sharpe_30d_norm";
    public static final String WINRATE = "winrate_30d";
    public static final String DRAWDOWN = "drawdown_norm";

    private final CompositeSettings settings;

    public Composite(CompositeSettings settings) {
        this.settings = ArgChecker.notNull(settings, "settings");
    }

    @Override
    public PolicyName name() {
        return PolicyName.COMPOSITE;
    }

    @Override
    public double minAllocation() {
        return settings.minAllocation();
    }

    @Override
    public double maxAllocation() {
        return settings.maxAllocation();
    }

    @Override
    public List<PolicyScore> score(List<AgentView> eligible, FleetView fleet) {
        Range pnl = new Range();
        Range sharpe = new Range();
        Range dd = new Range();
        for (AgentView a : eligible) {
            AgentFigures f = a.figures();
            pnl.add(f.pnl7dBps());
            if (f.sharpe30d() != null) {
                sharpe.add(f.sharpe30d());
            }
            dd.add(Math.abs(f.maxDrawdown30dBps()));
        }
        List<PolicyScore> out = new ArrayList<>(eligible.size());
        for (AgentView a : eligible) {
            AgentFigures f = a.figures();
            double pnlNorm = pnl.norm(f.pnl7dBps());
            double sharpeNorm = f.sharpe30d() == null ? 0 : sharpe.norm(f.sharpe30d());
            double winrate = f.winrate30d() == null ? 0 : f.winrate30d();
            double ddNorm = 1 - dd.norm(Math.abs(f.maxDrawdown30dBps()));
            double raw = settings.pnlWeight() * pnlNorm + settings.sharpeWeight() * sharpeNorm
                    + settings.winrateWeight() * winrate + settings.drawdownWeight() * ddNorm;
            Factors components = Factors.of(PNL, pnlNorm, SHARPE, sharpeNorm, WINRATE, winrate, DRAWDOWN, ddNorm);
            out.add(new PolicyScore(a.agent(), raw, components, Math.max(0, raw), null));
        }
        return out;
    }

    /** Min and max of a figure over the agents that have it. */
    private static final class Range {
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;

        void add(double x) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }

        double norm(double x) {
            return max == min ? 0.5 : (x - min) / (max - min);
        }
    }
}
