package com.metasupervisor.governance.domain;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.Instant;

/** A manual action's who, why and when (SPEC §6): an operator KILLs an agent or DISABLEs a class. */
public record OperatorAction(String operator, String why, Instant at) {
    public OperatorAction {
        ArgChecker.notBlank(operator, "operator");
        ArgChecker.notBlank(why, "why");
        ArgChecker.notNull(at, "at");
    }

    Reason reason(String act) {
        return new Reason(RuleName.MANUAL, act + " by " + operator + " at " + at + ": " + why);
    }
}
