package com.metasupervisor.simulator;

import com.metasupervisor.simulator.fleet.AgentRole;
import com.metasupervisor.simulator.fleet.Fleet;
import com.metasupervisor.simulator.fleet.Scenarios;
import com.metasupervisor.simulator.fleet.SimulatedAgent;
import com.metasupervisor.simulator.market.MarketPath;
import com.metasupervisor.simulator.market.MoveSizeRanks;
import com.metasupervisor.simulator.market.Regime;
import com.metasupervisor.simulator.market.RegimeEpisode;
import com.metasupervisor.simulator.market.RegimePath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The simulated fleet of a spec, pure and deterministic: one random generator per concern (regimes, prices, the fleet,
 * each agent's calls), all split from the seed in a fixed order, so adding an agent changes no other agent's calls.
 */
public final class FleetSimulation {

    private static final Comparator<SimulatedEvent> EVENT_TIME_ORDER = Comparator.comparing(SimulatedEvent::at)
            .thenComparing(e -> e instanceof MarketTick ? 0 : 1)
            .thenComparing(SimulatedEvent::key)
            .thenComparing(e -> e instanceof AgentCall call ? call.eventId() : "");

    private FleetSimulation() {
    }

    public static SimulationRun run(SimulationSpec spec) {
        SplittableRandom root = new SplittableRandom(spec.seed());
        SplittableRandom regimeRandom = root.split();
        SplittableRandom priceRandom = root.split();
        SplittableRandom fleetRandom = root.split();
        SplittableRandom callRandom = root.split();
        Instant start = spec.start();
        Instant end = spec.end();
        // the market runs on past the end so that every call's move over its horizons is known
        Instant pathEnd = end.plus(Duration.ofHours(spec.fleet().longestHorizonHours())).plus(spec.tick().multipliedBy(2));
        RegimePath regimes = RegimePath.generate(spec.market(), start, pathEnd, spec.tick(), regimeRandom);
        MarketPath market = MarketPath.generate(spec.market(), regimes, spec.tick(), priceRandom);
        Fleet fleet = Fleet.build(spec.fleet(), spec.scenarios(), start, end, fleetRandom);
        MoveSizeRanks sizes = MoveSizeRanks.of(spec.market(), market, regimes, start, end, spec.fleet().judgedHorizonHours());

        List<SimulatedEvent> events = new ArrayList<>();
        for (int k = 0; k < market.ticks() && market.timeOf(k).isBefore(end); k++) {
            for (String symbol : market.symbols()) {
                events.add(new MarketTick(symbol, market.timeOf(k), market.price(symbol, k)));
            }
        }
        for (SimulatedAgent agent : fleet.agents()) {
            events.addAll(calls(spec, agent, fleet, regimes, market, sizes, callRandom.split()));
        }
        events.sort(EVENT_TIME_ORDER);
        return new SimulationRun(spec, events, truth(spec, fleet, regimes, events), regimes, market, fleet);
    }

    /**
     * One agent's calls over the run: a renewal process with its mean interval, each call right with its skill (on the
     * big moves, {@link Fleet#matchesMove}).
     */
    private static List<AgentCall> calls(SimulationSpec spec, SimulatedAgent agent, Fleet fleet, RegimePath regimes, MarketPath market,
                                         MoveSizeRanks sizes, SplittableRandom random) {
        List<AgentCall> calls = new ArrayList<>();
        List<String> crowded = spec.market().mostVolatile(spec.scenarios().brokenCrowding());
        List<String> calm = spec.market().calmest(spec.fleet().crisisCalmSymbols());
        long intervalMillis = agent.callInterval().toMillis();
        Instant at = spec.start().plusSeconds((long) (random.nextDouble() * intervalMillis / 1000));
        int sequence = 0;
        while (at.isBefore(spec.end())) {
            Regime regime = regimes.regimeAt(at);
            // in CRISIS the fleet goes risk off, into the calmest symbols, while the broken class crowds into the crisis's
            // biggest mover among the most volatile ones (and fades it)
            List<String> universe = regime == Regime.CRISIS ? calm : market.symbols();
            String symbol = universe.get(random.nextInt(universe.size()));
            if (agent.role() == AgentRole.BROKEN_CLASS && regime == Regime.CRISIS) {
                symbol = biggestMover(crowded, market, at, spec.fleet().judgedHorizonHours());
            }
            double skill = fleet.skillAt(agent, at, regime);
            double move = market.move(symbol, at, spec.fleet().judgedHorizonHours());
            int moveSign = move < 0 ? -1 : 1;
            boolean matches = Fleet.matchesMove(skill, sizes.rank(symbol, at, spec.fleet().judgedHorizonHours()), random.nextDouble());
            int direction = matches ? moveSign : -moveSign;
            // an agent's confidence sits around its skill (it does not know its drift or its class's break)
            double confidence = Math.clamp(agent.skill() + (random.nextDouble() - 0.5) * 0.16, 0.05, 0.99);
            double score = Math.round(confidence * (0.5 + random.nextDouble()) * 10_000) / 10_000d;
            Optional<BadEventKind> bad = Optional.empty();
            if (agent.role() == AgentRole.ERRORING && random.nextDouble() < spec.scenarios().errorShare()) {
                bad = Optional.of(BadEventKind.values()[random.nextInt(BadEventKind.values().length)]);
            }
            sequence++;
            String eventId = agent.agent() + "-" + spec.seed() + "-" + sequence;
            if (bad.isPresent()) {
                switch (bad.get()) {
                    case CONFIDENCE_OUT_OF_RANGE -> confidence = 7.0;
                    case SCORE_NOT_FINITE -> score = Double.NaN;
                    case UNKNOWN_SYMBOL -> symbol = BadEventKind.UNLISTED_SYMBOL;
                }
            }
            calls.add(new AgentCall(eventId, agent.agent(), agent.strategyClass(), symbol, direction, score, confidence, regime.name(), at,
                    spec.fleet().horizonsHours(), bad));
            long gap = Math.max(1_000, Math.round(intervalMillis * (0.5 + random.nextDouble())));
            at = at.plusMillis(gap / 1000 * 1000);
        }
        return calls;
    }

    private static String biggestMover(List<String> symbols, MarketPath market, Instant at, int horizonHours) {
        return symbols.stream().max(Comparator.comparingDouble((String s) -> Math.abs(market.move(s, at, horizonHours)))).orElseThrow();
    }

    private static Truth truth(SimulationSpec spec, Fleet fleet, RegimePath regimes, List<SimulatedEvent> events) {
        Instant start = spec.start();
        Instant end = spec.end();
        List<Truth.EpisodeTruth> episodes = regimes.episodes().stream()
                .filter(e -> e.from().isBefore(end))
                .map(e -> episode(e, start, end))
                .toList();
        Scenarios scenarios = spec.scenarios();
        List<String> brokenAgents = fleet.agents().stream().filter(a -> a.role() == AgentRole.BROKEN_CLASS).map(SimulatedAgent::agent).toList();
        SimulatedAgent drifting = fleet.agent(Fleet.DRIFTING).orElseThrow();
        SimulatedAgent candidate = fleet.agent(Fleet.CANDIDATE).orElseThrow();
        long ticks = events.stream().filter(MarketTick.class::isInstance).count();
        List<AgentCall> calls = events.stream().filter(AgentCall.class::isInstance).map(AgentCall.class::cast).toList();
        long bad = calls.stream().filter(AgentCall::isBad).count();
        long erroringCalls = calls.stream().filter(c -> c.agent().equals(Fleet.ERRORING)).count();
        return new Truth(spec.seed(), spec.days(), start.toString(), end.toString(), spec.tick().toString(), spec.market().symbols(),
                Scenarios.NAMES,
                fleet.agents().stream().map(a -> new Truth.AgentTruth(a.agent(), a.strategyClass(), a.status().name(), a.owner(),
                        a.role().name(), a.skill(), a.callInterval().toMinutes())).toList(),
                episodes,
                new Truth.BrokenClassTruth(scenarios.brokenClass(), scenarios.brokenSkillInCrisis(), brokenAgents,
                        episodes.stream().filter(e -> e.regime().equals(Regime.CRISIS.name())).toList()),
                new Truth.DriftTruth(drifting.agent(), fleet.driftStart().toString(), hoursSince(start, fleet.driftStart()),
                        drifting.skill(), scenarios.driftEndSkill()),
                new Truth.CandidateTruth(candidate.agent(), candidate.skill()),
                new Truth.ErroringTruth(Fleet.ERRORING, scenarios.errorShare(), erroringCalls, bad,
                        Arrays.stream(BadEventKind.values()).map(k -> k.name() + ": " + k.reconcilerReason()).toList()),
                new Truth.Counts(ticks, calls.size(), bad));
    }

    private static Truth.EpisodeTruth episode(RegimeEpisode episode, Instant start, Instant end) {
        Instant until = episode.until().isAfter(end) ? end : episode.until();
        return new Truth.EpisodeTruth(episode.regime().name(), episode.from().toString(), until.toString(),
                hoursSince(start, episode.from()), hoursSince(start, until));
    }

    private static double hoursSince(Instant start, Instant at) {
        return Duration.between(start, at).toMillis() / 3_600_000d;
    }
}
