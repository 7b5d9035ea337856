package com.metasupervisor.allocator.topology;

import static com.metasupervisor.avro.AgentLifecycle.KILLED;
import static com.metasupervisor.avro.AgentLifecycle.LIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.metasupervisor.avro.AgentAllocation;
import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.AllocationBound;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.avro.PolicyLedger;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.streams.deadletter.DeadLetter;
import com.metasupervisor.testkit.ReconciledRowBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The allocator topology on TopologyTestDriver with SPEC §5's defaults (soft_penalty, cap 25 %, threshold 0.10).
 * The fleet of most tests: six LIVE agents whose soft_penalty scores are ∝ √pnl_sum = 2, 5, 10, 20, 40, 80, so the exact
 * projection caps a4..a6 at 0.25 and splits the last 0.25 as 2 : 5 : 10 (a1 2/68, a2 5/68, a3 10/68).
 */
class AllocatorTopologyTest {

    private static final double EPS = 1e-9;
    private static final String MACRO = "macro";
    private static final String ARB = "arb";

    private AllocatorDriver driver = new AllocatorDriver(AllocatorDriver.defaults());

    @AfterEach
    void close() {
        driver.close();
    }

    /** a1..a6 registered LIVE, market.regime TREND (multiplier 1), then their stats: pnl_sum 4, 25, 100, 400, 1600, 6400. */
    private void fleet() {
        driver.marketRegime("TREND", null);
        double[] pnl = {4, 25, 100, 400, 1600, 6400};
        for (int i = 0; i < pnl.length; i++) {
            driver.registered("a" + (i + 1), MACRO, LIVE);
        }
        for (int i = 0; i < pnl.length; i++) {
            driver.stats("a" + (i + 1), MACRO, pnl[i]);
        }
    }

    private static Map<String, AgentAllocation> byAgent(AllocationSnapshot s) {
        return s.getAllocations().stream().collect(Collectors.toMap(AgentAllocation::getAgent, Function.identity()));
    }

    private static double weight(AllocationSnapshot s, String agent) {
        return byAgent(s).get(agent).getWeight();
    }

    private static double sum(AllocationSnapshot s) {
        return s.getAllocations().stream().mapToDouble(AgentAllocation::getWeight).sum() + s.getCash();
    }

