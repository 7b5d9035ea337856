package com.metasupervisor.allocator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaperLedgerTest {

    private static final long DAY0 = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();
    private static final long DAY2 = Instant.parse("2026-01-03T23:59:59Z").toEpochMilli();

    private static PaperLedger byHand() {
        PaperLedger l = PaperLedger.empty();
        l.hold(Map.of("a", 0.5, "b", 0.25, "z", 0.0), 0.25, 1.0);
        l.credit("a", 10, DAY0);       // +5
        l.credit("b", -20, DAY0 + 1);  // −5 → 0 (drawdown −5 from the peak 5)
        l.credit("a", -4, DAY2);       // −2 → −2 (drawdown −7)
        l.credit("c", 100, DAY0 + 2);  // not held: 0
        return l;
    }

    @Test
    void figuresByHand() {
        LedgerFigures f = byHand().figures();
        assertThat(f.cumulativePnlBps()).isCloseTo(-2, within(1e-12));
        assertThat(f.maxDrawdownBps()).isCloseTo(-7, within(1e-12));
        assertThat(f.rows()).isEqualTo(4);
        assertThat(f.weightChanges()).isEqualTo(1);
        assertThat(f.turnover()).isEqualTo(1.0);
        assertThat(f.days()).isEqualTo(3); // Jan 1 (0), Jan 2 idle (0), Jan 3 (−2)
        // mean −2/3, sample variance ((2/3)² + (2/3)² + (4/3)²) / 2 = 4/3
        assertThat(f.sharpe()).isCloseTo((-2.0 / 3) / Math.sqrt(4.0 / 3) * Math.sqrt(365), within(1e-12));
        assertThat(f.firstRowAt()).isEqualTo(DAY0);
        assertThat(f.lastRowAt()).isEqualTo(DAY2);
    }

    @Test
    void sharpeNeedsTwoDaysAndSomeSpread() {
        PaperLedger l = PaperLedger.empty();
        assertThat(l.figures().sharpe()).isNull();
        assertThat(l.figures().days()).isZero();
        assertThat(l.figures().firstRowAt()).isNull();
        l.hold(Map.of("a", 1.0), 0, 1);
        l.credit("a", 3, DAY0);
        assertThat(l.figures().sharpe()).isNull();
        l.credit("a", 3, DAY0 + 86_400_000L);
        assertThat(l.figures().sharpe()).as("std 0").isNull();
        assertThat(l.figures().maxDrawdownBps()).isZero();
    }

    @Test
    void aNewHoldReplacesTheWeightsAndAddsItsTurnover() {
        PaperLedger l = byHand();
        l.hold(Map.of("c", 0.4), 0.6, 0.5);
        l.credit("a", 10, DAY2);
        l.credit("c", 10, DAY2);
        assertThat(l.figures().cumulativePnlBps()).isCloseTo(2, within(1e-12));
        assertThat(l.figures().turnover()).isEqualTo(1.5);
        assertThat(l.figures().weightChanges()).isEqualTo(2);
        assertThat(l.weights()).containsExactlyEntriesOf(Map.of("c", 0.4));
        assertThat(l.cash()).isEqualTo(0.6);
    }

    @Test
    void bytesRoundTripAndTheLedgerGoesOnTheSame() {
        PaperLedger l = byHand();
        PaperLedger back = PaperLedger.fromBytes(l.toBytes());
        assertThat(back.figures()).isEqualTo(l.figures());
        assertThat(back.weights()).isEqualTo(l.weights());
        assertThat(back.cash()).isEqualTo(l.cash());
        l.credit("a", 30, DAY2 + 86_400_000L);
        back.credit("a", 30, DAY2 + 86_400_000L);
        assertThat(back.figures()).isEqualTo(l.figures());
        assertThat(back.toBytes()).isEqualTo(l.toBytes());
    }

    @Test
    void bytesOfAnotherVersionOrCutShortAreRefused() {
        byte[] bytes = byHand().toBytes();
        byte[] other = bytes.clone();
        other[0] = 2;
        assertThatThrownBy(() -> PaperLedger.fromBytes(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown format version 2");
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 3);
        assertThatThrownBy(() -> PaperLedger.fromBytes(cut)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PaperLedger");
    }
}
