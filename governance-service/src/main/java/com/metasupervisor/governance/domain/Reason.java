package com.metasupervisor.governance.domain;

import com.metasupervisor.streams.check.ArgChecker;

/** One firing rule, in words with its value and threshold (e.g. "max_drawdown_30d -512.0 bps <= -500.0 bps"). */
public record Reason(RuleName rule, String text) {
    public Reason {
        ArgChecker.notNull(rule, "rule");
        ArgChecker.notBlank(text, "text");
    }

    @Override
    public String toString() {
        return rule.wireName() + ": " + text;
    }
}
