package com.metasupervisor.governance.config;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.config.SettingsDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Thresholds of the agent decisions (SPEC §6), keys under {@code governance.decision.}.
 *
 * @param killMaxDrawdownBps   KILL when max_drawdown_30d ≤ this (bps, &lt; 0)
 * @param killMaxErrorRate     KILL when error_rate &gt; this
 * @param retireMinRows        RETIRE on performance needs n ≥ this
 * @param retireMaxPnlBps      ... and pnl_30d ≤ this
 * @param retireMaxSharpe      ... and sharpe_30d &lt; this
 * @param promoteMinRows       PROMOTE needs n ≥ this
 * @param promoteMinSharpe     ... sharpe_30d ≥ this
 * @param promoteMinWinrate    ... winrate_30d ≥ this
 * @param promoteMinDrawdownBps ... max_drawdown_30d ≥ this (bps, ≤ 0)
 */
@ConfigurationProperties("governance.decision")
public record DecisionSettings(
        @Bindable(defaultValue = "-500") double killMaxDrawdownBps,
        @Bindable(defaultValue = "0.15") double killMaxErrorRate,
        @Bindable(defaultValue = "50") int retireMinRows,
        @Bindable(defaultValue = "0") double retireMaxPnlBps,
        @Bindable(defaultValue = "0") double retireMaxSharpe,
        @Bindable(defaultValue = "100") int promoteMinRows,
        @Bindable(defaultValue = "1.0") double promoteMinSharpe,
        @Bindable(defaultValue = "0.5") double promoteMinWinrate,
        @Bindable(defaultValue = "-200") double promoteMinDrawdownBps) {

    public static final String PREFIX = "governance.decision.";

    public DecisionSettings {
        ArgChecker.isTrue(Double.isFinite(killMaxDrawdownBps) && killMaxDrawdownBps < 0,
                PREFIX + "kill-max-drawdown-bps must be a finite number < 0, was " + killMaxDrawdownBps);
        ArgChecker.fraction(killMaxErrorRate, PREFIX + "kill-max-error-rate");
        ArgChecker.positive(retireMinRows, PREFIX + "retire-min-rows");
        ArgChecker.finite(retireMaxPnlBps, PREFIX + "retire-max-pnl-bps");
        ArgChecker.finite(retireMaxSharpe, PREFIX + "retire-max-sharpe");
        ArgChecker.positive(promoteMinRows, PREFIX + "promote-min-rows");
        ArgChecker.finite(promoteMinSharpe, PREFIX + "promote-min-sharpe");
        ArgChecker.inRange(promoteMinWinrate, 0, 1, PREFIX + "promote-min-winrate");
        ArgChecker.isTrue(Double.isFinite(promoteMinDrawdownBps) && promoteMinDrawdownBps <= 0,
                PREFIX + "promote-min-drawdown-bps must be a finite number <= 0, was " + promoteMinDrawdownBps);
        // a promotable agent must never be killable on drawdown at the same time
        ArgChecker.isTrue(promoteMinDrawdownBps > killMaxDrawdownBps, PREFIX + "promote-min-drawdown-bps ("
                + promoteMinDrawdownBps + ") must be > " + PREFIX + "kill-max-drawdown-bps (" + killMaxDrawdownBps + ")");
    }

    /** SPEC §6's thresholds. */
    public static DecisionSettings defaults() {
        return SettingsDefaults.of(DecisionSettings.class);
    }
}
