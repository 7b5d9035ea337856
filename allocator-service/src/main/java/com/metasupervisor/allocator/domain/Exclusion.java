package com.metasupervisor.allocator.domain;

import com.metasupervisor.streams.check.ArgChecker;

/** An agent's exclusion: its kind and the reason in words. */
public record Exclusion(ExclusionKind kind, String reason) {
    public Exclusion {
        ArgChecker.notNull(kind, "kind");
        ArgChecker.notBlank(reason, "reason");
    }
}
