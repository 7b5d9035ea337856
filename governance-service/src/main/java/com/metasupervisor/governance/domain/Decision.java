package com.metasupervisor.governance.domain;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One governance decision about an agent or a strategy class (SPEC §6).
 *
 * @param subject        the agent id, or the strategy class
 * @param action         what it does
 * @param previousStatus the subject's effective status before it (an agent or a class status name)
 * @param reasons        every firing rule, in words with value and threshold
 * @param metrics        the figures the rules used (a missing figure is absent)
 * @param regime         the current regime, for a class decision
 * @param at             when it was decided ("now")
 * @param dryRun         a rule in dry run decided it: published and reported, changes nothing
 */
public record Decision(String subject, DecisionAction action, String previousStatus, List<Reason> reasons,
                       Map<String, Double> metrics, Optional<String> regime, Instant at, boolean dryRun) {
    public Decision {
        ArgChecker.notBlank(subject, "subject");
        ArgChecker.notNull(action, "action");
        ArgChecker.notBlank(previousStatus, "previousStatus");
        reasons = List.copyOf(ArgChecker.notEmpty(reasons, "reasons"));
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(ArgChecker.notNull(metrics, "metrics")));
        ArgChecker.notNull(regime, "regime");
        ArgChecker.notNull(at, "at");
    }

    /** When it changes the effective status: never for a dry-run decision. */
    public DecisionAction.Effect effect() {
        return dryRun ? DecisionAction.Effect.NONE : action.effect();
    }

    /** True when a rule named {@code rule} is among the reasons. */
    public boolean firedBy(RuleName rule) {
        return reasons.stream().anyMatch(reason -> reason.rule() == rule);
    }
}
