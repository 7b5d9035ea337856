package com.metasupervisor.governance.topology;

import com.metasupervisor.avro.AgentStatus;
import com.metasupervisor.avro.GovernanceDecision;
import com.metasupervisor.avro.StrategyStatus;

/** What the governor publishes: a decision, an agent's effective status, a class's status. */
sealed interface GovernorOutput {

    record Decision(GovernanceDecision value) implements GovernorOutput {
    }

    record Agent(AgentStatus value) implements GovernorOutput {
    }

    record Strategy(StrategyStatus value) implements GovernorOutput {
    }
}
