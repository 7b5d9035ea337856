package com.metasupervisor.simulator.fleet;

import com.metasupervisor.simulator.market.Regime;
import com.metasupervisor.streams.check.ArgChecker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The simulated fleet and each agent's skill at a time and regime. Agents are dealt to the classes in turn
 * ({@code arb_01, funding_01, ..., alt_data_01, arb_02, ...}); the scenarios' agents are fixed by position: the drifting
 * agent is {@code arb_01}, the erroring one {@code funding_01}, the strong candidate {@code alt_data_01}; the extra
 * candidates are the last agents dealt, one per class, skipping the broken class and the scenarios' agents (24 agents:
 * {@code alt_data_04}, {@code distressed_04}).
 */
public record Fleet(List<SimulatedAgent> agents, Scenarios scenarios, double crisisEdgeShare, Instant start, Instant end) {

    public static final String DRIFTING = "arb_01";
    public static final String ERRORING = "funding_01";
    public static final String CANDIDATE = "alt_data_01";

    public Fleet {
        ArgChecker.notNull(agents, "agents");
        ArgChecker.notNull(scenarios, "scenarios");
        ArgChecker.inRange(crisisEdgeShare, 0, 1, "crisisEdgeShare");
        ArgChecker.isTrue(end.isAfter(start), "end must be after start");
        agents = List.copyOf(agents);
    }

    public static Fleet build(FleetSettings settings, Scenarios scenarios, Instant start, Instant end, RandomGenerator random) {
        List<String> classes = StrategyClasses.ALL;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < settings.agents(); i++) {
            ids.add(String.format("%s_%02d", classes.get(i % classes.size()), i / classes.size() + 1));
        }
        List<String> extraCandidates = extraCandidates(ids, scenarios);
        List<SimulatedAgent> agents = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String strategyClass = classes.get(i % classes.size());
            double skill = settings.minSkill() + random.nextDouble() * (settings.maxSkill() - settings.minSkill());
            Duration interval = Duration.ofSeconds(Math.round(settings.minCallInterval().toSeconds()
                    + random.nextDouble() * (settings.maxCallInterval().toSeconds() - settings.minCallInterval().toSeconds())));
            AgentRole role = AgentRole.SOUND;
            StartingStatus status = extraCandidates.contains(id) ? StartingStatus.CANDIDATE : StartingStatus.LIVE;
            if (id.equals(DRIFTING)) {
                role = AgentRole.DRIFTING;
            } else if (id.equals(ERRORING)) {
                role = AgentRole.ERRORING;
            } else if (id.equals(CANDIDATE)) {
                role = AgentRole.STRONG_CANDIDATE;
                status = StartingStatus.CANDIDATE;
                skill = scenarios.candidateSkill();
                // it calls as often as any agent does, so it has PROMOTE's 100 rows within a few days
                interval = settings.minCallInterval();
            } else if (strategyClass.equals(scenarios.brokenClass())) {
                role = AgentRole.BROKEN_CLASS;
            } else if (strategyClass.equals(scenarios.decayedClass())) {
                role = AgentRole.DECAYED;
                skill = Scenarios.DECAYED_SKILL;
            }
            agents.add(new SimulatedAgent(id, strategyClass, status, strategyClass.replace('_', '-') + "-desk", role, skill, interval));
        }
        return new Fleet(agents, scenarios, settings.crisisEdgeShare(), start, end);
    }

    /** The last agent of each class (from the end of the deal), skipping scenario agents, the broken and decayed classes. */
    private static List<String> extraCandidates(List<String> ids, Scenarios scenarios) {
        List<String> picked = new ArrayList<>();
        List<String> seenClasses = new ArrayList<>();
        for (int i = ids.size() - 1; i >= 0 && picked.size() < scenarios.extraCandidates(); i--) {
            String id = ids.get(i);
            String strategyClass = id.substring(0, id.lastIndexOf('_'));
            if (seenClasses.contains(strategyClass) || strategyClass.equals(scenarios.brokenClass())
                    || strategyClass.equals(scenarios.decayedClass()) || List.of(DRIFTING, ERRORING, CANDIDATE).contains(id)) {
                continue;
            }
            seenClasses.add(strategyClass);
            picked.add(id);
        }
        return picked;
    }

    public Optional<SimulatedAgent> agent(String id) {
        return agents.stream().filter(a -> a.agent().equals(id)).findFirst();
    }

    public Instant driftStart() {
        return start.plus(scenarios.driftAfter());
    }

    /**
     * The probability that {@code agent}'s call made at {@code at} in {@code regime} has the move's direction. In CRISIS a
     * positive edge shrinks to {@link #crisisEdgeShare()} of itself; the broken class's skill there is its scenario's.
     */
    public double skillAt(SimulatedAgent agent, Instant at, Regime regime) {
        double skill = switch (agent.role()) {
            case BROKEN_CLASS -> regime == Regime.CRISIS ? scenarios.brokenSkillInCrisis() : agent.skill();
            case DRIFTING -> {
                Instant driftStart = driftStart();
                if (!at.isAfter(driftStart)) {
                    yield agent.skill();
                }
                double progress = Math.min(1, (double) Duration.between(driftStart, at).toMillis() / scenarios.driftOver().toMillis());
                yield agent.skill() - (agent.skill() - scenarios.driftEndSkill()) * progress;
            }
            default -> agent.skill();
        };
        return regime == Regime.CRISIS && skill > 0.5 ? 0.5 + (skill - 0.5) * crisisEdgeShare : skill;
    }

    /**
     * Whether a call of {@code skill} matches its move, given the move's size rank for its symbol and regime
     * ({@code MoveSizeRanks}, uniform in [0, 1]) and a uniform {@code coin}. An agent's edge lives on the big moves: with
     * e = skill − 0.5, it is decisive on the largest 2·|e| of moves (right on all of them when e > 0, wrong on all of them
     * when e < 0) and a coin flip on the rest, so its hit rate is exactly its skill while a row's expected PnL is far
     * larger than a uniform edge gives (≈ 0.4 of the move's spread at skill 0.62 instead of 0.2): a sound agent's curve
     * rises steadily, and a class below 0.5 loses on the moves that matter (its worst 5 % are the biggest moves).
     */
    public static boolean matchesMove(double skill, double sizeRank, double coin) {
        double edge = skill - 0.5;
        if (sizeRank >= 1 - 2 * Math.abs(edge)) {
            return edge > 0;
        }
        return coin < 0.5;
    }
}
