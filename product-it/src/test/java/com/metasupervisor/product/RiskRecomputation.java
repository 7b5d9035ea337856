package com.metasupervisor.product;

import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.risk.config.CvarSettings;
import com.metasupervisor.risk.config.RiskSettings;
import com.metasupervisor.risk.domain.AgentFigures;
import com.metasupervisor.risk.domain.AgentWindow;
import com.metasupervisor.risk.domain.ReconciledRow;
import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.schemas.Topics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Acceptance 2 and 3 for risk-service: the final value of every key of {@code risk.strategy-cvar} and
 * {@code risk.agent-stats} (read_committed, the newest record of the key) against a recomputation from the rows of
 * {@code alpha.reconciled}, with risk-service's defaults ({@code RiskSettings.defaults()}, as {@code ./ms run} starts
 * it). "Now" is the record's timestamp: risk-service stamps each record with the as-of time of its figures, and a
 * later row or refresh that changed a figure would have published a newer record.
 * <ul>
 *   <li>CVaR, by brute force (README "Definitions"): the newest {@code cvar.max-rows} rows of the key with matured_at in
 *   (now − max-age, now]; k = max(1, ⌈tail · n⌉) on the decimal tail; cvar95 = −mean of the k lowest errors, var95 =
 *   −the k-th lowest; mean error, hit rate, PnL sum, window start and end. The feed makes matured_at unique per
 *   horizon, so "newest" has no ties and the window does not depend on the order rows arrived in.</li>
 *   <li>Agent stats: the agent's rows of the scoring horizon replayed, in the partition's offset order (the order
 *   risk-service reads them: it matters for the EWMA), into a fresh {@code AgentWindow} of risk-service's domain, each
 *   row also one accepted event at its emitted_at (as its topology records it), and its figures as of now: n, PnL sum,
 *   hit rate, PnL 7 d / 30 d, win rate, Sharpe, drawdown, error and unpriced rates, avg abs error, RMSE, last
 *   matured_at, strategy class. The confidence multiplier is not recomputed: it takes the sim model's holdout RMSE
 *   of the moment the row was processed, which the rows do not record.</li>
 * </ul>
 * Also: every key with rows has a final value (no age eviction happens in a feed shorter than max-age).
 */
final class RiskRecomputation {

    /**
     * Floating-point slack: risk-service keeps running sums (a window's error and PnL sums, as rows come and go), so
     * its last digits differ from a sum taken once. A lost or duplicated row moves a figure by far more: a sum by the
     * row's PnL (bps), a rate by 1/n.
     */
    private static final double ABSOLUTE_TOLERANCE = 1e-6;
    private static final double RELATIVE_TOLERANCE = 1e-9;
    private static final int EXAMPLES = 10;

    private final List<String> mismatches = new ArrayList<>();
    private long mismatchCount;
    private int cvarKeys;
    private int agentKeys;
    private final List<String> missingKeys = new ArrayList<>();

    int cvarKeys() {
        return cvarKeys;
    }

    int agentKeys() {
        return agentKeys;
    }

    long mismatchCount() {
        return mismatchCount;
    }

    List<String> mismatchExamples() {
        return List.copyOf(mismatches);
    }

    List<String> missingKeys() {
        return List.copyOf(missingKeys);
    }

    record Final<V>(V value, long timestamp) {
    }

    static RiskRecomputation check(List<ExactlyOnceCheck.Row> rows, TopicReader reader, String registryUrl) {
        RiskSettings settings = RiskSettings.defaults();
        RegistrySettings registry = new RegistrySettings(registryUrl, false);
        Map<String, Final<StrategyRegimeRisk>> cvar = finals(reader, Topics.RISK_STRATEGY_CVAR.name(),
                Topics.RISK_STRATEGY_CVAR.valueSerde(registry).deserializer());
        Map<String, Final<AgentStats>> agents = finals(reader, Topics.RISK_AGENT_STATS.name(),
                Topics.RISK_AGENT_STATS.valueSerde(registry).deserializer());
        RiskRecomputation check = new RiskRecomputation();
        check.checkCvar(rows, cvar, settings.cvar());
        check.checkAgents(rows, agents, settings);
        return check;
    }

