package com.metasupervisor.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.avro.AgentAllocation;
import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.AllocationBound;
import com.metasupervisor.avro.AllocationChange;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.PolicyLedger;
import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.avro.StrategyRegimeRisk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * The disk a fleet of 1 000 agents at one call a minute needs (issue 15, the README's figure), from the real record
 * sizes: representative records serialized with the catalog's Avro classes, plus the Confluent frame (5 bytes), the
 * key, 70 bytes of batch and record headers per record (at these rates a producer's batch holds about one record per
 * partition) and, on topics written by the services' exactly-once transactions, one commit marker (~70 bytes) per
 * partition per commit (every 100 ms: about one per record at these rates). No compression (the producers' default).
 * Delete-policy topics hold their retention plus up to a segment (7 days, or 1 GiB per partition if that fills
 * first); compacted topics their current keys plus their lag plus 2 days (the active segment, 1 day, and one rolled
 * segment waiting for the cleaner). Run: {@code ./ms mvn -o -pl schemas test -Dtest=DiskEstimateTest} (prints the table).
 */
class DiskEstimateTest {

    static final int AGENTS = 1_000;
    static final long CALLS_PER_DAY = AGENTS * 1_440L;
    static final int HORIZONS = 3;
    static final int DAYS = 30;
    /** Assumed price feed: 1 000 symbols at one tick a minute (the reconciler README's sizing). */
    static final long TICKS_PER_DAY = 1_000 * 1_440L;
    /** Assumed allocator cadence: at most one published allocation per evaluation interval (5 min), all agents changed. */
    static final long ALLOCATIONS_PER_DAY = 288;
    static final int POLICIES = 3;
    static final int STRATEGY_KEYS = 6 * 3 * HORIZONS; // classes x regimes x horizons
    static final double BAD_INPUT_SHARE = 0.01;
    static final int FRAME = 5;
    static final int RECORD_OVERHEAD = 70;
    static final int COMMIT_MARKER = 70;
    static final long COMMITS_PER_DAY = 864_000; // commit.interval.ms 100 under exactly-once
    static final long GIB = 1L << 30;
    static final double GB = 1e9;

    /** One row of the table: a topic (or a state estimate), its bytes after 30 days and in the steady state. */
    record Line(String what, long recordsPerDay, long bytesPerRecord, String kept, double bytes30Days, double bytesSteady) {
    }

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    static List<Line> table() {
        List<Line> lines = new ArrayList<>();
        AlphaEvent event = alphaEvent();
        ReconciledAlpha row = reconciled();
        lines.add(deleteTopic(Topics.ALPHA_EVENTS, CALLS_PER_DAY, record(event, "agent-0421"), false));
        lines.add(deleteTopic(Topics.ALPHA_RECONCILED, CALLS_PER_DAY * HORIZONS, record(row, "agent-0421"), true));
        lines.add(deleteTopic(Topics.MARKET_PRICES, TICKS_PER_DAY, record(tick(), "BTCUSDT"), false));
        lines.add(compactedTopic(Topics.RISK_AGENT_STATS, CALLS_PER_DAY, AGENTS, record(agentStats(), "agent-0421"), true));
        lines.add(compactedTopic(Topics.RISK_STRATEGY_CVAR, CALLS_PER_DAY * HORIZONS, STRATEGY_KEYS,
                record(strategyRisk(), "momentum|TREND|24"), true));
        lines.add(compactedTopic(Topics.ALLOCATIONS, ALLOCATIONS_PER_DAY, 1, record(snapshot(), "fleet"), true));
        lines.add(compactedTopic(Topics.ALLOCATIONS_BY_AGENT, ALLOCATIONS_PER_DAY * AGENTS, AGENTS,
                record(allocation(0), "agent-0421"), true));
        lines.add(compactedTopic(Topics.ALLOCATIONS_SHADOW, ALLOCATIONS_PER_DAY * POLICIES, POLICIES,
                record(ledger(), "proportional"), true));
        lines.add(deleteTopic("alpha.events.dlq (1 % bad input)", Topic.DEAD_LETTER_RETENTION, Topics.ALPHA_EVENTS.partitions(),
                (long) (CALLS_PER_DAY * BAD_INPUT_SHARE), record(event, "agent-0421") + 120, true));
        // small topics: alerts, decisions, statuses, proposals, patches, ops, models, regime, guardian, registry, ledger
        lines.add(new Line("the other catalog topics (small, estimate)", 20_000, 400, "their retention", 20_000 * 400.0 * 30,
                20_000 * 400.0 * 90));
        // Streams state: reconciler price history 7-10.5 d of ticks on disk (28.5 B each, its README) and its changelog
        // (8 d, compact+delete); dedup window 2 d of (agent, event id); pending pairs ~1.2 x calls a day in flight
        long changelogRecord = 40 + RECORD_OVERHEAD + COMMIT_MARKER;
        double reconcilerState = TICKS_PER_DAY * 10.5 * 28.5 + TICKS_PER_DAY * 8 * changelogRecord
                + CALLS_PER_DAY * 2 * (60 + RECORD_OVERHEAD + COMMIT_MARKER) * 2.0
                + 1.2 * CALLS_PER_DAY * 2 * (300 + RECORD_OVERHEAD + COMMIT_MARKER);
        lines.add(new Line("reconciler state + changelogs (estimate)", 0, 0, "price-history 8 d, dedup 2 d", reconcilerState,
                reconcilerState));
        // risk: CVaR windows (<= 2 000 rows per key) and agent windows (30 d of daily figures), allocator and governance
        // stores (a record per agent/class), changelogs compacted: current entries + up to 2 days of writes coalesced
        // by the cache to one per key per commit
        double otherState = STRATEGY_KEYS * 2_000 * 200.0 * 2 + AGENTS * 30 * 200.0 * 2
                + 2 * Math.min(COMMITS_PER_DAY, CALLS_PER_DAY * HORIZONS) * 3 * (200 + RECORD_OVERHEAD + COMMIT_MARKER);
        lines.add(new Line("risk, allocator, governance, reporting state + changelogs (estimate)", 0, 0,
                "current + 2 d of changes", otherState, otherState));
        lines.add(new Line("registry journal (kafkasql-journal, ~25 subjects)", 0, 0, "for ever", 1e6, 1e6));
        return lines;
    }

    @Test
    void printsTheDiskTableAndItsTotalsStayWithinWhatTheReadmeStates() {
        List<Line> lines = table();
        System.out.println(render(lines));
        double total30 = lines.stream().mapToDouble(Line::bytes30Days).sum();
        double steady = lines.stream().mapToDouble(Line::bytesSteady).sum();
        Line reconciledLine = lines.get(1);
        // the README states ~65 GB after 30 days and ~160 GB in the steady state (90 d of reconciled rows)
        assertThat(total30 / GB).as("GB after 30 days").isBetween(55.0, 75.0);
        assertThat(steady / GB).as("GB in the steady state").isBetween(140.0, 180.0);
        assertThat(reconciledLine.bytes30Days() / total30).as("alpha.reconciled's share").isGreaterThan(0.6);
    }

    @Test
    void representativeRecordsHaveTheSizesTheTableUses() {
        // a call and a reconciled row: their Avro binary, as serialized by the catalog's classes (checked so a schema
        // change that grows them shows up here)
        assertThat(avroBytes(alphaEvent())).isBetween(70, 110);
        assertThat(avroBytes(reconciled())).isBetween(130, 190);
        assertThat(avroBytes(snapshot())).as("an allocation of 1 000 agents").isBetween(50_000, 250_000)
                .isLessThan(1_000_000); // under message.max.bytes
    }

    public static void main(String[] args) {
        System.out.println(render(table()));
    }

    static String render(List<Line> lines) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Disk for %,d agents x 1 call/min (%,d calls/day), %d horizons, uncompressed%n", AGENTS, CALLS_PER_DAY, HORIZONS));
        out.append(String.format(Locale.ROOT, "| %-62s | %12s | %8s | %-32s | %9s | %9s |%n", "topic / state", "records/day",
                "B/record", "kept", "30 days", "steady"));
        for (Line l : lines) {
            out.append(String.format(Locale.ROOT, "| %-62s | %,12d | %,8d | %-32s | %6.2f GB | %6.2f GB |%n", l.what(),
                    l.recordsPerDay(), l.bytesPerRecord(), l.kept(), l.bytes30Days() / GB, l.bytesSteady() / GB));
        }
        out.append(String.format(Locale.ROOT, "| %-62s | %12s | %8s | %-32s | %6.1f GB | %6.1f GB |%n", "total", "", "", "",
                lines.stream().mapToDouble(Line::bytes30Days).sum() / GB, lines.stream().mapToDouble(Line::bytesSteady).sum() / GB));
        // today's allocator publishes every changed ledger on every evaluation, and evaluates on every risk input
        double shadowFlood = (double) (CALLS_PER_DAY + CALLS_PER_DAY * HORIZONS) * POLICIES * record(ledger(), "proportional");
        out.append(String.format(Locale.ROOT, "Not in the total: allocations.shadow written on every risk input (%,d a day x %d "
                + "policies x a %,d-byte ledger) would be %.0f GB a day, compacted to 2 days of it.%n",
                CALLS_PER_DAY + CALLS_PER_DAY * HORIZONS, POLICIES, record(ledger(), "proportional"), shadowFlood / GB));
        return out.toString();
    }

    private static Line deleteTopic(Topic<?> topic, long perDay, long bytes, boolean transactional) {
        return deleteTopic(topic.name(), topic.retention(), topic.partitions(), perDay, bytes, transactional);
    }

    private static Line deleteTopic(String name, TopicRetention retention, int partitions, long perDay, long bytes,
            boolean transactional) {
        long perRecord = bytes + (transactional ? markerPerRecord(partitions, perDay) : 0);
        double perDayBytes = (double) perDay * perRecord;
        double retentionDays = retention.retention().orElseThrow().toMillis() / 86_400_000.0;
        // deletion takes whole segments: up to 7 days, or the time a partition takes to fill 1 GiB
        double segmentDays = Math.min(7, GIB / (perDayBytes / partitions));
        double kept = retentionDays + segmentDays;
        return new Line(name, perDay, perRecord, String.format(Locale.ROOT, "%.0f d + segment %.1f d", retentionDays, segmentDays),
                perDayBytes * Math.min(DAYS, kept), perDayBytes * kept);
    }

    private static Line compactedTopic(Topic<?> topic, long perDay, long keys, long bytes, boolean transactional) {
        long perRecord = bytes + (transactional ? markerPerRecord(topic.partitions(), perDay) : 0);
        double lagDays = topic.retention().minCompactionLag().toMillis() / 86_400_000.0;
        double kept = lagDays + 2;
        double perDayBytes = (double) perDay * perRecord;
        return new Line(topic.name(), perDay, perRecord, String.format(Locale.ROOT, "%d keys + lag %.0f d + 2 d", keys, lagDays),
                keys * perRecord + perDayBytes * Math.min(DAYS, kept), keys * perRecord + perDayBytes * kept);
    }

    /** One marker per partition written per commit: at most one per record. */
    private static long markerPerRecord(int partitions, long perDay) {
        return Math.round(COMMIT_MARKER * Math.min(1.0, (double) partitions * COMMITS_PER_DAY / perDay));
    }

    /** On-disk bytes of one record: Confluent frame + Avro binary + key + batch/record headers. */
    static long record(SpecificRecord value, String key) {
        return FRAME + avroBytes(value) + key.getBytes(StandardCharsets.UTF_8).length + RECORD_OVERHEAD;
    }

    static int avroBytes(SpecificRecord value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new SpecificDatumWriter<SpecificRecord>(value.getSchema()).write(value, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size();
    }

    static AlphaEvent alphaEvent() {
        return AlphaEvent.newBuilder().setEventId(UUID.nameUUIDFromBytes(new byte[] {1}).toString()).setAgent("agent-0421")
                .setSymbol("BTCUSDT").setDirection(1).setScoreFinal(0.734).setConfidence(0.81).setRegime("TREND")
                .setEmittedAt(NOW).setEntryPrice(null).setHorizonsHours(List.of(1, 4, 24)).setStrategyClass(null).build();
    }

    static ReconciledAlpha reconciled() {
        return ReconciledAlpha.newBuilder().setEventId(UUID.nameUUIDFromBytes(new byte[] {1}).toString()).setAgent("agent-0421")
                .setStrategyClass("momentum").setSymbol("BTCUSDT").setRegime("TREND").setHorizonHours(24).setEmittedAt(NOW)
                .setMaturedAt(NOW.plus(Duration.ofHours(24))).setDirection(1).setScoreFinal(0.734).setConfidence(0.81)
                .setEntryPrice(91_234.5).setExitPrice(91_870.25).setRealizedPnlBps(69.7).setExpectedPnlBps(41.2)
                .setExpectedSigmaBps(88.1).setPnlErrorBps(28.5).setAbsErrorBps(28.5).setSimVersion("ridge_h24_v7").setHit(true)
                .build();
    }

    static PriceTick tick() {
        return PriceTick.newBuilder().setSymbol("BTCUSDT").setTs(NOW).setPrice(91_234.5).build();
    }

    static AgentStats agentStats() {
        return AgentStats.newBuilder().setAgent("agent-0421").setStrategyClass("momentum").setHorizonHours(24).setN(12_345)
                .setPnl7dBps(120.5).setPnl30dBps(410.25).setPnlSumBps(2_210.5).setSharpe30d(1.4).setWinrate30d(0.55)
                .setHitRate(0.54).setMaxDrawdown30dBps(-310.5).setErrorRate(0.002).setUnpricedRate(0.0)
                .setAvgAbsErrorBps(61.2).setRmseBps(80.4).setConfidenceMultiplier(0.93).setLastMaturedAt(NOW).setUpdatedAt(NOW)
                .build();
    }

    static StrategyRegimeRisk strategyRisk() {
        return StrategyRegimeRisk.newBuilder().setStrategyClass("momentum").setRegime("TREND").setHorizonHours(24).setN(2_000)
                .setCvar95ShortfallBps(140.2).setVar95Bps(95.1).setMeanErrorBps(-3.2).setHitRate(0.53).setPnlSumBps(8_100.5)
                .setWindowStart(NOW.minus(Duration.ofDays(12))).setWindowEnd(NOW).setUpdatedAt(NOW).build();
    }

    static AgentAllocation allocation(int agent) {
        Map<String, Double> multipliers = new LinkedHashMap<>();
        multipliers.put("confidence", 0.93);
        multipliers.put("regime", 1.0);
        multipliers.put("alert", 1.0);
        return AgentAllocation.newBuilder().setAgent(String.format(Locale.ROOT, "agent-%04d", agent)).setWeight(0.00095)
                .setRawScore(0.41).setMultipliers(multipliers).setExcludedReason(null).setPolicy("proportional").setAsOf(NOW)
                .setSnapshotId("alloc-1796040000000-1234").setStrategyClass("momentum").setStatus("LIVE")
                .setBound(AllocationBound.NONE).setTargetWeight(0.00097).setPreviousWeight(0.00093).setHysteresisHeld(false)
                .setExplanation("score 0.41 x confidence 0.93 x regime 1.00, projected").build();
    }

    static AllocationSnapshot snapshot() {
        List<AgentAllocation> allocations = new ArrayList<>();
        List<AllocationChange> changes = new ArrayList<>();
        for (int a = 0; a < AGENTS; a++) {
            allocations.add(allocation(a));
            if (a % 10 == 0) {
                changes.add(AllocationChange.newBuilder().setAgent(String.format(Locale.ROOT, "agent-%04d", a))
                        .setFromWeight(0.00093).setToWeight(0.00095).setReason("score").build());
            }
        }
        return AllocationSnapshot.newBuilder().setSnapshotId("alloc-1796040000000-1234").setPolicy("proportional")
                .setAllocations(allocations).setCash(0.05).setMinAllocation(0.0).setMaxAllocation(0.05).setRegime("TREND")
                .setRegimeMultiplier(1.0).setGuardianPaused(false).setSource("allocator-service").setReasonForPublish("threshold")
                .setWarnings(List.of()).setAsOf(NOW).setTurnover(0.02).setChanges(changes)
                .setPreviousSnapshotId("alloc-1796039700000-1233").setHorizonHours(24).build();
    }

    static PolicyLedger ledger() {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int a = 0; a < AGENTS; a++) {
            weights.put(String.format(Locale.ROOT, "agent-%04d", a), 0.00095);
        }
        return PolicyLedger.newBuilder().setPolicy("proportional").setActive(true).setCumulativePnlBps(1_234.5).setSharpe(1.2)
                .setMaxDrawdownBps(-210.0).setTurnover(3.4).setWeightChanges(1_234).setRows(4_000_000).setDays(30)
                .setWeights(weights).setCash(0.05).setFirstRowAt(NOW.minus(Duration.ofDays(30))).setLastRowAt(NOW).setUpdatedAt(NOW)
                .build();
    }
}
