package com.metasupervisor.risk.topology;

import static com.metasupervisor.testkit.ReconciledRowBuilder.reconciledRow;
import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.risk.config.AgentStatsSettings;
import com.metasupervisor.risk.config.CvarSettings;
import com.metasupervisor.risk.config.DivergenceSettings;
import com.metasupervisor.risk.config.MultiplierSettings;
import com.metasupervisor.risk.config.RiskSettings;
import com.metasupervisor.risk.domain.AgentWindow;
import com.metasupervisor.risk.domain.CvarWindow;
import com.metasupervisor.risk.domain.DivergenceMonitor;
import com.metasupervisor.risk.domain.WindowSizes;
import com.metasupervisor.schemas.UnreconcilableHeaders;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every figure the topology publishes agrees with a brute-force recomputation from the raw rows, on a
 * seeded random stream with late rows, ties, evictions and dead letters; and state stays within the
 * windows however long the stream.
 */
class RiskTopologyPropertyTest {

    private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");
    private static final long DAY = 86_400_000L;
    private static final String[] STRATEGIES = {"arb", "funding", "macro"};
    private static final String[] REGIMES = {"TREND", "RANGE", "CRISIS"};
    private static final int[] HORIZONS = {1, 4, 24};
    private static final int AGENTS = 8;
    private static final double MODEL_RMSE = 40.0;

    /** Small windows so that count and age evictions happen all the time. */
    private static final RiskSettings SETTINGS = new RiskSettings(24, Duration.ofHours(1),
            new CvarSettings(25, Duration.ofDays(3), 0.05),
            new AgentStatsSettings(Duration.ofDays(2), Duration.ofDays(5), 16),
            MultiplierSettings.defaults(),
            new DivergenceSettings(10, 90, 40, 2, 0.15, 1.3, 0.8));

    private RiskDriver risk;

    @AfterEach
    void close() {
        if (risk != null) {
            risk.close();
        }
    }

    /** One raw input: a reconciled row or a dead letter, in arrival order. */
    private record Input(int seq, String agent, ReconciledAlpha row, long deadAt, Integer deadHorizon, String deadReason) {
    }

    /** Dead-letter reasons: the agent's own errors (a rejection, a symbol never priced) and feed gaps (unpriced). */
    private static final String[] REASONS = {"schema_invalid", UnreconcilableHeaders.UNKNOWN_SYMBOL,
            UnreconcilableHeaders.UNPRICED, UnreconcilableHeaders.REASON};

