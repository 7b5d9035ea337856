package com.metasupervisor.governance.domain;

import com.metasupervisor.streams.check.ArgChecker;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An agent's figures as risk's AgentStats publishes them (SPEC §4); null where AgentStats is null (too few rows).
 *
 * @param n                 reconciled rows in the long window
 * @param pnl30dBps         pnl_30d_bps
 * @param sharpe30d         sharpe_30d
 * @param winrate30d        winrate_30d in [0, 1]
 * @param maxDrawdown30dBps max_drawdown_30d_bps (≤ 0)
 * @param errorRate         error_rate in [0, 1]
 */
public record AgentFigures(long n, Double pnl30dBps, Double sharpe30d, Double winrate30d, Double maxDrawdown30dBps,
                           Double errorRate) {
    public AgentFigures {
        ArgChecker.notNegative(n, "n");
        finiteOrNull(pnl30dBps, "pnl30dBps");
        finiteOrNull(sharpe30d, "sharpe30d");
        if (winrate30d != null) {
            ArgChecker.inRange(winrate30d, 0, 1, "winrate30d");
        }
        finiteOrNull(maxDrawdown30dBps, "maxDrawdown30dBps");
        if (errorRate != null) {
            ArgChecker.inRange(errorRate, 0, 1, "errorRate");
        }
    }

    private static void finiteOrNull(Double value, String name) {
        if (value != null) {
            ArgChecker.finite(value, name);
        }
    }

    /** The figures by their AgentStats names; a missing one is absent. */
    public Map<String, Double> metrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("n", (double) n);
        put(metrics, "pnl_30d_bps", pnl30dBps);
        put(metrics, "sharpe_30d", sharpe30d);
        put(metrics, "winrate_30d", winrate30d);
        put(metrics, "max_drawdown_30d_bps", maxDrawdown30dBps);
        put(metrics, "error_rate", errorRate);
        return Collections.unmodifiableMap(metrics);
    }

    private static void put(Map<String, Double> metrics, String name, Double value) {
        if (value != null) {
            metrics.put(name, value);
        }
    }
}
