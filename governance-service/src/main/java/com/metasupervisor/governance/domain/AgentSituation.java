package com.metasupervisor.governance.domain;

import com.metasupervisor.configrepo.files.LifecycleStatus;
import com.metasupervisor.configrepo.files.StrategyClassStatus;
import com.metasupervisor.streams.check.ArgChecker;
import java.util.Optional;

/**
 * What an agent's decision is made from.
 *
 * @param agentId     the agent
 * @param figures     its newest figures
 * @param status      its current effective status
 * @param classStatus its strategy class's effective status
 * @param openAlertId the id of its open divergence alert, if one is open
 */
public record AgentSituation(String agentId, AgentFigures figures, LifecycleStatus status, StrategyClassStatus classStatus,
                             Optional<String> openAlertId) {
    public AgentSituation {
        ArgChecker.notBlank(agentId, "agentId");
        ArgChecker.notNull(figures, "figures");
        ArgChecker.notNull(status, "status");
        ArgChecker.notNull(classStatus, "classStatus");
        ArgChecker.notNull(openAlertId, "openAlertId");
    }
}