    @Test
    void everyPublishedFigureAgreesWithABruteForceRecomputation() {
        risk = new RiskDriver(SETTINGS);
        risk.model(24, MODEL_RMSE);
        Random random = new Random(20_260_305L);
        Map<String, List<Input>> byCvarKey = new HashMap<>();
        Map<String, List<Input>> byAgent = new HashMap<>();
        Map<String, StrategyRegimeRisk> cvarPublished = new HashMap<>();
        Map<String, AgentStats> statsPublished = new HashMap<>();
        int rows = 0;
        int cvarChecked = 0;
        int statsChecked = 0;
        long clock = T0.toEpochMilli();
        long streamTime = Long.MIN_VALUE;
        long refreshInterval = SETTINGS.refreshInterval().toMillis();
        int refreshes = 0;
        for (int seq = 0; rows < 20_000; seq++) {
            clock += random.nextInt(4 * 60_000);
            String agent = "agent-" + random.nextInt(AGENTS);
            Input input;
            if (random.nextInt(10) == 0) {
                String reason = REASONS[random.nextInt(REASONS.length)];
                // a rejection comes before reconciliation (no horizon); a pair that was not priced names its horizon
                Integer horizon = reason.equals(REASONS[0]) ? null : HORIZONS[random.nextInt(3)];
                long at = clock - random.nextInt(3_600_000);
                input = new Input(seq, agent, null, at, horizon, reason);
                risk.deadLetter(agent, Instant.ofEpochMilli(at), reason, horizon);
            } else {
                input = new Input(seq, agent, randomRow(random, seq, agent, clock), 0, null, null);
                risk.send(input.row());
                rows++;
                String key = Rows.cvarKey(input.row());
                byCvarKey.computeIfAbsent(key, k -> new ArrayList<>()).add(input);
            }
            boolean agentInput = input.row() == null ? countsAtScoringHorizon(input) : input.row().getHorizonHours() == 24;
            if (agentInput) {
                byAgent.computeIfAbsent(agent, k -> new ArrayList<>()).add(input);
            }
            // the task's event time: the newest time of any input; every agent and CVaR key is refreshed when it
            // passes a refresh-interval boundary (aligned to the epoch; the first input refreshes too)
            long previous = streamTime;
            streamTime = Math.max(streamTime, input.row() == null ? input.deadAt() : maturedAt(input));
            boolean refreshed = previous == Long.MIN_VALUE
                    || Math.floorDiv(streamTime, refreshInterval) > Math.floorDiv(previous, refreshInterval);
            refreshes += refreshed ? 1 : 0;
            // CVaR: the input's key, and after a refresh every key, published as of the stream time
            String cvarKey = input.row() == null ? null : Rows.cvarKey(input.row());
            Map<String, Integer> cvarRecords = new HashMap<>();
            for (TestRecord<String, StrategyRegimeRisk> r : risk.cvar.readRecordsToList()) {
                int count = cvarRecords.merge(r.key(), 1, Integer::sum);
                // the input's key twice at most: a refresh may move it on just before its row reaches the window
                assertThat(count).as("CVaR records of %s, input %d", r.key(), seq).isLessThanOrEqualTo(r.key().equals(cvarKey) ? 2 : 1);
                assertThat(r.key().equals(cvarKey) || refreshed).as("only a refresh publishes another key, input %d", seq).isTrue();
                assertThat(r.timestamp()).as("CVaR as of the stream time, input %d", seq).isEqualTo(streamTime);
                if (r.value() == null) {
                    cvarPublished.remove(r.key());
                } else {
                    cvarPublished.put(r.key(), r.value());
                }
            }
            // published or not, the newest published figures are the brute-force ones
            for (String key : refreshed ? byCvarKey.keySet() : cvarKey == null ? Set.<String>of() : Set.of(cvarKey)) {
                StrategyRegimeRisk expected = bruteForceCvar(byCvarKey.get(key), streamTime);
                if (expected == null) {
                    assertThat(cvarPublished).as("input %d", seq).doesNotContainKey(key);
                } else {
                    assertCvar(cvarPublished.get(key), expected, seq);
                }
                cvarChecked++;
            }
            Set<String> publishedNow = new HashSet<>();
            for (TestRecord<String, AgentStats> r : risk.stats.readRecordsToList()) {
                assertThat(publishedNow.add(r.key())).as("one record per agent and input, input %d", seq).isTrue();
                assertThat(r.key().equals(agent) && agentInput || refreshed).as("only a refresh publishes another agent, input %d", seq).isTrue();
                assertThat(r.timestamp()).as("as of the stream time, input %d", seq).isEqualTo(streamTime);
                assertStats(r.value(), bruteForceStats(r.key(), byAgent.get(r.key()), streamTime), seq);
                statsPublished.put(r.key(), r.value());
            }
            // published or not, the newest figures of the agent the input went to (after a refresh: of every
            // agent) are the brute-force ones as of now
            for (String a : refreshed ? byAgent.keySet() : agentInput ? Set.of(agent) : Set.<String>of()) {
                if (byAgent.containsKey(a)) {
                    assertStats(statsPublished.get(a), bruteForceStats(a, byAgent.get(a), streamTime), seq);
                    statsChecked++;
                }
            }
            risk.alerts.readRecordsToList(); // judged by the scenario tests
        }
        assertThat(refreshes).as("the stream spans many refresh intervals").isGreaterThan(500);
        // the processors keep their windows decoded: the bytes in the stores (what the changelog restores) are the same windows
        for (KeyValue<String, CvarWindow> kv : storedCvarWindows(risk)) {
            var f = kv.value.figures().orElseThrow();
            assertThat(f.n()).isEqualTo(cvarPublished.get(kv.key).getN());
            close(f.cvar95ShortfallBps(), cvarPublished.get(kv.key).getCvar95ShortfallBps(), kv.key + " stored cvar");
        }
        for (KeyValue<String, byte[]> kv : all(risk.bytesStore(RiskTopology.AGENT_WINDOWS_STORE))) {
            var f = AgentWindow.fromBytes(kv.value, SETTINGS).figures(Instant.ofEpochMilli(streamTime));
            AgentStats expected = bruteForceStats(kv.key, byAgent.get(kv.key), streamTime);
            assertThat(f.n()).isEqualTo(expected.getN());
            close(f.pnl30dBps(), expected.getPnl30dBps(), kv.key + " stored pnl 30d");
            close(f.errorRate(), expected.getErrorRate(), kv.key + " stored error rate");
            close(f.unpricedRate(), expected.getUnpricedRate(), kv.key + " stored unpriced rate");
        }
        assertThat(statsPublished.values()).as("both kinds of dead letter were counted somewhere")
                .anySatisfy(st -> assertThat(st.getErrorRate()).isPositive())
                .anySatisfy(st -> assertThat(st.getUnpricedRate()).isPositive());
        assertThat(cvarChecked).isGreaterThan(20_000);
        assertThat(statsChecked).isGreaterThan(6_000);
        assertThat(cvarPublished).hasSize(STRATEGIES.length * REGIMES.length * HORIZONS.length);
    }

