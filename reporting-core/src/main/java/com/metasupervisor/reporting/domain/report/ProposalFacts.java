package com.metasupervisor.reporting.domain.report;

import com.metasupervisor.streams.check.ArgChecker;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A promotion-loop proposal (governance.proposals) with each patch it evaluated: what a proposal notification says.
 * Targets, values and reasons are untrusted text, carried as given.
 *
 * @param at         when the loop's cycle ran
 * @param mode       the loop's mode (DISABLED, MANUAL_ONLY, BOUNDED_AUTO)
 * @param outputPath where the loop materialised it; null when it did not
 */
public record ProposalFacts(Instant at, String proposalId, String mode, List<Patch> patches, String outputPath) {

    /**
     * One evaluated config patch.
     *
     * @param target       the config key, e.g. portfolio.leverage
     * @param decision     the loop's decision on it (PENDING, REJECTED_BY_POLICY, ...)
     * @param oldValue     the value before, as text; null when the key had none
     * @param appliedValue the value written to the live overrides after clamping (bounded_auto only); else null
     */
    public record Patch(String patchId, String target, String decision, List<String> reasons, String oldValue,
                        String newValue, String appliedValue) {
        public Patch {
            ArgChecker.notNull(patchId, "patchId");
            ArgChecker.notNull(target, "target");
            ArgChecker.notNull(decision, "decision");
            reasons = List.copyOf(reasons);
            ArgChecker.notNull(newValue, "newValue");
        }
    }

    public ProposalFacts {
        ArgChecker.notNull(at, "at");
        ArgChecker.notNull(proposalId, "proposalId");
        ArgChecker.notNull(mode, "mode");
        patches = List.copyOf(patches);
    }

    /** The report's line of it: the patches counted per decision. */
    public ProposalLine toLine() {
        Map<String, Integer> decisions = new TreeMap<>();
        patches.forEach(p -> decisions.merge(p.decision(), 1, Integer::sum));
        return new ProposalLine(at, proposalId, mode, patches.size(), decisions, outputPath);
    }
}