    @Test
    void inputsOnTheirTopicsGiveAnExplainedSnapshotByAgentRecordsAndTheShadowLedgers() {
        fleet();

        List<AllocationSnapshot> published = driver.newSnapshots();
        assertThat(published).isNotEmpty();
        assertThat(published.getFirst().getReasonForPublish()).isEqualTo("first allocation");
        assertThat(published.getFirst().getPreviousSnapshotId()).isNull();
        AllocationSnapshot last = published.getLast();
        assertThat(last.getPolicy()).isEqualTo("soft_penalty");
        assertThat(last.getRegime()).isEqualTo("TREND");
        assertThat(last.getRegimeMultiplier()).isEqualTo(1.0);
        assertThat(last.getSource()).isEqualTo(AllocationRecords.SOURCE);
        assertThat(last.getHorizonHours()).isEqualTo(24);
        assertThat(last.getSnapshotId()).isEqualTo("alloc-" + last.getAsOf().toEpochMilli() + "-" + published.size());
        assertThat(last.getPreviousSnapshotId()).isEqualTo(published.get(published.size() - 2).getSnapshotId());
        assertThat(last.getAsOf()).isEqualTo(driver.now()); // event time of the input that made it
        assertThat(weight(last, "a1")).isCloseTo(2.0 / 68, within(EPS));
        assertThat(weight(last, "a2")).isCloseTo(5.0 / 68, within(EPS));
        assertThat(weight(last, "a3")).isCloseTo(10.0 / 68, within(EPS));
        for (String capped : List.of("a4", "a5", "a6")) {
            assertThat(weight(last, capped)).isCloseTo(0.25, within(EPS));
            assertThat(byAgent(last).get(capped).getBound()).isEqualTo(AllocationBound.MAX);
        }
        assertThat(last.getCash()).isCloseTo(0, within(1e-12));
        assertThat(sum(last)).isCloseTo(1, within(1e-12));
        for (AgentAllocation a : last.getAllocations()) {
            assertThat(a.getExplanation()).as(a.getAgent()).isNotBlank();
            assertThat(a.getRawScore()).as(a.getAgent()).isNotNull();
            assertThat(a.getMultipliers()).as(a.getAgent()).containsKeys("hit_rate", "confidence", "error", "cvar", "drawdown", "regime");
            assertThat(a.getExcludedReason()).isNull();
            assertThat(a.getStatus()).isEqualTo("LIVE");
            assertThat(a.getStrategyClass()).isEqualTo(MACRO);
            assertThat(a.getSnapshotId()).isEqualTo(last.getSnapshotId());
        }
        assertThat(last.getChanges()).isNotEmpty();
        assertThat(last.getTurnover()).isPositive();

        // by-agent: the newest record of every agent is its place in the newest snapshot, but for as_of and snapshot_id
        // (a record that did not change otherwise is not sent again)
        Map<String, AgentAllocation> agents = driver.newByAgent();
        assertThat(agents).containsOnlyKeys("a1", "a2", "a3", "a4", "a5", "a6");
        agents.forEach((agent, a) -> assertThat(AgentAllocation.newBuilder(a).setAsOf(last.getAsOf()).setSnapshotId(last.getSnapshotId())
                .build()).as(agent).isEqualTo(byAgent(last).get(agent)));

        // a row at the horizon credits every ledger with the policy's held weight × its PnL; other horizons are not read
        driver.newLedgers();
        driver.row("a6", 100, 24);
        driver.row("a6", 1000, 4);
        assertThat(driver.newLedgers()).as("a row is kept, published with the next evaluation").isEmpty();
        driver.guardian(false); // an input that evaluates and changes no weight
        Map<String, PolicyLedger> ledgers = driver.newLedgers().stream()
                .collect(Collectors.toMap(PolicyLedger::getPolicy, Function.identity(), (x, y) -> y));
        assertThat(ledgers).containsOnlyKeys("soft_penalty", "composite", "pnl_proportional");
        PolicyLedger active = ledgers.get("soft_penalty");
        assertThat(active.getActive()).isTrue();
        assertThat(active.getRows()).isEqualTo(1);
        assertThat(active.getCumulativePnlBps()).isCloseTo(25, within(1e-9));
        assertThat(active.getWeights()).containsEntry("a6", 0.25);
        assertThat(active.getWeightChanges()).isEqualTo(published.size());
        assertThat(ledgers.get("composite").getActive()).isFalse();
        assertThat(ledgers.get("composite").getRows()).isEqualTo(1);
        assertThat(driver.newSnapshots()).as("rows move no weight").isEmpty();
    }

    @Test
    void aKillPublishesAtOnceASnapshotZeroingTheAgentEvenWhenItsWeightWasTiny() {
        fleet();
        assertThat(weight(driver.newSnapshots().getLast(), "a1")).isCloseTo(2.0 / 68, within(EPS)).isLessThan(0.03);
        driver.newByAgent();

        driver.governance("a1", KILLED, "drawdown");

        List<AllocationSnapshot> published = driver.newSnapshots();
        assertThat(published).hasSize(1);
        AllocationSnapshot s = published.getFirst();
        assertThat(s.getAsOf()).isEqualTo(driver.now());
        AgentAllocation a1 = byAgent(s).get("a1");
        assertThat(a1.getWeight()).isZero();
        assertThat(a1.getStatus()).isEqualTo("KILLED");
        assertThat(a1.getExcludedReason()).contains("KILLED").contains("drawdown");
        assertThat(s.getReasonForPublish()).startsWith("risk reduction");
        // increases wait: the others keep their weights, the freed weight goes to cash
        assertThat(weight(s, "a2")).isCloseTo(5.0 / 68, within(EPS));
        assertThat(s.getCash()).isCloseTo(2.0 / 68, within(EPS));
        assertThat(s.getChanges()).extracting(c -> c.getAgent()).containsExactly("a1");
        // by-agent: a1 and every record that changed but for as_of / snapshot_id (a4, a5 did not: same weight, same previous)
        Map<String, AgentAllocation> sent = driver.newByAgent();
        assertThat(sent).containsKey("a1").doesNotContainKeys("a4", "a5");
        sent.forEach((agent, record) -> assertThat(record).as(agent).isEqualTo(byAgent(s).get(agent)));
    }

