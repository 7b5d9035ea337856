package com.metasupervisor.reporting.domain.report;

import com.metasupervisor.streams.check.ArgChecker;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A promotion-loop proposal (governance.proposals) as the weekly report lists it: when, its id, the loop's mode, how
 * many patches it evaluated and how many got each decision (PENDING, ACCEPTED_FOR_PROPOSAL, ...).
 *
 * @param decisions  decision → patches with it; kept sorted by decision so every rendering lists them in one order
 * @param outputPath where the loop materialised it; null when it did not
 */
public record ProposalLine(Instant at, String proposalId, String mode, int patches, Map<String, Integer> decisions,
                           String outputPath) implements ReportFact {
    public ProposalLine {
        ArgChecker.notNull(at, "at");
        ArgChecker.notNull(proposalId, "proposalId");
        ArgChecker.notNull(mode, "mode");
        ArgChecker.notNegative(patches, "patches");
        ArgChecker.notNull(decisions, "decisions");
        decisions = Collections.unmodifiableMap(new TreeMap<>(decisions));
        int counted = 0;
        for (Map.Entry<String, Integer> e : decisions.entrySet()) {
            ArgChecker.notNull(e.getValue(), "decisions[" + e.getKey() + "]");
            ArgChecker.positive(e.getValue(), "decisions[" + e.getKey() + "]");
            counted += e.getValue();
        }
        ArgChecker.isTrue(counted == patches, "decision counts (" + counted + ") must add up to patches (" + patches + ")");
    }
}
