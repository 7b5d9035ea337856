package com.metasupervisor.demo.score;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.Instant;

/** An agent's weight in an {@code allocations} snapshot as the demo read it (as of the snapshot's event time). */
public record ObservedWeight(Instant asOf, String agent, double weight) {
    public ObservedWeight {
        ArgChecker.notNull(asOf, "asOf");
        ArgChecker.notBlank(agent, "agent");
        ArgChecker.inRange(weight, 0, 1, "weight");
    }
}
