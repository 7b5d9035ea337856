package com.metasupervisor.allocator.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.metasupervisor.allocator.config.AllocatorSettings;
import com.metasupervisor.allocator.domain.AgentStatusView;
import com.metasupervisor.allocator.domain.Allocation;
import com.metasupervisor.allocator.domain.AllocationPolicy;
import com.metasupervisor.allocator.domain.FleetEvaluation;
import com.metasupervisor.allocator.domain.FleetState;
import com.metasupervisor.allocator.domain.Lifecycle;
import com.metasupervisor.allocator.domain.PolicyName;
import com.metasupervisor.allocator.domain.Publication;
import com.metasupervisor.allocator.domain.PublishRule;
import com.metasupervisor.avro.AgentLifecycle;
import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.AlertTransition;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.avro.PolicyLedger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 4: on a seeded stream of 12 000 reconciled rows interleaved with stats, status and alert changes, every
 * policy's PolicyLedger on allocations.shadow equals a recomputation from scratch. At each evaluation point the
 * recomputation rebuilds a FleetState from every input so far, runs the domain's FleetEvaluation and PublishRule per
 * policy, and credits the rows to the weights it holds with its own arithmetic (cumulative PnL, drawdown, the daily
 * series and its Sharpe, turnover, changes); the figures are compared after every input and at the end.
 */
class AllocatorLedgerBruteForceTest {

    private static final int ROWS = 12_000;
    private static final int AGENTS = 12;
    private static final List<String> CLASSES = List.of("macro", "arb", "funding");

    /** The recomputation's ledger of one policy. */
    private static final class Expected {
        Allocation held;
        Map<String, Double> weights = Map.of();
        double cash = 1;
        double cumulative;
        double peak;
        double maxDrawdown;
        double turnover;
        long changes;
        long rows;
        final TreeMap<Long, Double> daily = new TreeMap<>();
        Long first;
        Long last;

        void credit(String agent, double pnl, long at) {
            double p = weights.getOrDefault(agent, 0.0) * pnl;
            rows++;
            cumulative += p;
            peak = Math.max(peak, cumulative);
            maxDrawdown = Math.min(maxDrawdown, cumulative - peak);
            daily.merge(Math.floorDiv(at, 86_400_000L), p, Double::sum);
            first = first == null ? at : Math.min(first, at);
            last = last == null ? at : Math.max(last, at);
        }

        int days() {
            return daily.isEmpty() ? 0 : (int) (daily.lastKey() - daily.firstKey() + 1);
        }

        /** The daily series written out day by day (idle days 0), mean / sample std × √365. */
        Double sharpe() {
            int n = days();
            if (n < 2) {
                return null;
            }
            double[] series = new double[n];
            daily.forEach((day, pnl) -> series[(int) (day - daily.firstKey())] = pnl);
            double mean = 0;
            for (double d : series) {
                mean += d / n;
            }
            double var = 0;
            for (double d : series) {
                var += (d - mean) * (d - mean) / (n - 1);
            }
            return var == 0 ? null : mean / Math.sqrt(var) * Math.sqrt(365);
        }
    }

