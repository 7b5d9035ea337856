package com.metasupervisor.allocator.domain;

import com.metasupervisor.streams.check.ArgChecker;

/**
 * One agent as an evaluation sees it: its class (newest stats, else registry; may be null), effective status (null
 * with source NONE), figures (null before risk.agent-stats), open alert and its class's disable (both nullable).
 */
public record AgentView(String agent, String strategyClass, Lifecycle status, StatusSource statusSource,
        String statusReason, AgentFigures figures, OpenAlert openAlert, StrategyDisable disabled) {
    public AgentView {
        ArgChecker.notNull(agent, "agent");
        ArgChecker.notNull(statusSource, "statusSource");
        ArgChecker.isTrue((status == null) == (statusSource == StatusSource.NONE),
                "status must be null exactly when statusSource is NONE");
    }
}
