package com.metasupervisor.governance.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.AgentStatus;
import com.metasupervisor.avro.GovernanceDecision;
import com.metasupervisor.avro.OpsAction;
import com.metasupervisor.avro.StrategyLimits;
import com.metasupervisor.avro.StrategyStatus;
import com.metasupervisor.governance.sync.ConfigSyncState;
import com.metasupervisor.governance.sync.ConfigSyncState.GoodRevision;
import com.metasupervisor.governance.sync.ConfigSyncState.PublishFailure;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The JSON the governance API answers with: snake_case fields named as the Avro records' (AgentStatus, AgentManifest,
 * AgentStats, GovernanceDecision, StrategyStatus, StrategyLimits, OpsAction), every field present (null ones as null),
 * enums by name, timestamps as ISO-8601 text. A view that joins records adds its parts after the record's own fields
 * ({@code manifest}, {@code stats}, {@code limits}). A name with a digit run ({@code pnl_7d_bps}) is given explicitly:
 * the naming strategy would join the digits to the word before. Errors are {@code Problem}s (streams-kit).
 */
public final class GovernanceViews {

    private GovernanceViews() {
    }

    /**
     * An agent's effective status: the fields of {@code AgentStatus}, then its manifest entry and its newest figures
     * (each null when governance has none).
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AgentStatusView(String agent, String status, String source, String reason, String decisionId, String updatedAt,
                                  ManifestView manifest, AgentStatsView stats) {

        static AgentStatusView of(AgentStatus s, AgentManifest manifest, AgentStats stats) {
            return new AgentStatusView(s.getAgent(), s.getStatus().name(), s.getSource(), s.getReason(), s.getDecisionId(),
                    text(s.getUpdatedAt()), manifest == null ? null : ManifestView.of(manifest),
                    stats == null ? null : AgentStatsView.of(stats));
        }
    }

    /** An agent's entry in the base branch's manifest: the fields of {@code AgentManifest}. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ManifestView(String agent, String strategyClass, String status, String owner, String updatedAt) {

        static ManifestView of(AgentManifest m) {
            return new ManifestView(m.getAgent(), m.getStrategyClass(), m.getStatus().name(), m.getOwner(), text(m.getUpdatedAt()));
        }
    }

    /** An agent's newest figures at the horizon: the fields of {@code AgentStats}. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
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

    /** One decision with its reasons and the figures it used: the fields of {@code GovernanceDecision}. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DecisionView(String decisionId, String agent, String strategyClass, String action, String previousStatus,
                               List<String> reasons, Map<String, Double> metrics, String decidedAt, String subjectKind,
                               String previousStrategyStatus, String effect, boolean dryRun, String regime) {

        static DecisionView of(GovernanceDecision d) {
            return new DecisionView(d.getDecisionId(), d.getAgent(), d.getStrategyClass(), d.getAction().name(),
                    d.getPreviousStatus() == null ? null : d.getPreviousStatus().name(), List.copyOf(d.getReasons()),
                    Map.copyOf(d.getMetrics()), text(d.getDecidedAt()), d.getSubjectKind().name(),
                    d.getPreviousStrategyStatus() == null ? null : d.getPreviousStrategyStatus().name(), d.getEffect().name(),
                    d.getDryRun(), d.getRegime());
        }
    }

    /**
     * A strategy class's status with its figures: the fields of {@code StrategyStatus}, then the limits in force
     * (null when the kill list has no entry for the class).
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StrategyStatusView(String strategyClass, String status, List<String> reasons, Map<String, Double> metrics,
                                     String regime, String updatedAt, String decisionId, String source, LimitsView limits) {

        static StrategyStatusView of(StrategyStatus s, StrategyLimits limits) {
            return new StrategyStatusView(s.getStrategyClass(), s.getStatus().name(), List.copyOf(s.getReasons()),
                    Map.copyOf(s.getMetrics()), s.getRegime(), text(s.getUpdatedAt()), s.getDecisionId(), s.getSource(),
                    limits == null ? null : LimitsView.of(limits));
        }
    }

    /** A class's entry in the base branch's kill list: the fields of {@code StrategyLimits}. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record LimitsView(String strategyClass, String status, String reason, Double maxDrawdownBps, Double minHitRate,
                             Map<String, Double> maxCvarErrorBps, String sourceCommit, String updatedAt) {

        static LimitsView of(StrategyLimits l) {
            return new LimitsView(l.getStrategyClass(), l.getStatus().name(), l.getReason(), l.getMaxDrawdownBps(),
                    l.getMinHitRate(), Map.copyOf(l.getMaxCvarErrorBps()), l.getSourceCommit(), text(l.getUpdatedAt()));
        }
    }

    /** A manual action as published on control.ops: the fields of {@code OpsAction}. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record OpsActionView(String actionId, String action, String subject, String reason, String requestedBy,
                                String requestedAt) {

        static OpsActionView of(OpsAction a) {
            return new OpsActionView(a.getActionId(), a.getAction().name(), a.getSubject(), a.getReason(), a.getRequestedBy(),
                    text(a.getRequestedAt()));
        }
    }

    /**
     * The manifest sync's state ({@code ConfigSyncState}): the revision in force ({@code last_good}, null before the
     * first good read), the commit last published, the last attempt and why it was refused, the last publish failure.
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ConfigView(String backend, String baseBranch, boolean inForce, boolean publishPending, RevisionView lastGood,
                             String publishedCommit, String publishedAt, String lastAttemptAt, String lastAttemptCommit,
                             List<ProblemView> problems, PublishFailureView lastPublishFailure) {

        static ConfigView of(ConfigSyncState s) {
            GoodRevision good = s.lastGood();
            PublishFailure failure = s.lastPublishFailure();
            return new ConfigView(s.backend(), s.baseBranch(), s.inForce(), s.publishPending(),
                    good == null ? null : new RevisionView(good.commit(), text(good.commitTime()), good.agents(), good.classes(),
                            good.manifestMissing(), good.killListDefaulted(), text(good.readAt())),
                    s.publishedCommit(), text(s.publishedAt()), text(s.lastAttemptAt()), s.lastAttemptCommit(),
                    s.problems().stream().map(p -> new ProblemView(p.file(), p.line(), p.key(), p.message(), p.toString())).toList(),
                    failure == null ? null : new PublishFailureView(text(failure.at()), failure.commit(), failure.message()));
        }
    }

    /** A revision read without a problem: its commit, its counts, whether a file was missing. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RevisionView(String commit, String commitTime, int agents, int strategyClasses, boolean manifestMissing,
                               boolean killListDefaulted, String readAt) {
    }

    /** Why the newest head was refused: file, 1-based line (0: unknown), key path, message, and all of it in words. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ProblemView(String file, int line, String key, String message, String text) {
    }

    /** Publishing a commit's records failed at {@code at}; the sync retries every tick. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PublishFailureView(String at, String commit, String message) {
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