    @Test
    void everyPolicysLedgerEqualsARecomputationFromTheInputs() {
        AllocatorSettings settings = AllocatorDriver.defaults();
        Random random = new Random(20260302);
        List<Consumer<FleetState>> inputs = new ArrayList<>();
        Map<PolicyName, Expected> expected = new EnumMap<>(PolicyName.class);
        for (PolicyName p : PolicyName.values()) {
            expected.put(p, new Expected());
        }
        PublishRule rule = new PublishRule(settings.publishThreshold());
        Map<PolicyName, AllocationPolicy> policies = new EnumMap<>(PolicyName.class);
        for (PolicyName p : PolicyName.values()) {
            policies.put(p, AllocationPolicy.of(p, settings));
        }
        Map<String, String> alertOpen = new HashMap<>();
        int alertNumber = 0;
        long activePublishes = 0;
        long rowsSent = 0;
        int evaluations = 0;

        try (AllocatorDriver driver = new AllocatorDriver(settings)) {
            driver.marketRegime("TREND", null);
            inputs.add(s -> s.regime("TREND", null, "ops"));
            activePublishes += evaluate(driver, inputs, expected, policies, rule, settings);
            for (int i = 0; i < AGENTS; i++) {
                String agent = "a" + i;
                String strategy = CLASSES.get(i % CLASSES.size());
                driver.registered(agent, strategy, AgentLifecycle.LIVE);
                inputs.add(s -> s.registry(agent, strategy, Lifecycle.LIVE));
                activePublishes += evaluate(driver, inputs, expected, policies, rule, settings);
            }
            compareNewLedgers(driver, expected, settings);
            while (rowsSent < ROWS) {
                double roll = random.nextDouble();
                String agent = "a" + random.nextInt(AGENTS);
                String strategy = CLASSES.get(Integer.parseInt(agent.substring(1)) % CLASSES.size());
                if (roll < 0.90) {
                    double pnl = Math.round(random.nextGaussian() * 40 * 100) / 100.0;
                    int horizon = random.nextDouble() < 0.9 ? 24 : 4;
                    driver.advance(Duration.ofSeconds(random.nextInt(90)));
                    driver.row(agent, pnl, horizon);
                    // a row that moves the stream time past an evaluation interval brings the interval's evaluation,
                    // which Kafka Streams punctuates before the row is processed: those ledgers are as of before the row
                    compareNewLedgers(driver, expected, settings);
                    if (horizon == 24) {
                        rowsSent++;
                        long at = driver.now().toEpochMilli();
                        expected.values().forEach(e -> e.credit(agent, pnl, at));
                    }
                } else if (roll < 0.96) {
                    AgentStats stats = randomStats(random, agent, strategy, driver);
                    driver.stats(stats);
                    inputs.add(s -> s.figures(agent, AllocationRecords.figures(stats)));
                    activePublishes += evaluate(driver, inputs, expected, policies, rule, settings);
                    evaluations++;
                } else if (roll < 0.98) {
                    boolean kill = random.nextDouble() < 0.5;
                    AgentLifecycle status = kill ? AgentLifecycle.KILLED : AgentLifecycle.LIVE;
                    driver.governance(agent, status, kill ? "drawdown" : "reinstated");
                    AgentStatusView view = new AgentStatusView(Lifecycle.valueOf(status.name()), kill ? "drawdown" : "reinstated");
                    inputs.add(s -> s.governanceStatus(agent, view));
                    activePublishes += evaluate(driver, inputs, expected, policies, rule, settings);
                    evaluations++;
                } else {
                    // an agent's alert opens, then resolves: one open alert per agent at a time
                    boolean open = !alertOpen.containsKey(agent);
                    String alertId = open ? agent + "#" + (++alertNumber) : alertOpen.remove(agent);
                    if (open) {
                        alertOpen.put(agent, alertId);
                    }
                    driver.alert(agent, alertId, open ? AlertTransition.OPENED : AlertTransition.RESOLVED);
                    inputs.add(s -> s.alert(agent, alertId, "DIVERGENCE", open));
                    activePublishes += evaluate(driver, inputs, expected, policies, rule, settings);
                    evaluations++;
                }
                compareNewLedgers(driver, expected, settings);
            }
            // ledgers go out with evaluations: one more input evaluates (and changes nothing) so the last rows are published
            driver.guardian(false);
            inputs.add(s -> s.guardian(false));
            activePublishes += evaluate(driver, inputs, expected, policies, rule, settings);
            compareNewLedgers(driver, expected, settings);
            for (PolicyName p : PolicyName.values()) {
                compare(driver.<PolicyLedger>store(AllocatorTopology.SHADOW_PUBLISHED_STORE).get(p.id()), expected.get(p), p, settings);
            }
            assertThat(expected.get(PolicyName.SOFT_PENALTY).changes).isEqualTo(activePublishes);
        }
        assertThat(rowsSent).isGreaterThanOrEqualTo(10_000);
        assertThat(evaluations).isGreaterThan(500);
        assertThat(expected.values()).allSatisfy(e -> {
            assertThat(e.changes).isGreaterThan(5);
            assertThat(e.cumulative).isNotZero();
        });
    }

