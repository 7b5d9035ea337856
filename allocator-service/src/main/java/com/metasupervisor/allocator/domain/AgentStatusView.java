package com.metasupervisor.allocator.domain;

import com.metasupervisor.streams.check.ArgChecker;

/** An agent's status on governance.agent-status; the reason may be null. */
public record AgentStatusView(Lifecycle status, String reason) {
    public AgentStatusView {
        ArgChecker.notNull(status, "status");
    }
}
