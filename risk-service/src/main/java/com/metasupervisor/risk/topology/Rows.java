package com.metasupervisor.risk.topology;

import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.risk.domain.ReconciledRow;
import com.metasupervisor.streams.deadletter.InvalidRecordException;

/** A reconciled row as the risk domain sees it; a row it cannot take goes to alpha.reconciled.dlq. */
final class Rows {

    static final String INVALID = "invalid_reconciled_row";

    private Rows() {
    }

    static ReconciledRow of(ReconciledAlpha row) {
        if (row.getMaturedAt() == null || row.getStrategyClass() == null || row.getRegime() == null) {
            throw new InvalidRecordException(INVALID, "matured_at, strategy_class and regime are required");
        }
        try {
            return new ReconciledRow(row.getMaturedAt(), row.getRealizedPnlBps(), row.getExpectedPnlBps(),
                    row.getExpectedSigmaBps());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidRecordException(INVALID, e.getMessage());
        }
    }

    /** The CVaR key {@code strategy|regime|horizon} (SPEC §2). */
    static String cvarKey(ReconciledAlpha row) {
        return com.metasupervisor.schemas.TopicKeys.strategyRisk(row.getStrategyClass(), row.getRegime(), row.getHorizonHours());
    }
}
