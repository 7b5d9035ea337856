package com.metasupervisor.reporting.config;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.config.SettingsDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Pull requests to the config repository (SPEC §7), keys under {@code reporting.pull-requests.}.
 *
 * @param enabled  plan pull requests at all (decision batches and strategy disables); off: decisions are still notified
 * @param debounce a window of PROMOTE / RETIRE / KILL decisions closes when its newest decision is this old
 * @param maxWait  ... or when its oldest is this old, so a steady flow of decisions still opens pull requests
 * @param remember how long the planner remembers what it planned: an action key, a decision in a batch, the agents of
 *                 a pull request (for comments), an open divergence alert never resolved; a replay older than this
 *                 would be planned again
 * @param maxDecisions a closing window of more decisions than this opens several pull requests, each of at most this
 *                 many (by decision id): a ledger record, which carries the whole request, stays under Kafka's 1 MB
 */
@ConfigurationProperties("reporting.pull-requests")
public record PullRequestSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "PT60S") Duration debounce,
        @Bindable(defaultValue = "PT10M") Duration maxWait,
        @Bindable(defaultValue = "P14D") Duration remember,
        @Bindable(defaultValue = "100") int maxDecisions) {

    public static final String PREFIX = "reporting.pull-requests.";

    public PullRequestSettings {
        ArgChecker.positive(debounce, PREFIX + "debounce");
        ArgChecker.positive(maxWait, PREFIX + "max-wait");
        ArgChecker.isTrue(maxWait.compareTo(debounce) >= 0,
                PREFIX + "max-wait (" + maxWait + ") must be at least " + PREFIX + "debounce (" + debounce + ")");
        ArgChecker.positive(remember, PREFIX + "remember");
        ArgChecker.isTrue(remember.compareTo(maxWait) > 0,
                PREFIX + "remember (" + remember + ") must be longer than " + PREFIX + "max-wait (" + maxWait + ")");
        ArgChecker.positive(maxDecisions, PREFIX + "max-decisions");
    }

    /** On, a 60 s debounce, 10 min at most, 14 days remembered, 100 decisions per pull request. */
    public static PullRequestSettings defaults() {
        return SettingsDefaults.of(PullRequestSettings.class);
    }
}
