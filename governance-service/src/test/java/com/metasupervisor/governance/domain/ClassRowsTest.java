package com.metasupervisor.governance.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.governance.config.StrategyClassSettings;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClassRowsTest {

    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final StrategyClassSettings SETTINGS = StrategyClassSettings.defaults();

    private static ClassRows.Kept row(Instant at, long seq, double pnl) {
        return new ClassRows.Kept(at.toEpochMilli(), seq, "arb_1", pnl);
    }

    @Test
    void aLateRowGoesWhereItMaturedAndOldRowsLeaveTheWindow() {
        ClassRows rows = new ClassRows();
        rows.add(row(T0, 1, 1));
        rows.add(row(T0.plusSeconds(20), 2, 3));
        rows.add(row(T0.plusSeconds(10), 3, 2));
        rows.add(row(T0.plusSeconds(10), 4, 2.5)); // same time: after the one that came first
        assertThat(rows.rows()).extracting(ClassRows.Kept::seq).containsExactly(1L, 3L, 4L, 2L);
        Instant later = T0.plus(Duration.ofDays(30)).plusSeconds(10);
        assertThat(rows.prune(later, SETTINGS)).extracting(ClassRows.Kept::seq).containsExactly(1L, 3L, 4L);
        assertThat(rows.rows()).extracting(ClassRows.Kept::realizedPnlBps).containsExactly(3.0);
    }

    @Test
    void pruningKeepsAtMostMaxRowsAndReturnsWhatItDropped() {
        StrategyClassSettings small = new StrategyClassSettings(Duration.ofDays(30), 30, 2, 3);
        ClassRows rows = new ClassRows();
        List<Long> dropped = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(row(T0.plusSeconds(i), i, i));
            rows.prune(T0.plusSeconds(i), small).forEach(k -> dropped.add(k.seq()));
        }
        assertThat(rows.rows()).extracting(ClassRows.Kept::realizedPnlBps).containsExactly(2.0, 3.0, 4.0);
        assertThat(dropped).containsExactly(0L, 1L);
    }

    @Test
    void attributionIsTheEqualWeightBookOfTheAgentsWithRowsInTheWindow() {
        ClassRows rows = new ClassRows();
        rows.add(new ClassRows.Kept(T0.toEpochMilli(), 1, "a", 100));
        rows.add(new ClassRows.Kept(T0.plusSeconds(1).toEpochMilli(), 2, "b", -300));
        rows.add(new ClassRows.Kept(T0.plusSeconds(2).toEpochMilli(), 3, "a", -100));
        rows.add(new ClassRows.Kept(T0.minus(Duration.ofDays(31)).toEpochMilli(), 4, "c", 5)); // outside: neither row nor agent
        ClassAttribution a = rows.attribution(T0.plusSeconds(2), SETTINGS);
        // each row / 2 agents: curve 50, -100, -150 (a sum over the agents would have drawn down 400, not 200)
        assertThat(a).isEqualTo(new ClassAttribution(3, 2, -150, 1.0 / 3, -200));
        assertThat(a.extent()).isEqualTo("3 rows of 2 agents");
    }

    @Test
    void attributionMatchesAPlainRecomputationOnRandomStreams() {
        SplittableRandom r = new SplittableRandom(7L);
        List<String> agents = List.of("", "arb_1", "arb_2", "arb_3", "arb_4");
        for (int run = 0; run < 50; run++) {
            ClassRows rows = new ClassRows();
            List<ClassRows.Kept> all = new ArrayList<>();
            Instant now = T0;
            int pool = 1 + r.nextInt(agents.size());
            for (int i = 0; i < 200; i++) {
                now = now.plus(Duration.ofHours(r.nextInt(12)));
                ClassRows.Kept row = new ClassRows.Kept(now.minus(Duration.ofHours(r.nextInt(4))).toEpochMilli(), i,
                        agents.get(r.nextInt(pool)), r.nextInt(-50, 51));
                all.add(row);
                rows.add(row);
                rows.prune(now, SETTINGS);
                // plain: every row ever seen, in matured order (stable), inside the window; each PnL / distinct agents there
                long from = now.minus(SETTINGS.window()).toEpochMilli();
                long at = now.toEpochMilli();
                List<ClassRows.Kept> expected = all.stream().sorted(Comparator.comparingLong(ClassRows.Kept::maturedAtMillis))
                        .filter(x -> x.maturedAtMillis() > from && x.maturedAtMillis() <= at).toList();
                int k = new HashSet<>(expected.stream().map(ClassRows.Kept::agent).toList()).size();
                double curve = 0, peak = 0, dd = 0;
                int hits = 0;
                for (ClassRows.Kept x : expected) {
                    curve += x.realizedPnlBps() / k;
                    peak = Math.max(peak, curve);
                    dd = Math.min(dd, curve - peak);
                    hits += x.realizedPnlBps() > 0 ? 1 : 0;
                }
                ClassAttribution a = rows.attribution(now, SETTINGS);
                assertThat(a.rows()).isEqualTo(expected.size());
                assertThat(a.agents()).isEqualTo(k);
                assertThat(a.pnlBps()).isEqualTo(curve);
                assertThat(a.maxDrawdownBps()).isEqualTo(dd);
                assertThat(a.hitRate()).isEqualTo(expected.isEmpty() ? null : (double) hits / expected.size());
                assertThat(rows.rows()).extracting(ClassRows.Kept::agent).allSatisfy(agent -> assertThat(agents).contains(agent));
            }
        }
    }

    @Test
    void aStoredRowKeepsItsAgentAndARowOfTheFirstReleaseLoadsAsAgentEmpty() {
        ClassRows.Kept kept = new ClassRows.Kept(T0.toEpochMilli(), 9, "fx_é", -12.5);
        assertThat(ClassRows.Kept.fromValueBytes(T0.toEpochMilli(), 9, kept.valueBytes())).isEqualTo(kept);
        byte[] firstRelease = ByteBuffer.allocate(8).putDouble(-12.5).array(); // the PnL alone, no version, no agent
        assertThat(ClassRows.Kept.fromValueBytes(T0.toEpochMilli(), 9, firstRelease))
                .isEqualTo(new ClassRows.Kept(T0.toEpochMilli(), 9, "", -12.5));
        byte[] otherVersion = kept.valueBytes();
        otherVersion[0] = 7;
        assertThatThrownBy(() -> ClassRows.Kept.fromValueBytes(0, 1, otherVersion)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown format version 7");
        byte[] truncated = Arrays.copyOf(kept.valueBytes(), 11);
        assertThatThrownBy(() -> ClassRows.Kept.fromValueBytes(0, 1, truncated)).isInstanceOf(IllegalArgumentException.class);
        byte[] nan = ByteBuffer.allocate(8).putDouble(Double.NaN).array();
        assertThatThrownBy(() -> ClassRows.Kept.fromValueBytes(0, 1, nan)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("realizedPnlBps");
    }
}