    @Test
    void after200000RowsTheStoresHoldNoMoreThanTheWindowsAllow() {
        risk = new RiskDriver(SETTINGS);
        risk.model(24, MODEL_RMSE);
        Random random = new Random(7L);
        long clock = T0.toEpochMilli();
        Map<String, Long> newestScored = new HashMap<>();
        Map<String, List<Long>> scoredTimes = new HashMap<>();
        Set<String> cvarKeys = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            clock += random.nextInt(4 * 60_000);
            String agent = "agent-" + random.nextInt(AGENTS);
            ReconciledAlpha r = randomRow(random, i, agent, clock);
            risk.send(r);
            cvarKeys.add(Rows.cvarKey(r));
            if (r.getHorizonHours() == 24) {
                newestScored.merge(agent, r.getMaturedAt().toEpochMilli(), Math::max);
                scoredTimes.computeIfAbsent(agent, a -> new ArrayList<>()).add(r.getMaturedAt().toEpochMilli());
            }
            if (i % 50 == 0) {
                risk.deadLetter(agent, Instant.ofEpochMilli(clock), "schema_invalid", null);
            }
            if (i % 10_000 == 0) { // output topics are not state: drain them
                risk.cvar.readRecordsToList();
                risk.stats.readRecordsToList();
                risk.alerts.readRecordsToList();
            }
        }
        assertThat(clock - T0.toEpochMilli()).as("the stream spans many windows").isGreaterThan(200 * DAY);

        List<KeyValue<String, CvarWindow>> cvar = storedCvarWindows(risk);
        assertThat(cvar).hasSize(cvarKeys.size());
        assertThat(all(risk.bytesStore(RiskTopology.CVAR_ROWS_STORE))).as("one row entry per row of a window")
                .hasSize(cvar.stream().mapToInt(kv -> kv.value.size()).sum());
        for (KeyValue<String, CvarWindow> kv : cvar) {
            CvarWindow w = kv.value;
            assertThat(w.size()).isBetween(1, SETTINGS.cvar().maxRows());
            assertThat(kv.value.summaryBytes().length).as("summary bytes of %s", kv.key).isLessThan(64);
            var f = w.figures().orElseThrow();
            assertThat(f.windowEnd().toEpochMilli() - f.windowStart().toEpochMilli()).isLessThan(SETTINGS.cvar().maxAge().toMillis());
        }
        assertThat(all(risk.bytesStore(RiskTopology.CVAR_PUBLISHED_STORE))).hasSize(cvarKeys.size());