    /** The newest value of each key, with its timestamp; a tombstone removes the key. */
    private static <V> Map<String, Final<V>> finals(TopicReader reader, String topic, Deserializer<V> values) {
        Map<String, Final<V>> finals = new HashMap<>();
        reader.read(topic, record -> {
            if (record.value() == null) {
                finals.remove(record.key());
            } else {
                finals.put(record.key(), new Final<>(values.deserialize(topic, record.value()), record.timestamp()));
            }
        });
        return finals;
    }

    private void checkCvar(List<ExactlyOnceCheck.Row> rows, Map<String, Final<StrategyRegimeRisk>> finals, CvarSettings cvar) {
        Map<String, List<ExactlyOnceCheck.Row>> byKey = new LinkedHashMap<>();
        for (ExactlyOnceCheck.Row row : rows) {
            byKey.computeIfAbsent(row.strategyClass() + "|" + row.regime() + "|" + row.horizonHours(), k -> new ArrayList<>()).add(row);
        }
        Map<String, Final<StrategyRegimeRisk>> byFields = new HashMap<>();
        finals.forEach((key, f) -> byFields.put(f.value().getStrategyClass() + "|" + f.value().getRegime() + "|"
                + f.value().getHorizonHours(), f));
        for (var entry : byKey.entrySet()) {
            Final<StrategyRegimeRisk> published = byFields.get(entry.getKey());
            if (published == null) {
                missingKeys.add("risk.strategy-cvar " + entry.getKey());
                continue;
            }
            cvarKeys++;
            CvarFigures brute = bruteForceCvar(entry.getValue(), published.timestamp(), cvar);
            String key = "cvar " + entry.getKey();
            StrategyRegimeRisk p = published.value();
            compare(key, "n", p.getN(), brute.n());
            if (brute.n() == 0) {
                continue;
            }
            compare(key, "cvar95_shortfall_bps", p.getCvar95ShortfallBps(), brute.cvar95ShortfallBps());
            compare(key, "var95_bps", p.getVar95Bps(), brute.var95Bps());
            compare(key, "mean_error_bps", p.getMeanErrorBps(), brute.meanErrorBps());
            compare(key, "hit_rate", p.getHitRate(), brute.hitRate());
            compare(key, "pnl_sum_bps", p.getPnlSumBps(), brute.pnlSumBps());
            compare(key, "window_start", p.getWindowStart(), Instant.ofEpochMilli(brute.windowStart()));
            compare(key, "window_end", p.getWindowEnd(), Instant.ofEpochMilli(brute.windowEnd()));
        }
    }

    /** A CVaR window's figures by brute force (n = 0: an empty window, the other figures 0). */
    record CvarFigures(int n, double cvar95ShortfallBps, double var95Bps, double meanErrorBps, double hitRate, double pnlSumBps,
            long windowStart, long windowEnd) {
    }

    /**
     * The newest {@code max-rows} of {@code rows} with matured_at in (now − max-age, now] (matured_at unique: the feed
     * makes it so), and SPEC §4's figures of them as risk-service's README defines them.
     */
    static CvarFigures bruteForceCvar(List<ExactlyOnceCheck.Row> rows, long now, CvarSettings cvar) {
        long oldest = now - cvar.maxAge().toMillis();
        List<ExactlyOnceCheck.Row> window = rows.stream()
                .filter(r -> r.maturedAt() <= now && r.maturedAt() > oldest)
                .sorted(Comparator.comparingLong(ExactlyOnceCheck.Row::maturedAt).reversed())
                .limit(cvar.maxRows()).toList();
        int n = window.size();
        if (n == 0) {
            return new CvarFigures(0, 0, 0, 0, 0, 0, 0, 0);
        }
        double[] errors = window.stream().mapToDouble(r -> r.realizedBps() - r.expectedBps()).sorted().toArray();
        int k = Math.min(n, Math.max(1, BigDecimal.valueOf(cvar.tail()).multiply(BigDecimal.valueOf(n))
                .setScale(0, RoundingMode.CEILING).intValueExact()));
        double tailSum = 0;
        for (int i = 0; i < k; i++) {
            tailSum += errors[i];
        }
        double errorSum = 0;
        for (double e : errors) {
            errorSum += e;
        }
        return new CvarFigures(n, -tailSum / k, -errors[k - 1], errorSum / n,
                window.stream().filter(r -> r.realizedBps() > 0).count() / (double) n,
                window.stream().mapToDouble(ExactlyOnceCheck.Row::realizedBps).sum(),
                window.getLast().maturedAt(), window.getFirst().maturedAt());
    }