    /** The evaluation every 5 min of stream time and of idle wall-clock time re-evaluates the same fleet: nothing new goes out. */
    @Test
    void theIntervalEvaluationOfAnUnchangedFleetPublishesNothing() {
        fleet();
        driver.newSnapshots();
        driver.newLedgers();
        driver.newByAgent();

        driver.topology.driver().advanceWallClockTime(Duration.ofMinutes(5));
        driver.topology.driver().advanceWallClockTime(Duration.ofMinutes(11));
        driver.advance(Duration.ofMinutes(30));
        driver.row("a9", 5, 4); // moves stream time past several intervals (a row at another horizon: nothing credited)

        assertThat(driver.newSnapshots()).isEmpty();
        assertThat(driver.newLedgers()).isEmpty();
        assertThat(driver.newByAgent()).isEmpty();
    }

    @Test
    void smallDriftsPublishNothingAndAMoveOfTenPercentPublishes() {
        fleet();
        driver.newSnapshots();
        driver.newByAgent();

        driver.stats("a2", MACRO, 36); // a2 5/68 → 6/72, a3 10/68 → 10/72: < 0.10
        assertThat(driver.newSnapshots()).isEmpty();
        assertThat(driver.newByAgent()).isEmpty();

        driver.stats("a3", MACRO, 3600); // a3 → 0.25: +0.103
        List<AllocationSnapshot> published = driver.newSnapshots();
        assertThat(published).hasSize(1);
        assertThat(weight(published.getFirst(), "a3")).isCloseTo(0.25, within(EPS));
        assertThat(weight(published.getFirst(), "a2")).isCloseTo(0.25 * 6 / 28, within(EPS));
        assertThat(published.getFirst().getReasonForPublish()).contains(">=");
    }

    @Test
    void aPausedGuardianHoldsTheWeightsButAKillStillZeroes() {
        fleet();
        AllocationSnapshot before = driver.newSnapshots().getLast();

        driver.guardian(true);
        AllocationSnapshot paused = driver.newSnapshots().getLast();
        assertThat(paused.getGuardianPaused()).isTrue();
        for (String agent : List.of("a1", "a2", "a3", "a4", "a5", "a6")) {
            assertThat(weight(paused, agent)).isEqualTo(weight(before, agent));
        }

        driver.stats("a3", MACRO, 3600); // a move of 0.10 waits for the guardian
        assertThat(driver.newSnapshots()).isEmpty();

        driver.governance("a6", KILLED, "ops");
        List<AllocationSnapshot> published = driver.newSnapshots();
        assertThat(published).hasSize(1);
        AllocationSnapshot s = published.getFirst();
        assertThat(weight(s, "a6")).isZero();
        assertThat(weight(s, "a3")).isEqualTo(weight(before, "a3"));
        assertThat(byAgent(s).get("a3").getHysteresisHeld()).isTrue();
        assertThat(s.getCash()).isCloseTo(0.25, within(EPS));
    }

