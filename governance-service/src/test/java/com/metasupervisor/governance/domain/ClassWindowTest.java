package com.metasupervisor.governance.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.governance.config.StrategyClassSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClassWindowTest {

    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final StrategyClassSettings SETTINGS = StrategyClassSettings.defaults();

    @Test
    void aLateRowGoesWhereItMaturedAndOldRowsLeaveTheWindow() {
        ClassWindow w = ClassWindow.EMPTY
                .with(new ClassRow(T0, 1), T0, SETTINGS)
                .with(new ClassRow(T0.plusSeconds(20), 3), T0.plusSeconds(20), SETTINGS)
                .with(new ClassRow(T0.plusSeconds(10), 2), T0.plusSeconds(20), SETTINGS);
        assertThat(w.rows()).extracting(ClassRow::realizedPnlBps).containsExactly(1.0, 2.0, 3.0);
        Instant later = T0.plus(Duration.ofDays(30)).plusSeconds(10);
        assertThat(w.prunedAt(later, SETTINGS).rows()).extracting(ClassRow::realizedPnlBps).containsExactly(3.0);
    }

    @Test
    void theWindowKeepsAtMostMaxRows() {
        StrategyClassSettings small = new StrategyClassSettings(Duration.ofDays(30), 30, 2, 3);
        ClassWindow w = ClassWindow.EMPTY;
        for (int i = 0; i < 5; i++) {
            w = w.with(new ClassRow(T0.plusSeconds(i), i), T0.plusSeconds(i), small);
        }
        assertThat(w.rows()).extracting(ClassRow::realizedPnlBps).containsExactly(2.0, 3.0, 4.0);
    }

    @Test
    void attributionMatchesAPlainRecomputationOnRandomStreams() {
        SplittableRandom r = new SplittableRandom(7L);
        for (int run = 0; run < 50; run++) {
            ClassWindow w = ClassWindow.EMPTY;
            List<ClassRow> all = new ArrayList<>();
            Instant now = T0;
            for (int i = 0; i < 200; i++) {
                now = now.plus(Duration.ofHours(r.nextInt(12)));
                ClassRow row = new ClassRow(now.minus(Duration.ofHours(r.nextInt(4))), r.nextInt(-50, 51));
                all.add(row);
                w = w.with(row, now, SETTINGS);
                // plain: every row ever seen, in matured order (stable), inside the window
                Instant from = now.minus(SETTINGS.window());
                Instant at = now;
                List<ClassRow> expected = all.stream().sorted(Comparator.comparing(ClassRow::maturedAt))
                        .filter(x -> x.maturedAt().isAfter(from) && !x.maturedAt().isAfter(at)).toList();
                double curve = 0, peak = 0, dd = 0;
                for (ClassRow x : expected) {
                    curve += x.realizedPnlBps();
                    peak = Math.max(peak, curve);
                    dd = Math.min(dd, curve - peak);
                }
                ClassAttribution a = w.attribution(now, SETTINGS);
                assertThat(a.rows()).isEqualTo(expected.size());
                assertThat(a.pnlBps()).isEqualTo(curve);
                assertThat(a.maxDrawdownBps()).isEqualTo(dd);
            }
            assertThat(ClassWindow.fromBytes(w.toBytes())).isEqualTo(w);
        }
    }

    @Test
    void bytesOfAnotherVersionOrTruncatedAreRefused() {
        ClassWindow w = ClassWindow.EMPTY.with(new ClassRow(T0, 5), T0, SETTINGS);
        byte[] bytes = w.toBytes();
        assertThat(ClassWindow.fromBytes(bytes)).isEqualTo(w);
        byte[] other = bytes.clone();
        other[0] = (byte) (ClassWindow.VERSION + 1);
        assertThatThrownBy(() -> ClassWindow.fromBytes(other)).hasMessageContaining("unknown format version");
        assertThatThrownBy(() -> ClassWindow.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
