package com.metasupervisor.risk.topology;

import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.risk.domain.ReconciledRow;
import java.time.Instant;

/** What reaches an agent's task: a reconciled row of the scoring horizon, or one dead-lettered event. */
sealed interface AgentInput {

    /** A row reconciled at the scoring horizon: one accepted event and one row of the windows. */
    record Row(ReconciledAlpha avro, ReconciledRow row) implements AgentInput {
    }

    /** An event of the agent that was rejected or found unreconcilable at the scoring horizon. */
    record DeadLettered(Instant at, String reason) implements AgentInput {
    }
}