    /** Two classes: the CVaR of macro (a1) moves weight; withdrawing it (a null value) takes its multiplier back to 1. */
    @Test
    void aNullStrategyCvarValueWithdrawsTheKey() {
        driver.marketRegime("TREND", null);
        driver.registered("m1", MACRO, LIVE);
        for (String arb : List.of("b1", "b2", "b3", "b4")) {
            driver.registered(arb, ARB, LIVE);
        }
        driver.stats("m1", MACRO, 400);
        for (String arb : List.of("b1", "b2", "b3", "b4")) {
            driver.stats(arb, ARB, 400);
        }
        assertThat(weight(driver.newSnapshots().getLast(), "m1")).isCloseTo(0.2, within(EPS));

        driver.cvar(MACRO, "TREND", 50); // max(0.25, 1 − 0.015 × 50) = 0.25: m1 20 × 0.25 = 5 against 4 × 20
        AllocationSnapshot withCvar = driver.newSnapshots().getLast();
        assertThat(byAgent(withCvar).get("m1").getMultipliers()).containsEntry("cvar", 0.25);
        assertThat(weight(withCvar, "m1")).isCloseTo(5.0 / 85, within(EPS));

        driver.withdrawCvar(MACRO, "TREND");
        AllocationSnapshot withdrawn = driver.newSnapshots().getLast();
        AgentAllocation m1 = byAgent(withdrawn).get("m1");
        assertThat(m1.getMultipliers()).containsEntry("cvar", 1.0);
        assertThat(m1.getExplanation()).contains("no CVaR figures for macro|TREND|24");
        assertThat(m1.getWeight()).isCloseTo(0.2, within(EPS));
        assertThat(driver.<byte[]>store(AllocatorTopology.INPUTS_STORE).get("cvar|macro|TREND|24")).isNull();
    }

    /** Five equal agents (0.2 each before the regime multiplier). */
    @Test
    void marketRegimeRulesOverTheMajorityOfAlphaEvents() {
        for (String agent : List.of("a1", "a2", "a3", "a4", "a5")) {
            driver.registered(agent, MACRO, LIVE);
            driver.stats(agent, MACRO, 400);
        }
        AllocationSnapshot unknown = driver.newSnapshots().getLast();
        assertThat(unknown.getRegime()).isEqualTo("UNKNOWN");
        assertThat(weight(unknown, "a1")).isCloseTo(0.2 * 0.8, within(EPS));

        for (int i = 0; i < 3; i++) {
            driver.event("a1", "CRISIS");
        }
        AllocationSnapshot crisis = driver.newSnapshots().getLast(); // multiplier 0.8 → 0.5: a reduction, at once
        assertThat(crisis.getRegime()).isEqualTo("CRISIS");
        assertThat(crisis.getRegimeMultiplier()).isEqualTo(0.5);
        assertThat(weight(crisis, "a1")).isCloseTo(0.1, within(EPS));

        driver.marketRegime("TREND", null);
        AllocationSnapshot trend = driver.newSnapshots().getLast();
        assertThat(trend.getRegime()).isEqualTo("TREND");
        assertThat(weight(trend, "a1")).isCloseTo(0.2, within(EPS));

        for (int i = 0; i < 5; i++) {
            driver.event("a2", "RANGE"); // the majority turns RANGE, but market.regime rules
        }
        assertThat(driver.newSnapshots()).isEmpty();

        driver.withdrawMarketRegime(); // the majority of the newest events decides: 5 RANGE against 3 CRISIS
        AllocationSnapshot range = driver.newSnapshots().getLast();
        assertThat(range.getRegime()).isEqualTo("RANGE");
        assertThat(range.getRegimeMultiplier()).isEqualTo(0.9);
        assertThat(weight(range, "a1")).isCloseTo(0.18, within(EPS));
    }

