package com.metasupervisor.reporting.execute;

import com.metasupervisor.reporting.domain.AllocationDocument;
import com.metasupervisor.reporting.domain.DecisionFacts;
import com.metasupervisor.reporting.domain.DecisionKind;
import com.metasupervisor.reporting.domain.report.AlertLine;
import com.metasupervisor.reporting.domain.report.DisabledClass;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Decisions, allocations and files the executor's tests share. */
final class ExecuteFixtures {

    static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    /** A person's manifest: comments, a blank line, a flow-style entry, quoting. */
    static final String MANIFEST = """
            # The fleet. A person edits this; Meta-Supervisor proposes changes by pull request.
            agents:
              - agent: arb_binance_1   # the first one
                strategy_class: arb
                status: LIVE
                owner: desk-a

              - agent: macro_rates_2
                strategy_class: macro
                status: 'CANDIDATE'
                owner: desk-b
              - {agent: "sentiment: reddit", strategy_class: sentiment, status: LIVE, owner: desk-b}
              - agent: funding_3
                strategy_class: funding
                status: LIVE
                owner: desk-c
            """;

    static final String KILL_LIST = """
            # Strategy kill list. A person edits this.
            arb:
              status: ACTIVE
              max_drawdown_bps: -250   # agreed with desk-a
            sentiment:
              status: DISABLED
              reason: structural alpha decay
            """;

    /** A person's weights file: its own key order and a key the allocator does not write. */
    static final String WEIGHTS = """
            {
              "timestamp": "2026-11-29T00:00:00Z",
              "note": "kept by hand",
              "allocations": {"funding_3": 0.2, "arb_binance_1": 0.3, "sentiment: reddit": 0.1},
              "cash": 0.4,
              "source": "allocator",
              "min_allocation": 0.0,
              "max_allocation": 0.5
            }
            """;

    private ExecuteFixtures() {
    }

    static DecisionFacts decision(String agent, String strategyClass, DecisionKind kind, Instant at) {
        return new DecisionFacts(agent + "@" + at.toEpochMilli() + ":" + kind, agent, strategyClass, kind,
                List.of(kind.name().toLowerCase() + "_rule: because"), Map.of("sharpe_30d", 1.25), at, "TREND", false);
    }

    static AllocationDocument allocation() {
        return new AllocationDocument(Map.of("arb_binance_1", 0.3, "funding_3", 0.25, "sentiment: reddit", 0.1, "macro_rates_2", 0.05),
                0.3, "allocator", "2026-11-30T07:59:00Z", 0.0, 0.5);
    }

    static AlertLine alert(String id, String agent) {
        return new AlertLine(T0, id, agent, "OPENED", "HIGH", "live Sharpe 2.1 below paper");
    }

    static DisabledClass disabled(String strategyClass, String reason) {
        return new DisabledClass(strategyClass, T0, "governance", reason);
    }
}
