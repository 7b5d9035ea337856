package com.metasupervisor.simulator.fleet;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.Duration;
import java.util.List;

/**
 * The scenarios built into every run (names stable, recorded in the truth).
 *
 * @param brokenClass          the strategy class whose model breaks in CRISIS ({@value #BROKEN_CLASS})
 * @param brokenSkillInCrisis  its agents' skill while the regime is CRISIS (below 0.5: wrong more often than right, and
 *                             since skill is spent on the big moves, wrong on the big moves)
 * @param brokenCrowding       how many of the most volatile symbols the broken class crowds into while in CRISIS: each
 *                             of its CRISIS calls is on the one of them that moves most over the judged horizon
 * @param driftAfter           when the drifting agent starts to drift, after the run's start ({@value #DRIFTING_AGENT})
 * @param driftOver            how long its skill takes to fall, linearly, from its own to {@code driftEndSkill}
 * @param driftEndSkill        the drifting agent's skill from the drift's end on
 * @param decayedClass         the strategy class whose alpha has decayed (skill 0.5, role DECAYED; SPEC §6 disables it)
 * @param candidateSkill       the strong candidate's skill ({@value #STRONG_CANDIDATE})
 * @param errorShare           the share of the erroring agent's events that are bad ({@value #ERRORING_AGENT})
 * @param extraCandidates      CANDIDATE agents of ordinary skill besides the strong one
 */
public record Scenarios(String brokenClass, double brokenSkillInCrisis, int brokenCrowding, Duration driftAfter, Duration driftOver, double driftEndSkill,
                        String decayedClass, double candidateSkill, double errorShare, int extraCandidates) {

    /** A decayed class's skill: no edge. */
    public static final double DECAYED_SKILL = 0.5;

    public static final String BROKEN_CLASS = "broken-class";
    public static final String DRIFTING_AGENT = "drifting-agent";
    public static final String STRONG_CANDIDATE = "strong-candidate";
    public static final String ERRORING_AGENT = "erroring-agent";
    public static final List<String> NAMES = List.of(BROKEN_CLASS, DRIFTING_AGENT, STRONG_CANDIDATE, ERRORING_AGENT);

    public Scenarios {
        ArgChecker.isTrue(StrategyClasses.ALL.contains(brokenClass), "brokenClass must be one of " + StrategyClasses.ALL + ", was " + brokenClass);
        ArgChecker.inRange(brokenSkillInCrisis, 0, 0.5, "brokenSkillInCrisis");
        ArgChecker.isTrue(brokenSkillInCrisis < 0.5, "brokenSkillInCrisis must be below 0.5, was " + brokenSkillInCrisis);
        ArgChecker.positive(brokenCrowding, "brokenCrowding");
        ArgChecker.notNegative(driftAfter, "driftAfter");
        ArgChecker.positive(driftOver, "driftOver");
        ArgChecker.isTrue(StrategyClasses.ALL.contains(decayedClass), "decayedClass must be one of " + StrategyClasses.ALL + ", was " + decayedClass);
        ArgChecker.isTrue(!decayedClass.equals(brokenClass), "decayedClass and brokenClass must differ, both were " + brokenClass);
        ArgChecker.inRange(driftEndSkill, 0, 1, "driftEndSkill");
        ArgChecker.inRange(candidateSkill, 0.5, 1, "candidateSkill");
        ArgChecker.inRange(errorShare, 0, 1, "errorShare");
        ArgChecker.notNegative(extraCandidates, "extraCandidates");
    }

    /**
     * The demo's scenarios for a run of {@code days}: macro breaks in CRISIS (skill 0.2: it fades the crisis's big moves,
     * crowded into the biggest mover of the four most volatile symbols), the drift starts half-way and reaches 0.25 within a day, sentiment has
     * decayed, the candidate's skill is 0.70.
     */
    public static Scenarios defaults(int days) {
        return new Scenarios("macro", 0.2, 4, Duration.ofHours(days * 12L), Duration.ofDays(1), 0.25, "sentiment", 0.70, 0.3, 2);
    }
}
