package com.metasupervisor.allocator.config;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.config.SettingsDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.List;

/**
 * The allocator's settings (keys under {@code allocator.}), bound from the configuration (each default written once,
 * on its component) and validated when built; every message names its key.
 *
 * @param policy             the policy that moves capital: pnl_proportional, composite or soft_penalty; the others
 *                           run as shadows (paper ledgers only)
 * @param horizonHours       the horizon of the risk figures read (CVaR key strategy|regime|horizon) and of the
 *                           reconciled rows credited to the paper ledgers
 * @param evaluationInterval every policy is evaluated this often (stream time; wall clock while the inputs are idle),
 *                           besides on every risk input change
 * @param publishThreshold   a snapshot is published when some weight moves by at least this (max |Δw|), or when
 *                           the change reduces risk
 * @param alertMultiplier    score multiplier of an agent with an open divergence alert, in [0, 1]
 * @param weightsFile        also write each published snapshot as {@code allocation/weights.json} to this path
 *                           (unset: no file)
 * @param historySize        published snapshots kept for {@code GET /allocations/history}
 * @param regime             current regime and its risk multiplier
 * @param pnlProportional    policy pnl_proportional
 * @param composite          policy composite
 * @param softPenalty        policy soft_penalty
 */
@ConfigurationProperties("allocator")
public record AllocatorSettings(
        @Bindable(defaultValue = "soft_penalty") String policy,
        @Bindable(defaultValue = "24") int horizonHours,
        @Bindable(defaultValue = "PT5M") Duration evaluationInterval,
        @Bindable(defaultValue = "0.10") double publishThreshold,
        @Bindable(defaultValue = "0.5") double alertMultiplier,
        Optional<Path> weightsFile,
        @Bindable(defaultValue = "200") int historySize,
        RegimeSettings regime,
        PnlProportionalSettings pnlProportional,
        CompositeSettings composite,
        SoftPenaltySettings softPenalty) {

    public static final String PREFIX = "allocator.";
    /** The policies, by their configuration name (SPEC §5). */
    public static final List<String> POLICIES = List.of("pnl_proportional", "composite", "soft_penalty");

    public AllocatorSettings {
        ArgChecker.notBlank(policy, PREFIX + "policy");
        ArgChecker.isTrue(POLICIES.contains(policy), PREFIX + "policy must be one of " + POLICIES + ", was '" + policy + "'");
        ArgChecker.positive(horizonHours, PREFIX + "horizon-hours");
        ArgChecker.positive(evaluationInterval, PREFIX + "evaluation-interval");
        ArgChecker.inRange(publishThreshold, 0, 1, PREFIX + "publish-threshold");
        ArgChecker.inRange(alertMultiplier, 0, 1, PREFIX + "alert-multiplier");
        ArgChecker.notNull(weightsFile, PREFIX + "weights-file");
        ArgChecker.positive(historySize, PREFIX + "history-size");
        ArgChecker.notNull(regime, PREFIX + "regime");
        ArgChecker.notNull(pnlProportional, PREFIX + "pnl-proportional");
        ArgChecker.notNull(composite, PREFIX + "composite");
        ArgChecker.notNull(softPenalty, PREFIX + "soft-penalty");
    }

    /** SPEC §5 defaults: soft_penalty, 24 h figures, every 5 min, 0.10, × 0.5, no file, and the defaults of every part. */
    public static AllocatorSettings defaults() {
        return SettingsDefaults.of(AllocatorSettings.class);
    }
}
