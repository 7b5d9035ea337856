package com.metasupervisor.risk.topology;

import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.Alert;

/** What an agent's task publishes: new statistics (risk.agent-stats) or an alert state change (alerts). */
sealed interface AgentOutput {

    record Stats(AgentStats stats) implements AgentOutput {
    }

    record AlertChange(Alert alert) implements AgentOutput {
    }
}