    private void checkAgents(List<ExactlyOnceCheck.Row> rows, Map<String, Final<AgentStats>> finals, RiskSettings settings) {
        Map<String, List<ExactlyOnceCheck.Row>> byAgent = new LinkedHashMap<>();
        for (ExactlyOnceCheck.Row row : rows) {
            if (row.horizonHours() == settings.scoringHorizonHours()) {
                byAgent.computeIfAbsent(row.agent(), k -> new ArrayList<>()).add(row); // offset order of its partition
            }
        }
        for (var entry : byAgent.entrySet()) {
            Final<AgentStats> published = finals.get(entry.getKey());
            if (published == null) {
                missingKeys.add("risk.agent-stats " + entry.getKey());
                continue;
            }
            agentKeys++;
            AgentWindow window = new AgentWindow(settings);
            String strategy = null;
            long newest = Long.MIN_VALUE;
            for (ExactlyOnceCheck.Row r : entry.getValue()) {
                window.add(new ReconciledRow(Instant.ofEpochMilli(r.maturedAt()), r.realizedBps(), r.expectedBps(), r.sigmaBps()));
                window.recordAccepted(Instant.ofEpochMilli(r.emittedAt()));
                if (r.maturedAt() >= newest) {
                    newest = r.maturedAt();
                    strategy = r.strategyClass();
                }
            }
            AgentFigures f = window.figures(Instant.ofEpochMilli(published.timestamp()));
            AgentStats p = published.value();
            String key = "agent " + entry.getKey();
            compare(key, "n", p.getN(), f.n());
            compare(key, "pnl_sum_bps", p.getPnlSumBps(), f.pnlSumBps());
            compare(key, "hit_rate", p.getHitRate(), f.hitRate());
            compare(key, "pnl_7d_bps", p.getPnl7dBps(), f.pnl7dBps());
            compare(key, "pnl_30d_bps", p.getPnl30dBps(), f.pnl30dBps());
            compare(key, "winrate_30d", p.getWinrate30d(), f.winrate30d());
            compare(key, "sharpe_30d", p.getSharpe30d(), f.sharpe30d());
            compare(key, "max_drawdown_30d_bps", p.getMaxDrawdown30dBps(), f.maxDrawdown30dBps());
            compare(key, "error_rate", p.getErrorRate(), f.errorRate());
            compare(key, "unpriced_rate", p.getUnpricedRate(), f.unpricedRate());
            compare(key, "avg_abs_error_bps", p.getAvgAbsErrorBps(), f.avgAbsErrorBps());
            compare(key, "rmse_bps", p.getRmseBps(), f.rmseBps());
            compare(key, "last_matured_at", p.getLastMaturedAt(), f.lastMaturedAt());
            compare(key, "strategy_class", p.getStrategyClass(), strategy);
        }
    }

    private void compare(String key, String field, Object published, Object recomputed) {
        boolean same;
        if (published instanceof Number a && recomputed instanceof Number b && !(published instanceof Long && recomputed instanceof Long)) {
            double x = a.doubleValue();
            double y = b.doubleValue();
            same = x == y || Math.abs(x - y) <= ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * Math.max(Math.abs(x), Math.abs(y));
        } else if (published instanceof Long a && recomputed instanceof Number b) {
            same = a == b.longValue();
        } else {
            same = Objects.equals(published == null ? null : published.toString(), recomputed == null ? null : recomputed.toString());
        }
        if (!same) {
            mismatchCount++;
            if (mismatches.size() < EXAMPLES) {
                mismatches.add(key + " " + field + ": published " + published + ", recomputed " + recomputed);
            }
        }
    }
}
