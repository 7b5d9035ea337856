package com.metasupervisor.risk.topology;

import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.risk.domain.ReconciledRow;
import com.metasupervisor.schemas.UnreconcilableHeaders;
import com.metasupervisor.streams.check.ArgChecker;
import java.time.Instant;

/** What reaches an agent's task: a reconciled row of the scoring horizon, or one dead-lettered event. */
sealed interface AgentInput {

    /** A row reconciled at the scoring horizon: one accepted event and one row of the windows. */
    record Row(ReconciledAlpha avro, ReconciledRow row) implements AgentInput {
    }

    /**
     * An event of the agent that was rejected, or could not be priced at the scoring horizon, for {@code reason}
     * (its {@code error.reason}).
     */
    record DeadLettered(Instant at, String reason) implements AgentInput {

        public DeadLettered {
            ArgChecker.notNull(at, "at");
            ArgChecker.notNull(reason, "reason");
        }

        /** The agent's own error (error rate), or a pair the market data failed to price (unpriced rate). */
        boolean agentFault() {
            return UnreconcilableHeaders.isAgentFault(reason);
        }
    }
}
