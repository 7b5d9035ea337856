package com.metasupervisor.allocator.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The allocation policies of SPEC §5, by their configuration id. */
public enum PolicyName {
    PNL_PROPORTIONAL, COMPOSITE, SOFT_PENALTY;

    /** The configuration id: "pnl_proportional", "composite", "soft_penalty". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy of configuration id {@code id}; an unknown id names the valid ones. */
    public static PolicyName of(String id) {
        for (PolicyName p : values()) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown policy '" + id + "': valid ids are "
                + Arrays.stream(values()).map(PolicyName::id).collect(Collectors.joining(", ")));
    }
}
