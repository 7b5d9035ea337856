package com.metasupervisor.governance.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.governance.config.StrategyClassSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClassRowsTest {

    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final StrategyClassSettings SETTINGS = StrategyClassSettings.defaults();

    private static ClassRows.Kept row(Instant at, long seq, double pnl) {
        return new ClassRows.Kept(at.toEpochMilli(), seq, pnl);
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
    void attributionMatchesAPlainRecomputationOnRandomStreams() {
        SplittableRandom r = new SplittableRandom(7L);
        for (int run = 0; run < 50; run++) {
            ClassRows rows = new ClassRows();
            List<ClassRows.Kept> all = new ArrayList<>();
            Instant now = T0;
            for (int i = 0; i < 200; i++) {
                now = now.plus(Duration.ofHours(r.nextInt(12)));
                ClassRows.Kept row = row(now.minus(Duration.ofHours(r.nextInt(4))), i, r.nextInt(-50, 51));
                all.add(row);
                rows.add(row);
                rows.prune(now, SETTINGS);
                // plain: every row ever seen, in matured order (stable), inside the window
                long from = now.minus(SETTINGS.window()).toEpochMilli();
                long at = now.toEpochMilli();
                List<ClassRows.Kept> expected = all.stream().sorted(Comparator.comparingLong(ClassRows.Kept::maturedAtMillis))
                        .filter(x -> x.maturedAtMillis() > from && x.maturedAtMillis() <= at).toList();
                double curve = 0, peak = 0, dd = 0;
                int hits = 0;
                for (ClassRows.Kept x : expected) {
                    curve += x.realizedPnlBps();
                    peak = Math.max(peak, curve);
                    dd = Math.min(dd, curve - peak);
                    hits += x.realizedPnlBps() > 0 ? 1 : 0;
                }
                ClassAttribution a = rows.attribution(now, SETTINGS);
                assertThat(a.rows()).isEqualTo(expected.size());
                assertThat(a.pnlBps()).isEqualTo(curve);
                assertThat(a.maxDrawdownBps()).isEqualTo(dd);
                assertThat(a.hitRate()).isEqualTo(expected.isEmpty() ? null : (double) hits / expected.size());
            }
        }
    }
}
