package com.metasupervisor.demo.score;

import com.metasupervisor.simulator.Truth;
import com.metasupervisor.streams.check.ArgChecker;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The supervisor's run scored against the simulation's truth (issue 14, acceptance 2): what it did about each built-in
 * scenario, the agents it removed that were sound, and each policy's paper figures beside an equal-weight fleet.
 * Pure: the demo reads the topics and hands in plain facts. Only live decisions count (a dry run changes nothing).
 */
public record DemoScore(long seed, int days, int agents, BrokenClassScore brokenClass, List<FalseKill> falseKills,
                        DriftScore drift, AgentOutcome strongCandidate, AgentOutcome erroringAgent,
                        List<PaperFigures> policies, PaperFigures equalWeightFleet, List<Verdict> verdicts) {

    static final String PROMOTE = "PROMOTE";
    static final String KILL = "KILL";
    static final String RETIRE = "RETIRE";
    static final String DISABLE_CLASS = "DISABLE_CLASS";
    /** The truth's roles whose agents are sound: removing one is a false kill. */
    static final Set<String> SOUND_ROLES = Set.of("SOUND", "STRONG_CANDIDATE");
    private static final double SECONDS_PER_HOUR = 3600.0;

    public DemoScore {
        ArgChecker.notNull(brokenClass, "brokenClass");
        falseKills = List.copyOf(falseKills);
        ArgChecker.notNull(drift, "drift");
        ArgChecker.notNull(strongCandidate, "strongCandidate");
        ArgChecker.notNull(erroringAgent, "erroringAgent");
        policies = List.copyOf(policies);
        ArgChecker.notNull(equalWeightFleet, "equalWeightFleet");
        verdicts = List.copyOf(verdicts);
    }

    /** A CRISIS episode of the broken class's run, clipped to the run. */
    public record Episode(Instant from, Instant until) {
        public Episode {
            ArgChecker.notNull(from, "from");
            ArgChecker.notNull(until, "until");
            ArgChecker.isTrue(!until.isBefore(from), "episode until " + until + " is before its from " + from);
        }

        boolean contains(Instant at) {
            return !at.isBefore(from) && !at.isAfter(until);
        }
    }

    /**
     * The broken class: its CRISIS episodes; the first live DISABLE_CLASS of it and the simulated hours from the break
     * (the first CRISIS episode's start, clipped to the run) to it (null when never disabled, or no CRISIS in the run);
     * whether it fell in a CRISIS episode; how many of its agents were retired or killed, of how many.
     */
    public record BrokenClassScore(String strategyClass, List<Episode> crisisEpisodes, Instant disabledAt,
                                   Double hoursFromBreak, boolean disabledInCrisis, int agentsRetired, int agentsTotal) {
        public BrokenClassScore {
            ArgChecker.notBlank(strategyClass, "strategyClass");
            crisisEpisodes = List.copyOf(crisisEpisodes);
            ArgChecker.notNegative(agentsRetired, "agentsRetired");
            ArgChecker.isTrue(agentsRetired <= agentsTotal, "agentsRetired " + agentsRetired + " > agentsTotal " + agentsTotal);
        }
    }

    /** A sound agent (per the truth) that a live KILL or RETIRE removed: the first such decision. */
    public record FalseKill(String agent, String role, String action, Instant at) {
        public FalseKill {
            ArgChecker.notBlank(agent, "agent");
            ArgChecker.notBlank(role, "role");
            ArgChecker.notBlank(action, "action");
            ArgChecker.notNull(at, "at");
        }
    }

    /**
     * The drifting agent: the drift start; its first DIVERGENCE alert (not a RESOLVED transition) at or after it and
     * the hours from the start to it (null when none); how many such alerts came before the drift started; its weight in
     * force when the drift started and the lowest it held from that alert on (the weight in force at the alert, or any
     * later one; null when no snapshot says).
     */
    public record DriftScore(String agent, Instant driftStart, Instant firstAlertAt, Double hoursAfterDriftStart, int alertsBeforeDrift,
                             Double weightAtDriftStart, Double lowestWeightFromAlert) {
        public DriftScore {
            ArgChecker.notBlank(agent, "agent");
            ArgChecker.notNull(driftStart, "driftStart");
            ArgChecker.notNegative(alertsBeforeDrift, "alertsBeforeDrift");
        }

        /**
         * From its alert on it held less than before its drift (an agent that held nothing then had nothing to reduce;
         * one killed for its losses before the alert came holds nothing from the alert on).
         */
        public boolean weightReduced() {
            return weightAtDriftStart != null && (weightAtDriftStart == 0
                    || lowestWeightFromAlert != null && lowestWeightFromAlert < weightAtDriftStart);
        }
    }

    /** An agent and the first live decision the scenario expects for it (PROMOTE, KILL): its time, null when none. */
    public record AgentOutcome(String agent, String expectedAction, Instant decidedAt) {
        public AgentOutcome {
            ArgChecker.notBlank(agent, "agent");
            ArgChecker.notBlank(expectedAction, "expectedAction");
        }
    }

    /** One acceptance check: its name, whether it passed and the facts behind it. */
    public record Verdict(String check, boolean passed, String detail) {
        public Verdict {
            ArgChecker.notBlank(check, "check");
            ArgChecker.notNull(detail, "detail");
        }
    }

    public static DemoScore of(Truth truth, List<ObservedDecision> decisions, List<ObservedAlert> alerts,
                               List<ObservedPolicy> policies, List<ObservedRow> rows, List<ObservedWeight> weights) {
        ArgChecker.notNull(truth, "truth");
        ArgChecker.notNull(truth.brokenClass(), "truth.broken_class");
        ArgChecker.notNull(truth.driftingAgent(), "truth.drifting_agent");
        ArgChecker.notNull(truth.strongCandidate(), "truth.strong_candidate");
        ArgChecker.notNull(truth.erroringAgent(), "truth.erroring_agent");
        ArgChecker.notEmpty(truth.agents(), "truth.agents");
        List<ObservedDecision> live = ArgChecker.notNull(decisions, "decisions").stream()
                .filter(ObservedDecision::live)
                .sorted(Comparator.comparing(ObservedDecision::at))
                .toList();
        List<ObservedAlert> byTime = ArgChecker.notNull(alerts, "alerts").stream()
                .sorted(Comparator.comparing(ObservedAlert::at))
                .toList();
        ArgChecker.notNull(policies, "policies");
        ArgChecker.notNull(rows, "rows");
        ArgChecker.notNull(weights, "weights");

        BrokenClassScore broken = brokenClass(truth, live);
        List<FalseKill> falseKills = falseKills(truth, live);
        DriftScore drift = drift(truth, byTime, weights);
        AgentOutcome candidate = new AgentOutcome(truth.strongCandidate().agent(), PROMOTE,
                first(live, d -> d.is(ObservedDecision.AGENT, PROMOTE, truth.strongCandidate().agent())));
        AgentOutcome erroring = new AgentOutcome(truth.erroringAgent().agent(), KILL,
                first(live, d -> d.is(ObservedDecision.AGENT, KILL, truth.erroringAgent().agent())));
        List<PaperFigures> policyFigures = policies.stream().map(PaperFigures::of).toList();
        PaperFigures fleet = EqualWeightFleet.figures(rows, truth.agents().size());
        List<Verdict> verdicts = List.of(
                brokenVerdict(broken),
                driftVerdict(drift),
                new Verdict("strong candidate proposed for promotion", candidate.decidedAt() != null,
                        candidate.agent() + (candidate.decidedAt() == null ? ": no PROMOTE" : ": PROMOTE at " + candidate.decidedAt())),
                new Verdict("erroring agent killed", erroring.decidedAt() != null,
                        erroring.agent() + (erroring.decidedAt() == null ? ": no KILL" : ": KILL at " + erroring.decidedAt())),
                new Verdict("no sound agent killed", falseKills.isEmpty(), falseKills.isEmpty() ? "0 false kills"
                        : falseKills.size() + " false kill(s): " + String.join(", ", falseKills.stream()
                                .map(k -> k.agent() + " " + k.action() + " " + k.at()).toList())));
        return new DemoScore(truth.seed(), truth.days(), truth.agents().size(), broken, falseKills, drift, candidate, erroring,
                policyFigures, fleet, verdicts);
    }

    /** Whether every check passed. */
    public boolean allPassed() {
        return verdicts.stream().allMatch(Verdict::passed);
    }

    private static BrokenClassScore brokenClass(Truth truth, List<ObservedDecision> live) {
        Truth.BrokenClassTruth truthClass = truth.brokenClass();
        Instant runStart = instant(truth.start(), "truth.start");
        List<Episode> episodes = truthClass.crisisEpisodes().stream()
                .map(e -> new Episode(latest(runStart, instant(e.from(), "truth.broken_class.crisis_episodes.from")),
                        instant(e.until(), "truth.broken_class.crisis_episodes.until")))
                .sorted(Comparator.comparing(Episode::from))
                .toList();
        Instant disabledAt = first(live, d -> d.is(ObservedDecision.STRATEGY_CLASS, DISABLE_CLASS, truthClass.strategyClass()));
        Double hours = disabledAt == null || episodes.isEmpty() ? null : hoursBetween(episodes.getFirst().from(), disabledAt);
        boolean inCrisis = disabledAt != null && episodes.stream().anyMatch(e -> e.contains(disabledAt));
        Set<String> members = Set.copyOf(truthClass.agents());
        long retired = live.stream()
                .filter(d -> d.subjectKind().equals(ObservedDecision.AGENT) && members.contains(d.subject()))
                .filter(d -> d.action().equals(RETIRE) || d.action().equals(KILL))
                .map(ObservedDecision::subject)
                .distinct()
                .count();
        return new BrokenClassScore(truthClass.strategyClass(), episodes, disabledAt, hours, inCrisis, (int) retired, members.size());
    }

    /**
     * Sound = a role in {@link #SOUND_ROLES} and not a member of the broken class. The broken class's members are
     * never sound, so a RETIRE because that class was disabled is never false; one because another class was is.
     */
    private static List<FalseKill> falseKills(Truth truth, List<ObservedDecision> live) {
        Set<String> brokenMembers = Set.copyOf(truth.brokenClass().agents());
        List<FalseKill> kills = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (ObservedDecision d : live) {
            if (!d.subjectKind().equals(ObservedDecision.AGENT) || !(d.action().equals(KILL) || d.action().equals(RETIRE))) {
                continue;
            }
            Optional<Truth.AgentTruth> agent = truth.agents().stream().filter(a -> a.agent().equals(d.subject())).findFirst();
            // an agent the truth does not know is not scored: the simulation did not make it
            if (agent.isEmpty() || !SOUND_ROLES.contains(agent.get().role()) || brokenMembers.contains(d.subject())) {
                continue;
            }
            if (seen.add(d.subject())) {
                kills.add(new FalseKill(d.subject(), agent.get().role(), d.action(), d.at()));
            }
        }
        return kills;
    }

    private static DriftScore drift(Truth truth, List<ObservedAlert> alerts, List<ObservedWeight> weights) {
        String agent = truth.driftingAgent().agent();
        Instant start = instant(truth.driftingAgent().driftStart(), "truth.drifting_agent.drift_start");
        List<ObservedAlert> divergence = alerts.stream()
                .filter(a -> a.subject().equals(agent) && a.kind().equals(ObservedAlert.DIVERGENCE))
                .filter(a -> !a.transition().equals(ObservedAlert.RESOLVED))
                .toList();
        int before = (int) divergence.stream().filter(a -> a.at().isBefore(start)).count();
        Instant firstAfter = divergence.stream().map(ObservedAlert::at).filter(at -> !at.isBefore(start)).findFirst().orElse(null);
        Double weightBefore = null;
        Double lowestAfter = null;
        if (firstAfter != null) {
            List<ObservedWeight> own = weights.stream().filter(w -> w.agent().equals(agent))
                    .sorted(Comparator.comparing(ObservedWeight::asOf)).toList();
            weightBefore = inForceAt(own, start);
            Double atAlert = inForceAt(own, firstAfter.plusMillis(1));
            lowestAfter = java.util.stream.Stream.concat(java.util.stream.Stream.ofNullable(atAlert),
                    own.stream().filter(w -> w.asOf().isAfter(firstAfter)).map(ObservedWeight::weight)).min(Double::compare).orElse(null);
        }
        return new DriftScore(agent, start, firstAfter, firstAfter == null ? null : hoursBetween(start, firstAfter), before,
                weightBefore, lowestAfter);
    }

    /** The weight of the newest snapshot (by as-of time, then as read) before {@code at}; null when none. */
    private static Double inForceAt(List<ObservedWeight> byAsOf, Instant at) {
        return byAsOf.stream().filter(w -> w.asOf().isBefore(at)).reduce((a, b) -> b).map(ObservedWeight::weight).orElse(null);
    }

    private static Verdict brokenVerdict(BrokenClassScore b) {
        String check = "broken class disabled in CRISIS, its agents retired";
        if (b.disabledAt() == null) {
            return new Verdict(check, false, b.strategyClass() + " never disabled; " + retiredText(b));
        }
        String when = b.hoursFromBreak() == null ? "with no CRISIS in the run"
                : hours(b.hoursFromBreak()) + " after the break, " + (b.disabledInCrisis() ? "in CRISIS" : "outside CRISIS");
        boolean passed = b.disabledInCrisis() && b.agentsRetired() == b.agentsTotal();
        return new Verdict(check, passed, b.strategyClass() + " disabled " + when + "; " + retiredText(b));
    }

    private static String retiredText(BrokenClassScore b) {
        return b.agentsRetired() + "/" + b.agentsTotal() + " agents retired";
    }

    private static Verdict driftVerdict(DriftScore d) {
        String check = "drifting agent alerted, its weight reduced";
        String earlier = d.alertsBeforeDrift() == 0 ? "" : " (" + d.alertsBeforeDrift() + " alert(s) before the drift)";
        if (d.firstAlertAt() == null) {
            return new Verdict(check, false, d.agent() + ": no DIVERGENCE alert after the drift start" + earlier);
        }
        String weight = d.weightAtDriftStart() == null ? "; no allocation in force at the drift start"
                : String.format(Locale.ROOT, "; weight %.3f at the drift start, %s from the alert on", d.weightAtDriftStart(),
                        d.lowestWeightFromAlert() == null ? "none seen" : String.format(Locale.ROOT, "lowest %.3f", d.lowestWeightFromAlert()));
        return new Verdict(check, d.weightReduced(), d.agent() + ": DIVERGENCE " + hours(d.hoursAfterDriftStart()) + " after the drift start"
                + earlier + weight);
    }

    private static Instant first(List<ObservedDecision> inTimeOrder, Predicate<ObservedDecision> which) {
        return inTimeOrder.stream().filter(which).map(ObservedDecision::at).findFirst().orElse(null);
    }

    private static Instant instant(String text, String field) {
        try {
            return Instant.parse(ArgChecker.notBlank(text, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not an ISO-8601 instant: '" + text + "'", e);
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    static double hoursBetween(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0 / SECONDS_PER_HOUR;
    }

    static String hours(double h) {
        return String.format(Locale.ROOT, "%.1f h", h);
    }

    /** The summary block the demo prints: aligned plain text, one line per check with ✓/✗. */
    public String text() {
        return ScoreText.render(this);
    }
}
