package com.metasupervisor.simulator.fleet;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.Duration;
import java.util.List;

/**
 * The scenarios built into every run (names stable, recorded in the truth).
 *
 * @param brokenClass          the strategy class whose model breaks in CRISIS ({@value #BROKEN_CLASS})
 * @param brokenSkillInCrisis  its agents' skill while the regime is CRISIS (below 0.5: wrong more often than right)
 * @param driftAfter           when the drifting agent starts to drift, after the run's start ({@value #DRIFTING_AGENT})
 * @param driftEndSkill        the drifting agent's skill at the run's end (linear from its own skill at the drift start)
 * @param candidateSkill       the strong candidate's skill ({@value #STRONG_CANDIDATE})
 * @param errorShare           the share of the erroring agent's events that are bad ({@value #ERRORING_AGENT})
 * @param extraCandidates      CANDIDATE agents of ordinary skill besides the strong one
 */
public record Scenarios(String brokenClass, double brokenSkillInCrisis, Duration driftAfter, double driftEndSkill,
                        double candidateSkill, double errorShare, int extraCandidates) {

    public static final String BROKEN_CLASS = "broken-class";
    public static final String DRIFTING_AGENT = "drifting-agent";
    public static final String STRONG_CANDIDATE = "strong-candidate";
    public static final String ERRORING_AGENT = "erroring-agent";
    public static final List<String> NAMES = List.of(BROKEN_CLASS, DRIFTING_AGENT, STRONG_CANDIDATE, ERRORING_AGENT);

    public Scenarios {
        ArgChecker.isTrue(StrategyClasses.ALL.contains(brokenClass), "brokenClass must be one of " + StrategyClasses.ALL + ", was " + brokenClass);
        ArgChecker.inRange(brokenSkillInCrisis, 0, 0.5, "brokenSkillInCrisis");
        ArgChecker.isTrue(brokenSkillInCrisis < 0.5, "brokenSkillInCrisis must be below 0.5, was " + brokenSkillInCrisis);
        ArgChecker.notNegative(driftAfter, "driftAfter");
        ArgChecker.inRange(driftEndSkill, 0, 1, "driftEndSkill");
        ArgChecker.inRange(candidateSkill, 0.5, 1, "candidateSkill");
        ArgChecker.inRange(errorShare, 0, 1, "errorShare");
        ArgChecker.notNegative(extraCandidates, "extraCandidates");
    }

    /** The demo's scenarios for a run of {@code days}: macro breaks in CRISIS, the drift starts half-way. */
    public static Scenarios defaults(int days) {
        return new Scenarios("macro", 0.38, Duration.ofHours(days * 12L), 0.38, 0.66, 0.3, 2);
    }
}