    /**
     * The recomputation at one evaluation point: a FleetState rebuilt from every input so far, each policy's target and
     * publish rule; the active policy's publish must be on allocations with the same weights. Returns 1 when the
     * active policy published.
     */
    private static int evaluate(AllocatorDriver driver, List<Consumer<FleetState>> inputs, Map<PolicyName, Expected> expected,
                                Map<PolicyName, AllocationPolicy> policies, PublishRule rule, AllocatorSettings settings) {
        FleetState state = new FleetState(settings);
        inputs.forEach(input -> input.accept(state));
        var view = state.view(driver.now().toEpochMilli());
        int published = 0;
        List<AllocationSnapshot> snapshots = driver.newSnapshots();
        for (PolicyName p : PolicyName.values()) {
            Expected e = expected.get(p);
            Allocation target = FleetEvaluation.evaluate(policies.get(p), view, settings.alertMultiplier());
            Optional<Publication> publication = rule.decide(e.held, target);
            if (publication.isEmpty()) {
                continue;
            }
            Allocation a = publication.get().allocation();
            e.held = a;
            Map<String, Double> weights = new HashMap<>();
            a.agents().forEach((agent, w) -> weights.put(agent, w.weight()));
            e.weights = weights;
            e.cash = a.cash();
            e.turnover += publication.get().turnover();
            e.changes++;
            if (p.id().equals(settings.policy())) {
                published = 1;
                assertThat(snapshots).as("the active policy's publish").hasSize(1);
                snapshots.getFirst().getAllocations().forEach(w -> assertThat(w.getWeight()).as(w.getAgent()).isEqualTo(weights.get(w.getAgent())));
            }
        }
        if (published == 0) {
            assertThat(snapshots).as("no publish of the active policy").isEmpty();
        }
        return published;
    }

    private static void compareNewLedgers(AllocatorDriver driver, Map<PolicyName, Expected> expected, AllocatorSettings settings) {
        Map<String, PolicyLedger> newest = new HashMap<>();
        driver.newLedgers().forEach(l -> newest.put(l.getPolicy(), l));
        newest.forEach((policy, ledger) -> compare(ledger, expected.get(PolicyName.of(policy)), PolicyName.of(policy), settings));
    }

    private static void compare(PolicyLedger ledger, Expected e, PolicyName p, AllocatorSettings settings) {
        String as = p.id() + " after " + e.rows + " rows";
        assertThat(ledger).as(as).isNotNull();
        assertThat(ledger.getActive()).as(as).isEqualTo(p.id().equals(settings.policy()));
        assertThat(ledger.getRows()).as(as).isEqualTo(e.rows);
        assertThat(ledger.getCumulativePnlBps()).as(as).isCloseTo(e.cumulative, within(1e-9));
        assertThat(ledger.getMaxDrawdownBps()).as(as).isCloseTo(e.maxDrawdown, within(1e-9));
        assertThat(ledger.getTurnover()).as(as).isCloseTo(e.turnover, within(1e-12));
        assertThat(ledger.getWeightChanges()).as(as).isEqualTo(e.changes);
        assertThat(ledger.getDays()).as(as).isEqualTo(e.days());
        assertThat(ledger.getCash()).as(as).isCloseTo(e.cash, within(1e-12));
        Map<String, Double> held = new TreeMap<>();
        e.weights.forEach((agent, w) -> {
            if (w > 0) {
                held.put(agent, w);
            }
        });
        assertThat(new TreeMap<>(ledger.getWeights())).as(as).isEqualTo(held);
        Double sharpe = e.sharpe();
        if (sharpe == null) {
            assertThat(ledger.getSharpe()).as(as).isNull();
        } else {
            assertThat(ledger.getSharpe()).as(as).isCloseTo(sharpe, within(1e-9 * Math.max(1, Math.abs(sharpe))));
        }
        assertThat(ledger.getFirstRowAt() == null ? null : ledger.getFirstRowAt().toEpochMilli()).as(as).isEqualTo(e.first);
        assertThat(ledger.getLastRowAt() == null ? null : ledger.getLastRowAt().toEpochMilli()).as(as).isEqualTo(e.last);
    }

    /** Stats that move an agent about: sometimes gated (negative PnL, error rate above 0.15), various figures. */
    private static AgentStats randomStats(Random random, String agent, String strategy, AllocatorDriver driver) {
        double pnl = random.nextDouble() < 0.15 ? -random.nextDouble() * 100 : random.nextDouble() * 5000;
        return AgentStats.newBuilder(AllocatorDriver.stats(agent, strategy, pnl, driver.now()))
                .setPnl7dBps(random.nextGaussian() * 300)
                .setSharpe30d(random.nextDouble() < 0.1 ? null : random.nextGaussian())
                .setWinrate30d(random.nextDouble())
                .setHitRate(random.nextDouble() < 0.1 ? null : random.nextDouble())
                .setMaxDrawdown30dBps(-random.nextDouble() * 80)
                .setErrorRate(random.nextDouble() < 0.1 ? 0.2 : random.nextDouble() * 0.1)
                .setAvgAbsErrorBps(random.nextDouble() < 0.2 ? null : random.nextDouble() * 100)
                .setConfidenceMultiplier(0.5 + random.nextDouble() / 2)
                .build();
    }
}
