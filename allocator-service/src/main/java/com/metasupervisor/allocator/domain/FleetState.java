package com.metasupervisor.allocator.domain;

import com.metasupervisor.allocator.config.AllocatorSettings;
import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.regime.RegimeMajority;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;

/**
 * Mutable: what the allocator knows, fed by the topology one input record at a time (every method idempotent: the
 * same record twice leaves the same state). Known agents are those on risk.agent-stats, governance.agent-status or
 * agents.registry; regimes are compared without regard to case (kept upper case).
 */
public final class FleetState {

    private record Registered(String strategyClass, Lifecycle status) {
    }

    private record RegimeRecord(String regime, Double multiplier, String source) {
    }

    private final AllocatorSettings settings;
    private final Map<String, AgentFigures> figures = new HashMap<>();
    private final Map<String, AgentStatusView> governance = new HashMap<>();
    private final Map<String, Registered> registry = new HashMap<>();
    private final Map<String, StrategyDisable> disabled = new HashMap<>();
    /** strategy → regime (upper case) → CVaR95 shortfall at the configured horizon. */
    private final Map<String, Map<String, Double>> cvar = new HashMap<>();
    /** agent → its open alerts (id → kind), oldest first. */
    private final Map<String, SequencedMap<String, String>> alerts = new HashMap<>();
    private RegimeRecord regimeRecord;
    private RegimeMajority recent;
    private boolean guardianPaused;

    public FleetState(AllocatorSettings settings) {
        this.settings = ArgChecker.notNull(settings, "settings");
        this.recent = new RegimeMajority(settings.regime().majorityEvents());
    }

    public void figures(String agent, AgentFigures figures) {
        ArgChecker.notNull(agent, "agent");
        if (figures == null) {
            this.figures.remove(agent);
        } else {
            this.figures.put(agent, figures);
        }
    }

    public void governanceStatus(String agent, AgentStatusView status) {
        ArgChecker.notNull(agent, "agent");
        if (status == null) {
            governance.remove(agent);
        } else {
            governance.put(agent, status);
        }
    }

    public void registry(String agent, String strategyClass, Lifecycle status) {
        ArgChecker.notNull(agent, "agent");
        if (strategyClass == null && status == null) {
            registry.remove(agent);
        } else {
            registry.put(agent, new Registered(strategyClass, status));
        }
    }

    public void strategyStatus(String strategyClass, StrategyDisable disabledOrNull) {
        ArgChecker.notNull(strategyClass, "strategyClass");
        if (disabledOrNull == null) {
            disabled.remove(strategyClass);
        } else {
            disabled.put(strategyClass, disabledOrNull);
        }
    }

    /** Only the configured horizon is kept (the only one read). */
    public void strategyCvar(String strategy, String regime, int horizonHours, Double cvar95ShortfallBps) {
        ArgChecker.notNull(strategy, "strategy");
        ArgChecker.notNull(regime, "regime");
        if (horizonHours != settings.horizonHours()) {
            return;
        }
        String r = regime.toUpperCase(Locale.ROOT);
        if (cvar95ShortfallBps == null) {
            Map<String, Double> byRegime = cvar.get(strategy);
            if (byRegime != null) {
                byRegime.remove(r);
                if (byRegime.isEmpty()) {
                    cvar.remove(strategy);
                }
            }
        } else {
            ArgChecker.finite(cvar95ShortfallBps, "cvar95ShortfallBps");
            cvar.computeIfAbsent(strategy, k -> new HashMap<>()).put(r, cvar95ShortfallBps);
        }
    }

