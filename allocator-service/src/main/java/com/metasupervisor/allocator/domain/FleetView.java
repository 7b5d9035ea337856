package com.metasupervisor.allocator.domain;

import com.metasupervisor.streams.check.ArgChecker;
import java.util.Map;
import java.util.SortedMap;

/** The fleet as one evaluation sees it (immutable snapshot). cvarByStrategy: class → CVaR95 shortfall (bps) in the current regime at the horizon. */
public record FleetView(SortedMap<String, AgentView> agents, RegimeView regime, boolean guardianPaused,
        Map<String, Double> cvarByStrategy, long asOf) {
    public FleetView {
        agents = SortedArrayMap.copyOf(ArgChecker.notNull(agents, "agents"));
        ArgChecker.notNull(regime, "regime");
        cvarByStrategy = Map.copyOf(ArgChecker.notNull(cvarByStrategy, "cvarByStrategy"));
    }
}
