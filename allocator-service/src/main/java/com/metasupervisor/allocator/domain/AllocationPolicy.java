package com.metasupervisor.allocator.domain;

import com.metasupervisor.allocator.config.AllocatorSettings;
import java.util.List;

/** A policy of SPEC §5: a pure function from the eligible agents' figures to scores. */
public sealed interface AllocationPolicy permits PnlProportional, Composite, SoftPenalty {
    PolicyName name();
    double minAllocation();
    double maxAllocation();
    List<PolicyScore> score(List<AgentView> eligible, FleetView fleet);
    static AllocationPolicy of(PolicyName name, AllocatorSettings settings) {
        return switch (name) {
            case PNL_PROPORTIONAL -> new PnlProportional(settings.pnlProportional());
            case COMPOSITE -> new Composite(settings.composite());
            case SOFT_PENALTY -> new SoftPenalty(settings.softPenalty(), settings.horizonHours());
        };
    }
}
