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
public record Fleet(List<SimulatedAgent> agents, Scenarios scenarios, Instant start, Instant end) {

    public static final String DRIFTING = "arb_01";
    public static final String ERRORING = "funding_01";
    public static final String CANDIDATE = "alt_data_01";

    public Fleet {
        ArgChecker.notNull(agents, "agents");
        ArgChecker.notNull(scenarios, "scenarios");
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
            } else if (strategyClass.equals(scenarios.brokenClass())) {
                role = AgentRole.BROKEN_CLASS;
            }
            agents.add(new SimulatedAgent(id, strategyClass, status, strategyClass.replace('_', '-') + "-desk", role, skill, interval));
        }
        return new Fleet(agents, scenarios, start, end);
    }

    /** The last agent of each class (from the end of the deal), skipping scenario agents and the broken class. */
    private static List<String> extraCandidates(List<String> ids, Scenarios scenarios) {
        List<String> picked = new ArrayList<>();
        List<String> seenClasses = new ArrayList<>();
        for (int i = ids.size() - 1; i >= 0 && picked.size() < scenarios.extraCandidates(); i--) {
            String id = ids.get(i);
            String strategyClass = id.substring(0, id.lastIndexOf('_'));
            if (seenClasses.contains(strategyClass) || strategyClass.equals(scenarios.brokenClass())
                    || List.of(DRIFTING, ERRORING, CANDIDATE).contains(id)) {
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

    /** The probability that {@code agent}'s call made at {@code at} in {@code regime} has the move's direction. */
    public double skillAt(SimulatedAgent agent, Instant at, Regime regime) {
        return switch (agent.role()) {
            case BROKEN_CLASS -> regime == Regime.CRISIS ? scenarios.brokenSkillInCrisis() : agent.skill();
            case DRIFTING -> {
                Instant driftStart = driftStart();
                if (!at.isAfter(driftStart) || !end.isAfter(driftStart)) {
                    yield agent.skill();
                }
                double progress = Math.min(1, (double) Duration.between(driftStart, at).toMillis()
                        / Duration.between(driftStart, end).toMillis());
                yield agent.skill() - (agent.skill() - scenarios.driftEndSkill()) * progress;
            }
            default -> agent.skill();
        };
    }
}
