package com.metasupervisor.risk.api;

import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.StrategyRegimeRisk;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** The JSON the risk API answers with (timestamps as ISO-8601 text). */
public final class RiskViews {

    private RiskViews() {
    }

    /** The latest AgentStats published for an agent. */
    @Serdeable
    public record AgentStatsView(String agent, String strategyClass, int horizonHours, long n, double pnl7dBps,
                                 double pnl30dBps, double pnlSumBps, Double sharpe30d, Double winrate30d, Double hitRate,
                                 double maxDrawdown30dBps, double errorRate, Double avgAbsErrorBps, Double rmseBps,
                                 double confidenceMultiplier, String lastMaturedAt, String updatedAt) {

        static AgentStatsView of(AgentStats s) {
            return new AgentStatsView(s.getAgent(), s.getStrategyClass(), s.getHorizonHours(), s.getN(), s.getPnl7dBps(),
                    s.getPnl30dBps(), s.getPnlSumBps(), s.getSharpe30d(), s.getWinrate30d(), s.getHitRate(),
                    s.getMaxDrawdown30dBps(), s.getErrorRate(), s.getAvgAbsErrorBps(), s.getRmseBps(),
                    s.getConfidenceMultiplier(), text(s.getLastMaturedAt()), text(s.getUpdatedAt()));
        }
    }

    /** The latest StrategyRegimeRisk published for one strategy × regime × horizon. */
    @Serdeable
    public record StrategyRiskView(String strategyClass, String regime, int horizonHours, long n, double cvar95ShortfallBps,
                                   double var95Bps, double meanErrorBps, double hitRate, double pnlSumBps, String windowStart,
                                   String windowEnd, String updatedAt) {

        static StrategyRiskView of(StrategyRegimeRisk r) {
            return new StrategyRiskView(r.getStrategyClass(), r.getRegime(), r.getHorizonHours(), r.getN(),
                    r.getCvar95ShortfallBps(), r.getVar95Bps(), r.getMeanErrorBps(), r.getHitRate(), r.getPnlSumBps(),
                    text(r.getWindowStart()), text(r.getWindowEnd()), text(r.getUpdatedAt()));
        }
    }

    /** An open divergence alert: id {@code agent#n}, its current severity, when it opened. */
    @Serdeable
    public record OpenAlertView(String alertId, String agent, String kind, String severity, String openedAt) {
    }

    @Serdeable
    public record Problem(String error) {
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
