package com.metasupervisor.risk.topology;

import static com.metasupervisor.testkit.ReconciledRowBuilder.reconciledRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AlertSubjectKind;
import com.metasupervisor.avro.AlertTransition;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.avro.Severity;
import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.risk.config.RiskSettings;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.schemas.UnreconcilableHeaders;
import com.metasupervisor.streams.deadletter.DeadLetter;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import com.metasupervisor.streams.state.StateBytes;
import com.metasupervisor.testkit.TopologyDriver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The risk topology on TopologyTestDriver: CVaR on change, agent stats, divergence alerts, dead letters. */
class RiskTopologyTest {

    /** Noon UTC: day boundaries are 12 h away. */
    private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);
    private static final double EPS = 1e-9;

    private RiskDriver risk;

    @AfterEach
    void close() {
        if (risk != null) {
            risk.close();
        }
    }

    @Test
    void cvarPerStrategyRegimeAndHorizonIsPublishedOnChangeWithItsFigures() {
        risk = new RiskDriver(RiskSettings.defaults());
        risk.send(reconciledRow().eventId("e1").agent("agent-a").strategy("arb").regime("TREND")
                .horizonHours(24).maturedAt(T0).realizedBps(20).expectedBps(0).build());
        risk.send(reconciledRow().eventId("e2").agent("agent-b").strategy("arb").regime("TREND")
                .horizonHours(24).maturedAt(T0.plus(HOUR)).realizedBps(30).expectedBps(40).sigmaBps(25.0).build()); // error -10
        risk.send(reconciledRow().eventId("e3").agent("agent-a").strategy("arb").regime("TREND")
                .horizonHours(24).maturedAt(T0.plus(HOUR.multipliedBy(2))).realizedBps(5).expectedBps(0).build());
        risk.send(reconciledRow().eventId("e4").agent("agent-a").strategy("arb").regime("RANGE")
                .horizonHours(24).maturedAt(T0).realizedBps(-7).expectedBps(0).build());
        risk.send(reconciledRow().eventId("e5").agent("agent-a").strategy("arb").regime("TREND")
                .horizonHours(1).maturedAt(T0).realizedBps(3).expectedBps(0).build());
        risk.send(reconciledRow().eventId("e6").agent("agent-c").strategy("macro").regime("TREND")
                .horizonHours(24).maturedAt(T0).realizedBps(11).expectedBps(0).build());

        Map<String, StrategyRegimeRisk> last = new LinkedHashMap<>();
        List<TestRecord<String, StrategyRegimeRisk>> out = risk.cvar.readRecordsToList();
        out.forEach(r -> last.put(r.key(), r.value()));
        assertThat(out).hasSize(6);
        assertThat(last).containsOnlyKeys("arb|TREND|24", "arb|RANGE|24", "arb|TREND|1", "macro|TREND|24");

        StrategyRegimeRisk first = out.getFirst().value();
        assertThat(first.getN()).isEqualTo(1);
        assertThat(first.getCvar95ShortfallBps()).isCloseTo(-20, within(EPS));

        StrategyRegimeRisk trend = last.get("arb|TREND|24"); // errors 20, -10, 5: k = 1
        assertThat(trend.getStrategyClass()).isEqualTo("arb");
        assertThat(trend.getRegime()).isEqualTo("TREND");
        assertThat(trend.getHorizonHours()).isEqualTo(24);
        assertThat(trend.getN()).isEqualTo(3);
        assertThat(trend.getCvar95ShortfallBps()).isCloseTo(10, within(EPS));
        assertThat(trend.getVar95Bps()).isCloseTo(10, within(EPS));
        assertThat(trend.getMeanErrorBps()).isCloseTo(5, within(EPS));
        assertThat(trend.getHitRate()).isCloseTo(1.0, within(EPS));
        assertThat(trend.getPnlSumBps()).isCloseTo(55, within(EPS));
        assertThat(trend.getWindowStart()).isEqualTo(T0);
        assertThat(trend.getWindowEnd()).isEqualTo(T0.plus(HOUR.multipliedBy(2)));
        assertThat(trend.getUpdatedAt()).isEqualTo(RiskDriver.UPDATED_AT);
        assertThat(last.get("arb|RANGE|24").getCvar95ShortfallBps()).isCloseTo(7, within(EPS));
        assertThat(last.get("arb|RANGE|24").getHitRate()).isZero();

        // a row older than the window's 30 days changes nothing, so nothing is published
        risk.send(reconciledRow().eventId("old").agent("agent-a").strategy("arb").regime("TREND")
                .horizonHours(24).maturedAt(T0.minus(Duration.ofDays(31))).realizedBps(-500).expectedBps(0).build());
        assertThat(risk.cvar.isEmpty()).isTrue();
        assertThat(risk.<StrategyRegimeRisk>store(RiskTopology.CVAR_PUBLISHED_STORE).get("arb|TREND|24").getN()).isEqualTo(3);
    }

    @Test
    void aRegimeThatEndedHasItsCvarWithdrawnWhenItsRowsPassMaxAge() {
        risk = new RiskDriver(RiskSettings.defaults());
        risk.send(reconciledRow().eventId("c1").agent("agent-a").strategy("arb").regime("CRISIS")
                .horizonHours(24).maturedAt(T0).realizedBps(-50).expectedBps(0).build());
        risk.send(reconciledRow().eventId("c2").agent("agent-a").strategy("arb").regime("CRISIS")
                .horizonHours(24).maturedAt(T0.plus(HOUR)).realizedBps(-20).expectedBps(0).build());
        // the crisis is over: 31 days of TREND rows, one every 6 hours
        Duration sixHours = HOUR.multipliedBy(6);
        for (Instant t = T0.plus(sixHours); !t.isAfter(T0.plus(Duration.ofDays(31))); t = t.plus(sixHours)) {
            risk.send(reconciledRow().eventId("t" + t.toEpochMilli()).agent("agent-a").strategy("arb").regime("TREND")
                    .horizonHours(24).maturedAt(t).realizedBps(5).expectedBps(0).build());
        }

        List<TestRecord<String, StrategyRegimeRisk>> crisis = risk.cvar.readRecordsToList().stream()
                .filter(r -> r.key().equals("arb|CRISIS|24")).toList();
        // c1, c2, c1 left (30 days after it matured), then withdrawn: c2 left too
        assertThat(crisis).hasSize(4);
        assertThat(crisis.get(1).value().getN()).isEqualTo(2);
        assertThat(crisis.get(2).value().getN()).isEqualTo(1);
        assertThat(crisis.get(2).value().getCvar95ShortfallBps()).isCloseTo(20, within(EPS));
        assertThat(crisis.get(2).timestamp()).isEqualTo(T0.plus(Duration.ofDays(30)).toEpochMilli());
        assertThat(crisis.get(3).value()).as("a tombstone on the compacted topic").isNull();
        assertThat(crisis.get(3).timestamp()).isEqualTo(T0.plus(Duration.ofDays(30)).plus(sixHours).toEpochMilli());
        assertThat(risk.<StrategyRegimeRisk>store(RiskTopology.CVAR_PUBLISHED_STORE).get("arb|CRISIS|24")).isNull();
        assertThat(risk.bytesStore(RiskTopology.CVAR_WINDOWS_STORE).get("arb|CRISIS|24")).isNull();
        try (var crisisRows = risk.bytesStore(RiskTopology.CVAR_ROWS_STORE).prefixScan("arb|CRISIS|24|", new StringSerializer())) {
            assertThat(crisisRows.hasNext()).as("no row entry of a withdrawn key is left").isFalse();
        }
        assertThat(risk.<StrategyRegimeRisk>store(RiskTopology.CVAR_PUBLISHED_STORE).get("arb|TREND|24").getN()).isEqualTo(120);
    }

    @Test
    void aCvarWindowStoredInTheSingleEntryFormatOfEarlierBuildsIsReadAndMigratedToRowEntries() {
        risk = new RiskDriver(RiskSettings.defaults());
        // what an earlier build left in cvar-windows: format 1, the whole window in one entry (clock, count, rows)
        long[] times = {T0.toEpochMilli(), T0.plus(HOUR).toEpochMilli(), T0.plus(HOUR.multipliedBy(2)).toEpochMilli()};
        double[] errors = {-30, -10, 5};
        double[] realized = {-30, 30, 5};
        byte[] format1 = StateBytes.write((byte) 1, 12 + 3 * 24, out -> {
            out.writeLong(times[2]);
            out.writeInt(3);
            for (int i = 0; i < 3; i++) {
                out.writeLong(times[i]);
                out.writeDouble(errors[i]);
                out.writeDouble(realized[i]);
            }
        });
        risk.bytesStore(RiskTopology.CVAR_WINDOWS_STORE).put("arb|TREND|24", format1);

        risk.send(reconciledRow().eventId("e4").agent("agent-a").strategy("arb").regime("TREND")
                .horizonHours(24).maturedAt(T0.plus(HOUR.multipliedBy(3))).realizedBps(-40).expectedBps(0).build());

        List<TestRecord<String, StrategyRegimeRisk>> out = risk.cvar.readRecordsToList();
        assertThat(out).hasSize(1);
        StrategyRegimeRisk trend = out.getFirst().value();
        assertThat(trend.getN()).as("the three stored rows and the new one").isEqualTo(4);
        assertThat(trend.getCvar95ShortfallBps()).isCloseTo(40, within(EPS));
        assertThat(trend.getMeanErrorBps()).isCloseTo((-30 - 10 + 5 - 40) / 4.0, within(EPS));
        assertThat(trend.getPnlSumBps()).isCloseTo(-30 + 30 + 5 - 40, within(EPS));
        assertThat(trend.getHitRate()).isCloseTo(0.5, within(EPS));
        assertThat(trend.getWindowStart()).isEqualTo(T0);
        // migrated: the summary is of the new format and every row has its own entry
        assertThat(risk.bytesStore(RiskTopology.CVAR_WINDOWS_STORE).get("arb|TREND|24")[0]).isEqualTo((byte) 2);
        List<String> rowKeys = new ArrayList<>();
        try (var rows = risk.bytesStore(RiskTopology.CVAR_ROWS_STORE).prefixScan("arb|TREND|24|", new StringSerializer())) {
            rows.forEachRemaining(kv -> rowKeys.add(kv.key));
        }
        assertThat(rowKeys).hasSize(4).isSorted();
        assertThat(rowKeys.getFirst()).isEqualTo("arb|TREND|24|" + String.format("%020d", times[0]) + "|" + String.format("%020d", 0));
        assertThat(RiskTopologyPropertyTest.storedCvarWindows(risk)).singleElement()
                .satisfies(kv -> assertThat(kv.value.figures().orElseThrow().n()).isEqualTo(4));
    }

    @Test
    void agentStatsCarryEveryFieldForAKnownSequence() {
        risk = new RiskDriver(RiskSettings.defaults());
        risk.model(24, 20.0);
        risk.model(1, 1.0); // another horizon's model is not the agent's
        String agent = "agent-s";
        risk.send(reconciledRow().eventId("e1").agent(agent).strategy("funding").regime("TREND")
                .horizonHours(24).maturedAt(T0).realizedBps(100).expectedBps(0).build());
        risk.deadLetter(agent, T0.plus(DAY), "score_out_of_range", null); // rejected: counts
        // a symbol never priced, at the scoring horizon: the agent's own error, counts
        risk.deadLetter(agent, T0.plus(DAY), UnreconcilableHeaders.UNKNOWN_SYMBOL, 24);
        risk.deadLetter(agent, T0.plus(DAY), UnreconcilableHeaders.UNKNOWN_SYMBOL, 1); // at another horizon: not an extra event
        risk.send(reconciledRow().eventId("e2").agent(agent).strategy("funding").regime("TREND")
                .horizonHours(24).maturedAt(T0.plus(DAY.multipliedBy(2))).realizedBps(-50).expectedBps(0).build());
        risk.send(reconciledRow().eventId("e3").agent(agent).strategy("funding").regime("RANGE")
                .horizonHours(24).maturedAt(T0.plus(DAY.multipliedBy(2)).plus(HOUR)).realizedBps(30).expectedBps(0).build());
        risk.send(reconciledRow().eventId("e3").agent(agent).strategy("funding").regime("RANGE")
                .horizonHours(1).maturedAt(T0.plus(DAY.multipliedBy(2)).plus(HOUR.multipliedBy(2))).realizedBps(999).expectedBps(0)
                .build());

        List<TestRecord<String, AgentStats>> out = risk.stats.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsOnly(agent);
        assertThat(out).hasSize(5); // e1, two counted dead letters, e2, e3; the 1 h dead letter and row change nothing
        AgentStats s = out.getLast().value();
        assertThat(s.getAgent()).isEqualTo(agent);
        assertThat(s.getStrategyClass()).isEqualTo("funding");
        assertThat(s.getHorizonHours()).isEqualTo(24);
        assertThat(s.getN()).isEqualTo(3);
        assertThat(s.getPnlSumBps()).isCloseTo(80, within(EPS));
        assertThat(s.getPnl7dBps()).isCloseTo(80, within(EPS));
        assertThat(s.getPnl30dBps()).isCloseTo(80, within(EPS));
        assertThat(s.getHitRate()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(s.getWinrate30d()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(s.getMaxDrawdown30dBps()).isCloseTo(-50, within(EPS));
        assertThat(s.getErrorRate()).isCloseTo(2.0 / 5, within(EPS)); // 3 accepted, 2 dead-lettered
        assertThat(s.getUnpricedRate()).isZero();
        assertThat(s.getAvgAbsErrorBps()).isCloseTo(60, within(EPS));
        assertThat(s.getRmseBps()).isCloseTo(Math.sqrt((100 * 100 + 50 * 50 + 30 * 30) / 3.0), within(EPS));
        double[] daily = new double[30]; // the 30 UTC days ending with e3's day; idle days count as 0
        daily[27] = 100;
        daily[29] = -50 + 30;
        assertThat(s.getSharpe30d()).isCloseTo(sharpe(daily), within(EPS));
        double alpha = 1 - Math.pow(2, -1.0 / 50);
        double ewma = alpha * 30 + (1 - alpha) * (alpha * 50 + (1 - alpha) * 100);
        double errorFactor = 1 / (1 + (ewma - 20) / 75);
        assertThat(s.getConfidenceMultiplier()).isCloseTo(Math.max(0.5, errorFactor), within(EPS));
        assertThat(s.getLastMaturedAt()).isEqualTo(T0.plus(DAY.multipliedBy(2)).plus(HOUR));
        assertThat(s.getUpdatedAt()).isEqualTo(RiskDriver.UPDATED_AT);

        // two silent weeks later one more rejected event: the 7-day PnL empties, the multiplier decays to its floor
        risk.deadLetter(agent, T0.plus(DAY.multipliedBy(16)).plus(HOUR), "schema_invalid", null);
        AgentStats later = risk.stats.readValue();
        assertThat(later.getPnl7dBps()).isZero();
        assertThat(later.getPnl30dBps()).isCloseTo(80, within(EPS));
        assertThat(later.getErrorRate()).isCloseTo(3.0 / 6, within(EPS));
        assertThat(later.getSharpe30d()).isCloseTo(sharpe(daily), within(EPS)); // the same days, shifted
        assertThat(later.getConfidenceMultiplier()).isCloseTo(Math.max(0.5, errorFactor * 0.25), within(EPS));
        assertThat(risk.stats.isEmpty()).isTrue();
        assertThat(risk.<AgentStats>store(RiskTopology.AGENT_PUBLISHED_STORE).get(agent)).isEqualTo(later);
    }

    @Test
    void unknownSymbolsRaiseTheAgentsErrorRateWhileFeedGapsRaiseOnlyItsUnpricedRate() {
        risk = new RiskDriver(RiskSettings.defaults());
        risk.model(24, 20.0);
        String agent = "agent-g";
        String twin = "agent-t"; // the same rows, no dead letters
        for (int i = 0; i < 4; i++) {
            for (String a : List.of(agent, twin)) {
                risk.send(reconciledRow().eventId(a + i).agent(a).strategy("arb").regime("TREND").horizonHours(24)
                        .maturedAt(T0.plus(HOUR.multipliedBy(i))).realizedBps(10 + i).expectedBps(0).build());
            }
        }
        risk.stats.readRecordsToList();

        // the prices of a known symbol stopped: its pairs are unpriced (one beyond the catch-up bound alike)
        risk.deadLetter(agent, T0.plus(HOUR.multipliedBy(4)), UnreconcilableHeaders.UNPRICED, 24);
        risk.deadLetter(agent, T0.plus(HOUR.multipliedBy(4)), UnreconcilableHeaders.UNPRICED, 1); // another horizon
        risk.deadLetter(agent, T0.plus(HOUR.multipliedBy(5)), UnreconcilableHeaders.REASON, 24);
        List<AgentStats> gap = statsOf(agent);
        assertThat(gap).hasSize(2).allSatisfy(s -> assertThat(s.getErrorRate()).as("a feed gap is not the agent's error").isZero());
        assertThat(gap.get(0).getUnpricedRate()).isCloseTo(1.0 / 5, within(EPS));
        assertThat(gap.get(1).getUnpricedRate()).isCloseTo(2.0 / 6, within(EPS));

        // a call on a symbol the market data never priced: the agent's error
        risk.deadLetter(agent, T0.plus(HOUR.multipliedBy(6)), UnreconcilableHeaders.UNKNOWN_SYMBOL, 24);
        AgentStats s = statsOf(agent).getLast();
        assertThat(s.getErrorRate()).isCloseTo(1.0 / 7, within(EPS));
        assertThat(s.getUnpricedRate()).isCloseTo(2.0 / 7, within(EPS));
        // a rejected event (no horizon) is the agent's too
        risk.deadLetter(agent, T0.plus(HOUR.multipliedBy(6)), "malformed", null);
        s = statsOf(agent).getLast();
        assertThat(s.getErrorRate()).isCloseTo(2.0 / 8, within(EPS));
        assertThat(s.getUnpricedRate()).isCloseTo(2.0 / 8, within(EPS));

        // neither kind moves the multiplier or raises an alert: the twin without dead letters has the same
        AgentStats twinStats = risk.<AgentStats>store(RiskTopology.AGENT_PUBLISHED_STORE).get(twin);
        assertThat(twinStats.getErrorRate()).isZero();
        assertThat(twinStats.getUnpricedRate()).isZero();
        assertThat(s.getConfidenceMultiplier()).isEqualTo(twinStats.getConfidenceMultiplier());
        assertThat(s.getN()).isEqualTo(twinStats.getN());
        assertThat(risk.alerts.isEmpty()).isTrue();
        assertThat(risk.<AgentStats>store(RiskTopology.AGENT_PUBLISHED_STORE).get(agent)).isEqualTo(s);
    }

    /** The stats published for one agent since the last read (a refresh may publish the others too). */
    private List<AgentStats> statsOf(String agent) {
        return risk.stats.readRecordsToList().stream().filter(r -> r.key().equals(agent)).map(TestRecord::value).toList();
    }

    @Test
    void aSilentAgentAgesHourlyWhileOtherAgentsTrade() {
        risk = new RiskDriver(RiskSettings.defaults());
        String silent = threeHourlyRowsThenSilence();
        assertThat(risk.stats.readValuesToList()).last().satisfies(s -> {
            assertThat(s.getConfidenceMultiplier()).isEqualTo(1.0); // no time has passed since its last row
            assertThat(s.getPnl7dBps()).isCloseTo(30, within(EPS));
        });

        // 16 days of another agent's rows, one per hour of event time; the wall clock runs too (live)
        Instant end = T0.plus(Duration.ofDays(16));
        for (Instant t = T0.plus(HOUR.multipliedBy(3)); !t.isAfter(end); t = t.plus(HOUR)) {
            risk.send(reconciledRow().eventId("b" + t.toEpochMilli()).agent("agent-b").strategy("arb").regime("TREND")
                    .horizonHours(24).maturedAt(t).realizedBps(5).expectedBps(0).build());
            risk.driver.advanceWallClockTime(HOUR);
        }

        List<TestRecord<String, AgentStats>> aged = risk.stats.readRecordsToList().stream()
                .filter(r -> r.key().equals(silent)).toList();
        assertThat(aged).hasSizeGreaterThan(7 * 24 - 3); // the decay to the floor takes 7 days, published hourly
        for (int i = 1; i < aged.size(); i++) {
            TestRecord<String, AgentStats> before = aged.get(i - 1);
            TestRecord<String, AgentStats> now = aged.get(i);
            assertThat(now.timestamp() - before.timestamp()).as("at most one record per refresh").isGreaterThanOrEqualTo(HOUR.toMillis());
            assertThat(now.value().getConfidenceMultiplier()).isLessThanOrEqualTo(before.value().getConfidenceMultiplier());
        }
        assertThat(aged).allSatisfy(r -> {
            assertThat(r.timestamp() % HOUR.toMillis()).as("as of a refresh on the stream time").isZero();
            assertThat(r.timestamp()).as("never ahead of the stream while it flows").isLessThanOrEqualTo(end.toEpochMilli());
            assertThat(r.value().getN()).isEqualTo(3);
        });
        AgentStats last = aged.getLast().value();
        Instant lastRow = T0.plus(HOUR.multipliedBy(2));
        double days = Duration.between(lastRow, Instant.ofEpochMilli(aged.get(100).timestamp())).toMillis() / (double) DAY.toMillis();
        assertThat(aged.get(100).value().getConfidenceMultiplier()).isCloseTo(Math.pow(0.5, days / 7), within(EPS));
        assertThat(last.getConfidenceMultiplier()).isEqualTo(0.5);
        assertThat(last.getPnl7dBps()).isZero();
        assertThat(last.getPnl30dBps()).isCloseTo(30, within(EPS));
        assertThat(last.getLastMaturedAt()).isEqualTo(lastRow);
        assertThat(risk.<AgentStats>store(RiskTopology.AGENT_PUBLISHED_STORE).get(silent)).isEqualTo(last);
    }

    @Test
    void whenNoAgentOfATaskSpeaksItsEventTimeRunsOnWithTheWallClockAndNeverGoesBack() {
        risk = new RiskDriver(RiskSettings.defaults());
        String silent = threeHourlyRowsThenSilence();
        risk.stats.readRecordsToList();
        Instant streamTime = T0.plus(HOUR.multipliedBy(2));

        // nothing arrives for 15 days of wall-clock time
        for (int h = 0; h < 15 * 24; h++) {
            risk.driver.advanceWallClockTime(HOUR);
        }
        List<TestRecord<String, AgentStats>> aged = risk.stats.readRecordsToList();
        assertThat(aged).extracting(TestRecord::key).containsOnly(silent);
        assertThat(aged).hasSizeGreaterThan(7 * 24 - 3);
        assertThat(aged.getFirst().timestamp()).as("idle for one interval first")
                .isEqualTo(streamTime.plus(HOUR).toEpochMilli());
        AgentStats last = aged.getLast().value();
        assertThat(last.getConfidenceMultiplier()).isEqualTo(0.5);
        assertThat(last.getPnl7dBps()).isZero();
        long agedTo = aged.getLast().timestamp();
        assertThat(agedTo).isGreaterThanOrEqualTo(streamTime.plus(Duration.ofDays(7)).toEpochMilli());

        // an input with an older time (a backlog arriving) does not take the agent back in time
        risk.deadLetter(silent, streamTime.plus(HOUR), "schema_invalid", null);
        TestRecord<String, AgentStats> after = risk.stats.readRecord();
        assertThat(after.timestamp()).isGreaterThanOrEqualTo(agedTo);
        assertThat(after.value().getErrorRate()).isCloseTo(1.0 / 4, within(EPS));
        assertThat(after.value().getConfidenceMultiplier()).isEqualTo(0.5);
        assertThat(after.value().getPnl7dBps()).isZero();
    }

    @Test
    void anAgentWithoutRowsAtTheScoringHorizonHasEmptyFiguresButItsErrorRate() {
        risk = new RiskDriver(RiskSettings.defaults());
        risk.deadLetter("agent-x", T0, "schema_invalid", null);
        AgentStats s = risk.stats.readValue();
        assertThat(s.getN()).isZero();
        assertThat(s.getErrorRate()).isEqualTo(1.0);
        assertThat(s.getHitRate()).isNull();
        assertThat(s.getSharpe30d()).isNull();
        assertThat(s.getLastMaturedAt()).isNull();
        assertThat(s.getConfidenceMultiplier()).isEqualTo(1.0);
        assertThat(s.getStrategyClass()).isEqualTo("unknown");
        risk.deadLetter(null, T0, "schema_invalid", null); // no agent: nobody's error
        assertThat(risk.stats.isEmpty()).isTrue();
    }

    @Test
    void aDriftingAgentOpensEscalatesAndResolvesOneAlertAndASteadyOneRaisesNone() {
        risk = new RiskDriver(RiskSettings.defaults());
        Instant t = T0;
        int i = 0;
        double[][] phases = {{40, 10}, {80, 100}, {80, 150}, {160, 10}}; // rows, error size
        for (double[] phase : phases) {
            for (int k = 0; k < phase[0]; k++, i++) {
                double drift = phase[1] == 10 ? (i % 2 == 0 ? 10 : -10) : phase[1];
                risk.send(reconciledRow().eventId("d" + i).agent("agent-d").strategy("macro").regime("TREND")
                        .horizonHours(24).maturedAt(t).realizedBps(drift).expectedBps(0).build());
                risk.send(reconciledRow().eventId("q" + i).agent("agent-q").strategy("macro").regime("TREND")
                        .horizonHours(24).maturedAt(t).realizedBps(i % 2 == 0 ? 12 : -8).expectedBps(0).build());
                t = t.plus(HOUR);
            }
        }

        List<TestRecord<String, Alert>> out = risk.alerts.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsOnly("agent-d");
        assertThat(out).extracting(r -> r.value().getTransition())
                .containsExactly(AlertTransition.OPENED, AlertTransition.ESCALATED, AlertTransition.RESOLVED);
        assertThat(out).extracting(r -> r.value().getSeverity()).containsExactly(Severity.MEDIUM, Severity.HIGH, Severity.HIGH);
        Alert opened = out.get(0).value();
        assertThat(out).extracting(r -> r.value().getAlertId()).containsOnly("agent-d#1");
        assertThat(out).extracting(r -> r.value().getOpenedAt()).containsOnly(opened.getAt());
        assertThat(opened.getSubject()).isEqualTo("agent-d");
        assertThat(opened.getSubjectKind()).isEqualTo(AlertSubjectKind.AGENT);
        assertThat(opened.getKind()).isEqualTo("DIVERGENCE");
        assertThat(opened.getAction()).isEqualTo("REDUCE_ALLOC_AND_BLOCK_PROMOTION");
        assertThat(opened.getTriggers()).anySatisfy(tr -> {
            assertThat(tr.getName()).isEqualTo("mean_error");
            assertThat(tr.getFiring()).isTrue();
            assertThat(tr.getValue()).isGreaterThanOrEqualTo(tr.getThreshold());
            assertThat(tr.getThreshold()).isEqualTo(40.0);
        });
        assertThat(opened.getMetrics()).containsKeys("rows", "mean_abs_error_bps", "mean_error_bps", "rmse_bps");
        assertThat(opened.getMessage()).contains("agent-d", "agent-d#1", "MEDIUM", "mean_error", "REDUCE_ALLOC_AND_BLOCK_PROMOTION");
        Alert escalated = out.get(1).value();
        assertThat(escalated.getMetrics().get("mean_abs_error_bps")).isGreaterThanOrEqualTo(1.3 * 90);
        assertThat(escalated.getMessage()).contains("escalated", "HIGH");
        Alert resolved = out.get(2).value();
        assertThat(resolved.getTriggers()).allSatisfy(tr -> assertThat(tr.getValue()).isLessThan(0.8 * tr.getThreshold()));
        assertThat(resolved.getMessage()).contains("resolved");
        assertThat(resolved.getAt()).isAfter(escalated.getAt());
        assertThat(escalated.getAt()).isAfter(opened.getAt());
    }

    @Test
    void aRowTheDomainCannotTakeGoesToTheDeadLetterTopicAndTheRestCarriesOn() {
        risk = new RiskDriver(RiskSettings.defaults());
        risk.send(reconciledRow().eventId("nan").agent("agent-a").strategy("arb").regime("TREND")
                .horizonHours(24).maturedAt(T0).realizedBps(Double.NaN).expectedBps(0).build());
        risk.send(reconciledRow().eventId("ok").agent("agent-a").strategy("arb").regime("TREND")
                .horizonHours(24).maturedAt(T0.plus(HOUR)).realizedBps(5).expectedBps(0).build());
        var dlq = risk.topology.deadLetters(Topics.ALPHA_RECONCILED);
        TestRecord<String, ReconciledAlpha> dead = dlq.readRecord();
        assertThat(dead.value().getEventId()).isEqualTo("nan");
        assertThat(new String(dead.headers().lastHeader("error.reason").value())).isEqualTo(Rows.INVALID);
        assertThat(new String(dead.headers().lastHeader(DeadLetter.STAGE).value())).isEqualTo(DeadLetter.STAGE_VALIDATE);
        assertThat(new String(dead.headers().lastHeader(DeadLetter.DETAIL).value())).contains("realizedPnlBps");
        assertThat(risk.cvar.readValuesToList()).extracting(StrategyRegimeRisk::getN).containsExactly(1L);
        assertThat(risk.stats.readValuesToList()).extracting(AgentStats::getN).containsExactly(1L);
    }

    @Test
    void badRowsLeaveThroughANamedStepOfTheTopologyNotAGlobalHandler() {
        StreamsBuilder builder = new StreamsBuilder();
        RiskTopology.build(builder, TopologyDriver.SERDES, RiskSettings.defaults(), Clock.systemUTC(), DeadLetterMetrics.standalone());
        List<TopologyDescription.Node> nodes = builder.build().describe().subtopologies().stream()
                .flatMap(sub -> sub.nodes().stream()).toList();

        // the dead-letter sink of alpha.reconciled is fed, node by node, by the validation step right after the source
        TopologyDescription.Node node = nodes.stream().filter(n -> n instanceof TopologyDescription.Sink sink
                && Topics.ALPHA_RECONCILED.deadLetterTopic().equals(sink.topic())).findFirst().orElseThrow();
        List<String> path = new ArrayList<>();
        while (!node.predecessors().isEmpty()) {
            node = node.predecessors().iterator().next();
            path.add(node.name());
        }
        assertThat(path).contains("validate-alpha-reconciled").last().isEqualTo("alpha-reconciled");
        assertThat(node).isInstanceOfSatisfying(TopologyDescription.Source.class,
                source -> assertThat(source.topicSet()).containsExactly(Topics.ALPHA_RECONCILED.name()));
    }

    /** Rows at T0, T0 + 1 h, T0 + 2 h of an agent that then falls silent (+10 bps each, no model); its name. */
    private String threeHourlyRowsThenSilence() {
        String silent = "agent-s";
        for (int h = 0; h < 3; h++) {
            risk.send(reconciledRow().eventId("s" + h).agent(silent).strategy("arb").regime("TREND")
                    .horizonHours(24).maturedAt(T0.plus(HOUR.multipliedBy(h))).realizedBps(10).expectedBps(0).build());
        }
        return silent;
    }

    static Double sharpe(double[] daily) {
        double mean = 0;
        for (double x : daily) {
            mean += x / daily.length;
        }
        double sq = 0;
        for (double x : daily) {
            sq += (x - mean) * (x - mean);
        }
        double std = Math.sqrt(sq / (daily.length - 1));
        return std == 0 ? null : mean / std * Math.sqrt(365);
    }
}