    @Test
    void aRestartKeepsTheHeldWeightsAndTheLedgers() {
        fleet();
        driver.row("a6", 100, 24);
        AllocationSnapshot before = driver.newSnapshots().getLast();
        var contents = driver.storeContents();
        Instant clock = driver.now();
        driver.close();

        driver = new AllocatorDriver(AllocatorDriver.defaults());
        driver.restore(contents, clock);

        driver.stats("a2", MACRO, 36); // a small drift: nothing is published (a lost state would publish a "first allocation")
        assertThat(driver.newSnapshots()).isEmpty();
        driver.row("a6", 100, 24);
        driver.guardian(false); // an evaluation publishes the ledgers
        PolicyLedger active = driver.newLedgers().stream().filter(l -> l.getPolicy().equals("soft_penalty")).toList().getLast();
        assertThat(active.getRows()).isEqualTo(2);
        assertThat(active.getCumulativePnlBps()).isCloseTo(50, within(1e-9));

        driver.governance("a1", KILLED, "drawdown"); // a reduction from the restored held weights
        AllocationSnapshot after = driver.newSnapshots().getLast();
        assertThat(after.getPreviousSnapshotId()).isEqualTo(before.getSnapshotId());
        assertThat(weight(after, "a3")).isEqualTo(weight(before, "a3"));
        assertThat(weight(after, "a1")).isZero();
    }

    @Test
    void invalidStatsAreDeadLetteredByTheNamedStepAndABadRowIsSkippedWithAMetric() {
        fleet();
        driver.newSnapshots();
        AgentStats bad = AllocatorDriver.stats("a2", MACRO, Double.NaN, driver.now());

        driver.stats(bad);
        driver.row(ReconciledRowBuilder.reconciledRow().agent("a6").horizonHours(24).maturedAt(driver.now()).realizedBps(Double.NaN).build());
        driver.row(ReconciledRowBuilder.reconciledRow().agent("a6").horizonHours(24).maturedAt(Instant.ofEpochMilli(-5)).realizedBps(10).build());

        List<TestRecord<String, AgentStats>> letters = driver.topology.deadLetters(Topics.RISK_AGENT_STATS).readRecordsToList();
        assertThat(letters).hasSize(1);
        assertThat(letters.getFirst().key()).isEqualTo("a2");
        Header reason = letters.getFirst().headers().lastHeader(DeadLetter.REASON);
        assertThat(new String(reason.value(), StandardCharsets.UTF_8)).isEqualTo("pnl_7d_bps_not_finite");
        assertThat(driver.newSnapshots()).isEmpty();
        assertThat(skipped(Topics.ALPHA_RECONCILED.name())).isEqualTo(2.0);

        driver.governance("a1", KILLED, "drawdown"); // still running
        assertThat(driver.newSnapshots()).hasSize(1);
    }

    private double skipped(String topic) {
        return driver.topology.driver().metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(FleetProcessor.SKIPPED_METRIC + "-total")
                        && topic.equals(e.getKey().tags().get(FleetProcessor.SKIPPED_METRIC_SCOPE + "-id")))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }

    @Test
    void everyInputReachesOneTaskThroughTheSinglePartitionRepartition() {
        var description = new org.apache.kafka.streams.StreamsBuilder();
        AllocatorTopology.build(description, com.metasupervisor.testkit.TopologyDriver.SERDES, AllocatorDriver.defaults(),
                java.time.Clock.systemUTC(), com.metasupervisor.streams.deadletter.DeadLetterMetrics.standalone());
        String text = description.build().describe().toString();
        assertThat(text).contains("Processor: " + AllocatorTopology.FLEET_PROCESSOR + " ")
                .contains("Sink: " + AllocatorTopology.SINK_ALLOCATIONS + " (topic: allocations)")
                .contains("Sink: " + AllocatorTopology.SINK_BY_AGENT + " (topic: allocations.by-agent)")
                .contains("Sink: " + AllocatorTopology.SINK_SHADOW + " (topic: allocations.shadow)")
                .contains(AllocatorTopology.FLEET_INPUTS + "-repartition")
                .contains("validate-risk-agent-stats").contains("validate-market-regime");
        for (String store : AllocatorDriver.STORES) {
            assertThat(text).contains(store);
        }
    }
}
