package com.metasupervisor.governance.domain;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.Instant;

/** One reconciled row of an agent of a strategy class, as the class's attribution sees it. */
public record ClassRow(Instant maturedAt, double realizedPnlBps) {
    public ClassRow {
        ArgChecker.notNull(maturedAt, "maturedAt");
        ArgChecker.finite(realizedPnlBps, "realizedPnlBps");
    }

    /** The call made money (SPEC §3: realized &gt; 0). */
    public boolean hit() {
        return realizedPnlBps > 0;
    }
}
