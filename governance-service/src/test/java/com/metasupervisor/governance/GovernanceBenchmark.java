package com.metasupervisor.governance;

import java.util.Arrays;
import java.util.List;

/**
 * Not a test: what {@code ./ms bench governance [args]} runs (issue 12 acceptance 8). Governance has one benchmark,
 * the latency from a reconciled row that breaches a KILL rule to {@code governance.agent-status} KILLED
 * ({@link GovernanceLatencyBenchmark}): no argument runs it with its default trials; {@code latency [trials]} the
 * same with {@code trials} measured trials.
 */
public final class GovernanceBenchmark {

    private GovernanceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> words = Arrays.stream(String.join(" ", args).strip().split("\\s+"))
                .filter(w -> !w.isBlank() && !w.startsWith("${")) // an unset -Dbench.args reaches us as its literal
                .toList();
        if (!words.isEmpty() && !words.getFirst().equals(GovernanceLatencyBenchmark.ARGUMENT)) {
            throw new IllegalArgumentException("./ms bench governance takes nothing or '" + GovernanceLatencyBenchmark.ARGUMENT
                    + " [trials]', not: " + String.join(" ", words));
        }
        GovernanceLatencyBenchmark.main(words.toArray(String[]::new));
    }
}
