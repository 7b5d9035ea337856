package com.metasupervisor.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.risk.config.CvarSettings;
import com.metasupervisor.risk.domain.CvarWindow;
import com.metasupervisor.risk.domain.ReconciledRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The soak's checks catch what they are there for, and agree with risk-service's domain where the product is right. */
class SoakChecksTest {

    private static final Instant END = Instant.parse("2026-11-30T12:00:00Z");
    private final SoakFeed feed = new SoakFeed(3, 200, 7, END);

    @Test
    void theCvarBruteForceEqualsRiskServicesWindowFedTheSameRowsInAnyOrder() {
        CvarSettings settings = new CvarSettings(50, Duration.ofHours(6), 0.05);
        for (int seed = 0; seed < 20; seed++) {
            Random random = new Random(seed);
            List<ExactlyOnceCheck.Row> rows = new ArrayList<>();
            long t = 1_000_000_000_000L;
            for (int i = 0; i < 300; i++) {
                t += 1 + random.nextInt(600_000); // distinct matured_at, as the feed makes them
                rows.add(new ExactlyOnceCheck.Row(i, "a", "momentum", "TREND", 24, t - 86_400_000L, t,
                        random.nextGaussian() * 80, random.nextGaussian() * 10, 30.0));
            }
            List<ExactlyOnceCheck.Row> arrival = new ArrayList<>(rows);
            Collections.shuffle(arrival.subList(200, 300), random); // the last third late and out of order
            CvarWindow window = new CvarWindow(settings);
            long clock = Long.MIN_VALUE;
            for (ExactlyOnceCheck.Row r : arrival) {
                window.add(new ReconciledRow(Instant.ofEpochMilli(r.maturedAt()), r.realizedBps(), r.expectedBps(), r.sigmaBps()));
                clock = Math.max(clock, r.maturedAt());
            }
            com.metasupervisor.risk.domain.CvarFigures domain = window.figures().orElseThrow();
            RiskRecomputation.CvarFigures brute = RiskRecomputation.bruteForceCvar(rows, clock, settings);
            assertThat(brute.n()).as("seed %d", seed).isEqualTo(domain.n());
            assertThat(brute.cvar95ShortfallBps()).isCloseTo(domain.cvar95ShortfallBps(), within(1e-9));
            assertThat(brute.var95Bps()).isCloseTo(domain.var95Bps(), within(1e-9));
            assertThat(brute.meanErrorBps()).isCloseTo(domain.meanErrorBps(), within(1e-9));
            assertThat(brute.hitRate()).isCloseTo(domain.hitRate(), within(1e-12));
            assertThat(brute.pnlSumBps()).isCloseTo(domain.pnlSumBps(), within(1e-7));
            assertThat(Instant.ofEpochMilli(brute.windowStart())).isEqualTo(domain.windowStart());
            assertThat(Instant.ofEpochMilli(brute.windowEnd())).isEqualTo(domain.windowEnd());
        }
    }

    @Test
    void theExactlyOnceCheckPassesTheRightRowsAndCatchesADuplicateALostRowAndAWrongPrice() {
        List<ReconciledAlpha> rows = new ArrayList<>();
        for (int j = 0; j < feed.events(); j++) {
            for (int h : SoakFeed.HORIZONS) {
                rows.add(row(j, h, feed.realizedPnlBps(j, h)));
            }
        }
        BitSet acked = new BitSet();
        acked.set(0, feed.events());
        ExactlyOnceCheck right = ExactlyOnceCheck.of(feed, rows);
        assertThat(right.duplicates() + right.missing(acked) + right.wrongValues() + right.foreign()).isZero();
        assertThat(right.rows()).hasSize(3 * feed.events());

        List<ReconciledAlpha> wrong = new ArrayList<>(rows);
        wrong.set(90, row(30, 1, feed.realizedPnlBps(30, 1) + 0.01)); // event 30 at 1 h priced off another tick
        wrong.remove(40);                               // lost
        wrong.add(rows.get(17));                        // written twice
        ExactlyOnceCheck caught = ExactlyOnceCheck.of(feed, wrong);
        assertThat(caught.duplicates()).isEqualTo(1);
        assertThat(caught.missing(acked)).isEqualTo(1);
        assertThat(caught.wrongValues()).isEqualTo(1);
    }

    private ReconciledAlpha row(int j, int h, double realized) {
        AlphaEvent e = feed.event(j);
        return ReconciledAlpha.newBuilder()
                .setEventId(e.getEventId()).setAgent(e.getAgent()).setStrategyClass(e.getStrategyClass()).setSymbol(e.getSymbol())
                .setRegime(e.getRegime()).setHorizonHours(h).setEmittedAt(e.getEmittedAt())
                .setMaturedAt(Instant.ofEpochMilli(feed.maturedMillis(j, h))).setDirection(e.getDirection())
                .setScoreFinal(e.getScoreFinal()).setConfidence(e.getConfidence()).setEntryPrice(1).setExitPrice(1)
                .setRealizedPnlBps(realized).setExpectedPnlBps(0).setExpectedSigmaBps(null).setPnlErrorBps(realized)
                .setAbsErrorBps(Math.abs(realized)).setSimVersion("none").setHit(realized > 0).build();
    }
}