    /** An alert opened (or escalated) or resolved; the agent's newest open one haircuts it. */
    public void alert(String agent, String alertId, String kind, boolean open) {
        ArgChecker.notNull(agent, "agent");
        ArgChecker.notBlank(alertId, "alertId");
        if (open) {
            SequencedMap<String, String> mine = alerts.computeIfAbsent(agent, k -> new LinkedHashMap<>());
            mine.remove(alertId); // an escalation makes it the newest
            mine.put(alertId, kind == null ? "" : kind);
        } else {
            SequencedMap<String, String> mine = alerts.get(agent);
            if (mine != null) {
                mine.remove(alertId);
                if (mine.isEmpty()) {
                    alerts.remove(agent);
                }
            }
        }
    }

    /** A market.regime record; a null regime forgets it (the majority of the alpha events then decides). */
    public void regime(String regime, Double riskMultiplierOrNull, String source) {
        if (regime == null) {
            regimeRecord = null;
            return;
        }
        ArgChecker.notBlank(regime, "regime");
        if (riskMultiplierOrNull != null) {
            ArgChecker.inRange(riskMultiplierOrNull, 0, 1, "riskMultiplier");
        }
        regimeRecord = new RegimeRecord(regime.toUpperCase(Locale.ROOT), riskMultiplierOrNull, source == null ? "" : source);
    }

    /** One alpha event's regime, in arrival order (a blank one is not a regime and is skipped). */
    public void eventRegime(String regime) {
        if (regime != null && !regime.isBlank()) {
            recent.add(regime.toUpperCase(Locale.ROOT));
        }
    }

    public void guardian(boolean paused) {
        guardianPaused = paused;
    }

    public RegimeView currentRegime() {
        if (regimeRecord != null) {
            double m = regimeRecord.multiplier() != null ? regimeRecord.multiplier()
                    : settings.regime().multiplierOf(regimeRecord.regime());
            return new RegimeView(regimeRecord.regime(), m, regimeRecord.source());
        }
        return recent.majority()
                .map(r -> new RegimeView(r, settings.regime().multiplierOf(r), "derived"))
                .orElseGet(() -> new RegimeView("UNKNOWN", settings.regime().unknownMultiplier(), "none"));
    }

    public FleetView view(long asOf) {
        RegimeView regime = currentRegime();
        Map<String, Double> cvarByStrategy = new HashMap<>();
        cvar.forEach((strategy, byRegime) -> {
            Double v = byRegime.get(regime.regime());
            if (v != null) {
                cvarByStrategy.put(strategy, v);
            }
        });
        TreeMap<String, AgentView> agents = new TreeMap<>();
        for (String agent : figures.keySet()) {
            agents.put(agent, agentView(agent));
        }
        for (String agent : governance.keySet()) {
            agents.computeIfAbsent(agent, this::agentView);
        }
        for (String agent : registry.keySet()) {
            agents.computeIfAbsent(agent, this::agentView);
        }
        return new FleetView(agents, regime, guardianPaused, cvarByStrategy, asOf);
    }

    private AgentView agentView(String agent) {
        AgentFigures f = figures.get(agent);
        Registered r = registry.get(agent);
        String strategyClass = f != null ? f.strategyClass() : r == null ? null : r.strategyClass();
        AgentStatusView g = governance.get(agent);
        Lifecycle status;
        StatusSource source;
        String reason = null;
        if (g != null) {
            status = g.status();
            source = StatusSource.GOVERNANCE;
            reason = g.reason();
        } else if (r != null && r.status() != null) {
            status = r.status();
            source = StatusSource.REGISTRY;
        } else {
            status = null;
            source = StatusSource.NONE;
        }
        SequencedMap<String, String> open = alerts.get(agent);
        OpenAlert alert = open == null ? null : new OpenAlert(open.lastEntry().getKey(), open.lastEntry().getValue());
        StrategyDisable disable = strategyClass == null ? null : disabled.get(strategyClass);
        return new AgentView(agent, strategyClass, status, source, reason, f, alert, disable);
    }

    public RegimeMajority recentRegimes() {
        return recent;
    }

    public void restoreRecentRegimes(RegimeMajority r) {
        recent = ArgChecker.notNull(r, "recentRegimes");
    }
}
