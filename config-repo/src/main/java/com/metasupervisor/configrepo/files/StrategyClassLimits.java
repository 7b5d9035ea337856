package com.metasupervisor.configrepo.files;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One strategy class of {@code meta_supervisor/kill_list.yaml} (SPEC §6); an absent limit is not enforced.
 *
 * @param status         ACTIVE, or DISABLED (a breach by itself)
 * @param reason         why, when a person wrote one (e.g. "structural alpha decay")
 * @param maxDrawdownBps the deepest drawdown of the class's PnL curve allowed, in bps (&le; 0, e.g. -250)
 * @param minHitRate     the lowest hit rate allowed, in [0, 1]
 * @param byRegime       regime (e.g. TREND, RANGE) → its CVaR limit, in file order
 */
public record StrategyClassLimits(StrategyClassStatus status, Optional<String> reason, OptionalDouble maxDrawdownBps,
                                  OptionalDouble minHitRate, Map<String, RegimeLimit> byRegime) {
    public StrategyClassLimits {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(maxDrawdownBps, "maxDrawdownBps");
        Objects.requireNonNull(minHitRate, "minHitRate");
        Objects.requireNonNull(byRegime, "byRegime");
        maxDrawdownBps.ifPresent(value -> {
            if (!Double.isFinite(value) || value > 0) {
                throw new IllegalArgumentException("max_drawdown_bps must be a finite number <= 0, was " + value);
            }
        });
        minHitRate.ifPresent(value -> {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("min_hit_rate must be in [0, 1], was " + value);
            }
        });
        byRegime.forEach((regime, limit) -> {
            ManifestEntry.requireNonBlank(regime, "regime");
            Objects.requireNonNull(limit, "limit of " + regime);
        });
        byRegime = Collections.unmodifiableMap(new LinkedHashMap<>(byRegime));
    }

    /** The CVaR limit in {@code regime}, when the file sets one. */
    public Optional<RegimeLimit> inRegime(String regime) {
        return Optional.ofNullable(byRegime.get(regime));
    }
}
