package com.metasupervisor.risk.topology;

import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.risk.domain.ReconciledRow;
import com.metasupervisor.schemas.TopicKeys;
import com.metasupervisor.streams.validation.Violation;
import java.util.ArrayList;
import java.util.List;

/** A reconciled row as the risk domain sees it, and the rule that lets a row in (the rest go to alpha.reconciled.dlq). */
final class Rows {

    static final String INVALID = "invalid_reconciled_row";

    private Rows() {
    }

    /** What keeps the domain from taking the row (the topology's validation step): none for a row it takes. */
    static List<Violation> violations(ReconciledAlpha row) {
        List<Violation> violations = new ArrayList<>();
        if (row.getMaturedAt() == null) {
            violations.add(new Violation("matured_at", INVALID, "matured_at is required"));
        }
        if (row.getStrategyClass() == null) {
            violations.add(new Violation("strategy_class", INVALID, "strategy_class is required"));
        }
        if (row.getRegime() == null) {
            violations.add(new Violation("regime", INVALID, "regime is required"));
        }
        if (violations.isEmpty()) {
            try {
                of(row); // the domain value type is the judge of the figures (finite PnLs, sigma >= 0)
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("row", INVALID, e.getMessage()));
            }
        }
        return violations;
    }

    /** The domain's row; a row {@link #violations} let in always maps. */
    static ReconciledRow of(ReconciledAlpha row) {
        return new ReconciledRow(row.getMaturedAt(), row.getRealizedPnlBps(), row.getExpectedPnlBps(), row.getExpectedSigmaBps());
    }

    /** The CVaR key {@code strategy|regime|horizon} (SPEC §2). */
    static String cvarKey(ReconciledAlpha row) {
        return TopicKeys.strategyRisk(row.getStrategyClass(), row.getRegime(), row.getHorizonHours());
    }
}
