package com.metasupervisor.allocator.domain;

import com.metasupervisor.allocator.config.PnlProportionalSettings;
import com.metasupervisor.streams.check.ArgChecker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Policy pnl_proportional (SPEC §5): raw = pnl_sum_bps, score = max(0, raw); no multipliers, no gate. */
public final class PnlProportional implements AllocationPolicy {

    private final PnlProportionalSettings settings;

    public PnlProportional(PnlProportionalSettings settings) {
        this.settings = ArgChecker.notNull(settings, "settings");
    }

    @Override
    public PolicyName name() {
        return PolicyName.PNL_PROPORTIONAL;
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
        List<PolicyScore> out = new ArrayList<>(eligible.size());
        for (AgentView a : eligible) {
            double raw = a.figures().pnlSumBps();
            out.add(new PolicyScore(a.agent(), raw, Map.of(), Math.max(0, raw), null));
        }
        return out;
    }
}
