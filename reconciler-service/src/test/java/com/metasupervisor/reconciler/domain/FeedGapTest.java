package com.metasupervisor.reconciler.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** SPEC §3 feed gaps: both halves of the rule, the numbering of a symbol's gaps, the state format. */
class FeedGapTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void aGapNeedsBothAMarketLagAndAWallClockSilenceBeyondTheThreshold() {
        Duration more = HOUR.plusSeconds(1);
        assertThat(FeedGap.isGap(more, more, HOUR)).isTrue();
        assertThat(FeedGap.isGap(Duration.ofDays(2), Duration.ofSeconds(5), HOUR)).as("behind in a catch-up, but ticking").isFalse();
        assertThat(FeedGap.isGap(Duration.ofSeconds(30), Duration.ofHours(10), HOUR)).as("the whole market is quiet").isFalse();
        assertThat(FeedGap.isGap(HOUR, more, HOUR)).as("exactly the threshold is no gap yet").isFalse();
        assertThat(FeedGap.isGap(more, HOUR, HOUR)).isFalse();
        assertThatThrownBy(() -> FeedGap.isGap(more, more, Duration.ZERO)).hasMessageStartingWith("feedGap");
    }

    @Test
    void aSymbolsGapsAreNumberedAndOnlyAResolvedGapIsFollowedByAnother() {
        FeedGap first = FeedGap.after(null, T0, T0.plus(HOUR));
        assertThat(first).isEqualTo(new FeedGap(1, T0, T0.plus(HOUR), true));
        assertThatThrownBy(() -> FeedGap.after(first, T0, T0)).isInstanceOf(IllegalArgumentException.class);

        FeedGap resolved = first.resolved();
        assertThat(resolved.open()).isFalse();
        assertThat(resolved.number()).isEqualTo(1);
        assertThat(FeedGap.after(resolved, T0.plusSeconds(60), T0.plus(HOUR.multipliedBy(3))))
                .isEqualTo(new FeedGap(2, T0.plusSeconds(60), T0.plus(HOUR.multipliedBy(3)), true));
        assertThatThrownBy(() -> new FeedGap(0, T0, T0, true)).hasMessageStartingWith("number");
    }

    @Test
    void theStateBytesRoundTripAndAnotherVersionIsRefused() {
        for (FeedGap gap : new FeedGap[] {new FeedGap(3, T0, T0.plusMillis(1_234), true), new FeedGap(7, T0, T0, false)}) {
            assertThat(FeedGap.fromBytes(gap.toBytes())).isEqualTo(gap);
        }
        byte[] bytes = new FeedGap(1, T0, T0, true).toBytes();
        assertThat(bytes[0]).isEqualTo(FeedGap.VERSION);
        bytes[0] = 9;
        assertThatThrownBy(() -> FeedGap.fromBytes(bytes)).hasMessageContaining("FeedGap").hasMessageContaining("version 9");
    }
}
