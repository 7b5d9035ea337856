package com.metasupervisor.configrepo.files;

import java.util.Objects;

/**
 * One agent of {@code agents/manifest.yaml}.
 *
 * @param agent         the agent's name (untrusted text: any characters)
 * @param strategyClass its strategy class (arb, funding, macro, sentiment, distressed, alt_data or any other)
 * @param status        its status as merged on the base branch
 * @param owner         who answers for it
 */
public record ManifestEntry(String agent, String strategyClass, LifecycleStatus status, String owner) {
    public ManifestEntry {
        requireNonBlank(agent, "agent");
        requireNonBlank(strategyClass, "strategy_class");
        Objects.requireNonNull(status, "status");
        requireNonBlank(owner, "owner");
    }

    static void requireNonBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
