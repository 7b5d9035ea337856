package com.metasupervisor.risk.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.StrategyRegimeRisk;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;

/**
 * The JSON the risk API answers with: snake_case fields named as the Avro records' (SPEC), timestamps as
 * ISO-8601 text. A name with a digit run ({@code pnl_7d_bps}) is given explicitly: the naming strategy would
 * join the digits to the word before ({@code pnl7d_bps}). Errors are {@code Problem}s (streams-kit).
 */
public final class RiskViews {

    private RiskViews() {
    }

    /** The latest AgentStats published for an agent: the fields of {@code AgentStats}. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record AgentStatsView(String agent, String strategyClass, int horizonHours, long n,
                                 @JsonProperty("pnl_7d_bps") double pnl7dBps, @JsonProperty("pnl_30d_bps") double pnl30dBps,
                                 double pnlSumBps, @JsonProperty("sharpe_30d") Double sharpe30d,
                                 @JsonProperty("winrate_30d") Double winrate30d, Double hitRate,
                                 @JsonProperty("max_drawdown_30d_bps") double maxDrawdown30dBps, double errorRate,
                                 double unpricedRate, Double avgAbsErrorBps, Double rmseBps, double confidenceMultiplier,
                                 String lastMaturedAt, String updatedAt) {

        static AgentStatsView of(AgentStats s) {
            return new AgentStatsView(s.getAgent(), s.getStrategyClass(), s.getHorizonHours(), s.getN(), s.getPnl7dBps(),
                    s.getPnl30dBps(), s.getPnlSumBps(), s.getSharpe30d(), s.getWinrate30d(), s.getHitRate(),
                    s.getMaxDrawdown30dBps(), s.getErrorRate(), s.getUnpricedRate(), s.getAvgAbsErrorBps(), s.getRmseBps(),
                    s.getConfidenceMultiplier(), text(s.getLastMaturedAt()), text(s.getUpdatedAt()));
        }
    }

    /** The latest StrategyRegimeRisk published for one strategy × regime × horizon: the fields of {@code StrategyRegimeRisk}. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record StrategyRiskView(String strategyClass, String regime, int horizonHours, long n, double cvar95ShortfallBps,
                                   double var95Bps, double meanErrorBps, double hitRate, double pnlSumBps, String windowStart,
                                   String windowEnd, String updatedAt) {

        static StrategyRiskView of(StrategyRegimeRisk r) {
            return new StrategyRiskView(r.getStrategyClass(), r.getRegime(), r.getHorizonHours(), r.getN(),
                    r.getCvar95ShortfallBps(), r.getVar95Bps(), r.getMeanErrorBps(), r.getHitRate(), r.getPnlSumBps(),
                    text(r.getWindowStart()), text(r.getWindowEnd()), text(r.getUpdatedAt()));
        }
    }

    /** An open divergence alert: {@code alert_id} ({@code agent#n}), its current severity, when it opened. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record OpenAlertView(String alertId, String agent, String kind, String severity, String openedAt) {
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
