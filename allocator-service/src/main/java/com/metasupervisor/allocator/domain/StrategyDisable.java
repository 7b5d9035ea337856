package com.metasupervisor.allocator.domain;

import com.metasupervisor.streams.check.ArgChecker;
import java.util.List;

/** A strategy class DISABLED on governance.strategy-status, with its reasons. */
public record StrategyDisable(String strategyClass, List<String> reasons) {
    public StrategyDisable {
        ArgChecker.notBlank(strategyClass, "strategyClass");
        reasons = List.copyOf(ArgChecker.notNull(reasons, "reasons"));
    }
}