        List<KeyValue<String, byte[]>> agents = all(risk.bytesStore(RiskTopology.AGENT_WINDOWS_STORE));
        assertThat(agents).hasSize(AGENTS);
        long longWindow = SETTINGS.stats().longWindow().toMillis();
        for (KeyValue<String, byte[]> kv : agents) {
            AgentWindow w = AgentWindow.fromBytes(kv.value, SETTINGS);
            long newest = newestScored.get(kv.key);
            long inWindow = scoredTimes.get(kv.key).stream().filter(t -> t > newest - longWindow).count();
            assertThat((long) WindowSizes.longWindowRows(w)).isLessThanOrEqualTo(inWindow);
            assertThat(WindowSizes.eventDays(w)).isLessThanOrEqualTo(SETTINGS.stats().longWindowDays());
            assertThat(w.recentRows()).hasSizeLessThanOrEqualTo(SETTINGS.stats().windowRows());
            assertThat(kv.value.length).as("bytes of %s", kv.key).isLessThan(64 * 1024);
        }
        assertThat(all(risk.bytesStore(RiskTopology.AGENT_PUBLISHED_STORE))).hasSize(AGENTS);
        List<KeyValue<String, byte[]>> monitors = all(risk.bytesStore(RiskTopology.AGENT_ALERTS_STORE));
        assertThat(monitors).hasSizeLessThanOrEqualTo(AGENTS);
        monitors.forEach(kv -> DivergenceMonitor.fromBytes(kv.value, SETTINGS.divergence()));
    }

    // ---- the stream

    /** Mostly in order, one row in 20 up to 2 days late, ties on the minute, a model price on most rows. */
    private static ReconciledAlpha randomRow(Random random, int seq, String agent, long clock) {
        long maturedAt = clock;
        if (random.nextInt(20) == 0) {
            maturedAt -= random.nextInt(2 * (int) DAY);
        }
        maturedAt -= maturedAt % 60_000;
        int agentNo = agent.charAt(agent.length() - 1) - '0';
        String strategy = STRATEGIES[agentNo % STRATEGIES.length];
        String regime = REGIMES[random.nextInt(REGIMES.length)];
        int horizon = HORIZONS[random.nextInt(HORIZONS.length)];
        // agents 0 and 1 drift in and out of large errors so the divergence state changes too
        double scale = agentNo <= 1 && (maturedAt / (3 * DAY)) % 2 == 1 ? 200 : 40;
        double realized = Math.round(random.nextGaussian() * scale * 100) / 100.0;
        boolean priced = random.nextInt(4) != 0;
        double expected = priced ? Math.round(random.nextGaussian() * 10 * 100) / 100.0 : 0;
        return reconciledRow().eventId("e" + seq).agent(agent).strategy(strategy).regime(regime)
                .horizonHours(horizon).maturedAt(Instant.ofEpochMilli(maturedAt)).realizedBps(realized).expectedBps(expected)
                .sigmaBps(priced ? MODEL_RMSE : null).build();
    }

    private static boolean countsAtScoringHorizon(Input dead) {
        return dead.deadHorizon() == null || dead.deadHorizon() == 24;
    }

    // ---- brute force, from the raw inputs only

    private static long maturedAt(Input in) {
        return in.row().getMaturedAt().toEpochMilli();
    }

    /** Rows by matured_at, ties by arrival. */
    private static List<Input> byTime(List<Input> inputs) {
        return inputs.stream().filter(in -> in.row() != null)
                .sorted(Comparator.comparingLong(RiskTopologyPropertyTest::maturedAt).thenComparingInt(Input::seq)).toList();
    }

    /** The key's figures as of {@code asOf} (the stream time); null when no row is young enough. */
    private static StrategyRegimeRisk bruteForceCvar(List<Input> inputs, long asOf) {
        List<Input> young = byTime(inputs).stream()
                .filter(in -> maturedAt(in) > asOf - SETTINGS.cvar().maxAge().toMillis()).toList();
        if (young.isEmpty()) {
            return null;
        }
        List<Input> window = young.subList(Math.max(0, young.size() - SETTINGS.cvar().maxRows()), young.size());
        int n = window.size();
        double[] errors = window.stream().mapToDouble(in -> in.row().getRealizedPnlBps() - in.row().getExpectedPnlBps())
                .sorted().toArray();
        int k = Math.max(1, BigDecimal.valueOf(SETTINGS.cvar().tail()).multiply(BigDecimal.valueOf(n))
                .setScale(0, RoundingMode.CEILING).intValueExact());
        double tail = 0;
        for (int i = 0; i < k; i++) {
            tail += errors[i];
        }
        double mean = 0;
        double pnl = 0;
        int hits = 0;
        for (Input in : window) {
            mean += in.row().getRealizedPnlBps() - in.row().getExpectedPnlBps();
            pnl += in.row().getRealizedPnlBps();
            hits += in.row().getRealizedPnlBps() > 0 ? 1 : 0;
        }
        ReconciledAlpha any = window.getFirst().row();
        return StrategyRegimeRisk.newBuilder().setStrategyClass(any.getStrategyClass()).setRegime(any.getRegime())
                .setHorizonHours(any.getHorizonHours()).setN(n).setCvar95ShortfallBps(-tail / k)
                .setVar95Bps(-errors[k - 1]).setMeanErrorBps(mean / n).setHitRate((double) hits / n).setPnlSumBps(pnl)
                .setWindowStart(window.getFirst().row().getMaturedAt()).setWindowEnd(window.getLast().row().getMaturedAt())
                .setUpdatedAt(RiskDriver.UPDATED_AT).build();
    }

    /** The agent's figures as of {@code asOf} (the task's stream time: the newest time of any agent's input). */
    private static AgentStats bruteForceStats(String agent, List<Input> inputs, long asOf) {
        List<Input> rows = byTime(inputs);
        long longCutoff = asOf - SETTINGS.stats().longWindow().toMillis();
        long shortCutoff = asOf - SETTINGS.stats().shortWindow().toMillis();
        int days = SETTINGS.stats().longWindowDays();
        long lastDay = Math.floorDiv(asOf, DAY);
        long firstDay = lastDay - days + 1;

        long n = rows.size();
        double pnlSum = 0;
        long hits = 0;
        double pnl7 = 0;
        double pnl30 = 0;
        int rows30 = 0;
        int wins30 = 0;
        double cumulative = 0;
        double peak = 0;
        double drawdown = 0;
        double[] daily = new double[days];
        for (Input in : rows) {
            double pnl = in.row().getRealizedPnlBps();
            pnlSum += pnl;
            hits += pnl > 0 ? 1 : 0;
            long t = maturedAt(in);
            if (t > longCutoff) {
                pnl30 += pnl;
                rows30++;
                wins30 += pnl > 0 ? 1 : 0;
                cumulative += pnl;
                peak = Math.max(peak, cumulative);
                drawdown = Math.min(drawdown, cumulative - peak);
                pnl7 += t > shortCutoff ? pnl : 0;
                long day = Math.floorDiv(t, DAY);
                if (day >= firstDay) {
                    daily[(int) (day - firstDay)] += pnl;
                }
            }
        }
        long accepted = 0;
        long agentErrors = 0;
        long unpriced = 0;
        double ewma = Double.NaN;
        double alpha = SETTINGS.multiplier().ewmaAlpha();
        long lastMatured = Long.MIN_VALUE;
        String strategy = "unknown";
        for (Input in : inputs) { // arrival order
            long t = in.row() == null ? in.deadAt() : in.row().getEmittedAt().toEpochMilli();
            long day = Math.floorDiv(t, DAY);
            boolean counted = day >= firstDay && day <= lastDay;
            if (in.row() == null) {
                boolean feedGap = in.deadReason().equals(UnreconcilableHeaders.UNPRICED)
                        || in.deadReason().equals(UnreconcilableHeaders.REASON);
                unpriced += counted && feedGap ? 1 : 0;
                agentErrors += counted && !feedGap ? 1 : 0;
            } else {
                accepted += counted ? 1 : 0;
                double abs = Math.abs(in.row().getRealizedPnlBps() - in.row().getExpectedPnlBps());
                ewma = Double.isNaN(ewma) ? abs : alpha * abs + (1 - alpha) * ewma;
                if (maturedAt(in) >= lastMatured) {
                    strategy = in.row().getStrategyClass();
                }
                lastMatured = Math.max(lastMatured, maturedAt(in));
            }
        }
        List<Input> recent = rows.subList(Math.max(0, rows.size() - SETTINGS.stats().windowRows()), rows.size());
        Double avgAbs = null;
        Double rmse = null;
        if (!recent.isEmpty()) {
            double abs = 0;
            double sq = 0;
            for (Input in : recent) {
                double e = in.row().getRealizedPnlBps() - in.row().getExpectedPnlBps();
                abs += Math.abs(e);
                sq += e * e;
            }
            avgAbs = abs / recent.size();
            rmse = Math.sqrt(sq / recent.size());
        }
        double errorFactor = Double.isNaN(ewma) ? 1 : 1 / (1 + Math.max(0, ewma - MODEL_RMSE) / SETTINGS.multiplier().errorScaleBps());
        double timeFactor = lastMatured == Long.MIN_VALUE || asOf <= lastMatured ? 1
                : Math.pow(0.5, (double) (asOf - lastMatured) / SETTINGS.multiplier().timeHalfLife().toMillis());
        double multiplier = Math.min(SETTINGS.multiplier().max(), Math.max(SETTINGS.multiplier().min(), errorFactor * timeFactor));
        Double sharpe = RiskTopologyTest.sharpe(daily);
        return AgentStats.newBuilder().setAgent(agent).setStrategyClass(strategy).setHorizonHours(24).setN(n)
                .setPnl7dBps(pnl7).setPnl30dBps(pnl30).setPnlSumBps(pnlSum)
                .setSharpe30d(sharpe != null && Math.abs(sharpe) < 1e300 ? sharpe : null)
                .setWinrate30d(rows30 == 0 ? null : (double) wins30 / rows30).setHitRate(n == 0 ? null : (double) hits / n)
                .setMaxDrawdown30dBps(drawdown).setErrorRate(accepted + agentErrors + unpriced == 0 ? 0 : (double) agentErrors / (accepted + agentErrors + unpriced))
                .setUnpricedRate(accepted + agentErrors + unpriced == 0 ? 0 : (double) unpriced / (accepted + agentErrors + unpriced))
                .setAvgAbsErrorBps(avgAbs).setRmseBps(rmse).setConfidenceMultiplier(multiplier)
                .setLastMaturedAt(lastMatured == Long.MIN_VALUE ? null : Instant.ofEpochMilli(lastMatured))
                .setUpdatedAt(RiskDriver.UPDATED_AT).build();
    }

    // ---- comparison

    private static void assertCvar(StrategyRegimeRisk actual, StrategyRegimeRisk expected, int seq) {
        assertThat(actual).as("published CVaR at input %d", seq).isNotNull();
        String at = "input " + seq + " " + expected.getStrategyClass() + "|" + expected.getRegime() + "|" + expected.getHorizonHours();
        assertThat(actual.getN()).as(at).isEqualTo(expected.getN());
        close(actual.getCvar95ShortfallBps(), expected.getCvar95ShortfallBps(), at + " cvar95");
        close(actual.getVar95Bps(), expected.getVar95Bps(), at + " var95");
        close(actual.getMeanErrorBps(), expected.getMeanErrorBps(), at + " mean error");
        close(actual.getHitRate(), expected.getHitRate(), at + " hit rate");
        close(actual.getPnlSumBps(), expected.getPnlSumBps(), at + " pnl sum");
        assertThat(actual.getWindowStart()).as(at).isEqualTo(expected.getWindowStart());
        assertThat(actual.getWindowEnd()).as(at).isEqualTo(expected.getWindowEnd());
        assertThat(actual.getStrategyClass()).isEqualTo(expected.getStrategyClass());
        assertThat(actual.getRegime()).isEqualTo(expected.getRegime());
        assertThat(actual.getHorizonHours()).isEqualTo(expected.getHorizonHours());
    }

    private static void assertStats(AgentStats actual, AgentStats expected, int seq) {
        String at = "input " + seq + " " + expected.getAgent();
        assertThat(actual).as("published stats at %s", at).isNotNull();
        assertThat(actual.getStrategyClass()).as(at).isEqualTo(expected.getStrategyClass());
        assertThat(actual.getHorizonHours()).as(at).isEqualTo(24);
        assertThat(actual.getN()).as(at + " n").isEqualTo(expected.getN());
        close(actual.getPnl7dBps(), expected.getPnl7dBps(), at + " pnl 7d");
        close(actual.getPnl30dBps(), expected.getPnl30dBps(), at + " pnl 30d");
        close(actual.getPnlSumBps(), expected.getPnlSumBps(), at + " pnl sum");
        close(actual.getSharpe30d(), expected.getSharpe30d(), at + " sharpe");
        close(actual.getWinrate30d(), expected.getWinrate30d(), at + " winrate");
        close(actual.getHitRate(), expected.getHitRate(), at + " hit rate");
        close(actual.getMaxDrawdown30dBps(), expected.getMaxDrawdown30dBps(), at + " drawdown");
        close(actual.getErrorRate(), expected.getErrorRate(), at + " error rate");
        close(actual.getUnpricedRate(), expected.getUnpricedRate(), at + " unpriced rate");
        close(actual.getAvgAbsErrorBps(), expected.getAvgAbsErrorBps(), at + " avg abs error");
        close(actual.getRmseBps(), expected.getRmseBps(), at + " rmse");
        close(actual.getConfidenceMultiplier(), expected.getConfidenceMultiplier(), at + " multiplier");
        assertThat(actual.getLastMaturedAt()).as(at).isEqualTo(expected.getLastMaturedAt());
    }

    private static void close(Double actual, Double expected, String what) {
        if (expected == null || actual == null) {
            assertThat(actual).as(what).isEqualTo(expected);
            return;
        }
        assertThat(Math.abs(actual - expected)).as("%s: %s vs %s", what, actual, expected)
                .isLessThanOrEqualTo(1e-7 * Math.max(1, Math.abs(expected)));
    }

    /**
     * Every CVaR window as its stores hold it (summary + row entries, what the changelog restores), each
     * restored as the processor does: a summary's row count must equal its row entries.
     */
    static List<KeyValue<String, CvarWindow>> storedCvarWindows(RiskDriver risk) {
        KeyValueStore<String, byte[]> rows = risk.bytesStore(RiskTopology.CVAR_ROWS_STORE);
        List<KeyValue<String, CvarWindow>> windows = new ArrayList<>();
        for (KeyValue<String, byte[]> summary : all(risk.bytesStore(RiskTopology.CVAR_WINDOWS_STORE))) {
            List<byte[]> rowEntries = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> it = rows.prefixScan(summary.key + "|", new StringSerializer())) {
                it.forEachRemaining(kv -> rowEntries.add(kv.value));
            }
            windows.add(KeyValue.pair(summary.key, CvarWindow.restore(summary.value, rowEntries, SETTINGS.cvar())));
        }
        return windows;
    }

    private static List<KeyValue<String, byte[]>> all(KeyValueStore<String, byte[]> store) {
        List<KeyValue<String, byte[]>> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
