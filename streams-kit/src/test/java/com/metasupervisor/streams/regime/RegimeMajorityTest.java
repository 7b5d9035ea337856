package com.metasupervisor.streams.regime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RegimeMajorityTest {

    @Test
    void onlyTheNewestEventsCount() {
        RegimeMajority m = new RegimeMajority(3);
        for (String r : List.of("A", "A", "A", "B", "B")) {
            m.add(r);
        }
        assertThat(m.majority()).contains("B"); // window B, B, A
        RegimeMajority back = RegimeMajority.fromBytes(m.toBytes(), 3);
        assertThat(back.majority()).contains("B");
        back.add("A");
        back.add("A");
        assertThat(back.majority()).contains("A");
        assertThat(RegimeMajority.fromBytes(m.toBytes(), 1).majority()).contains("B");
        assertThat(new RegimeMajority(5).majority()).isEmpty();
        byte[] other = m.toBytes();
        other[0] = 9;
        assertThatThrownBy(() -> RegimeMajority.fromBytes(other, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown format version 9");
    }

    @Test
    void aBlankRegimeOrNoCapacityIsRefused() {
        assertThatThrownBy(() -> new RegimeMajority(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
        assertThatThrownBy(() -> new RegimeMajority(3).add(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("regime");
    }

    @Test
    void theMajorityMatchesAPlainRecountOnRandomStreams() {
        SplittableRandom random = new SplittableRandom(15L);
        List<String> regimes = List.of("TREND", "RANGE", "CRISIS", "CALM");
        for (int run = 0; run < 200; run++) {
            int capacity = 1 + random.nextInt(12);
            RegimeMajority m = new RegimeMajority(capacity);
            List<String> all = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String r = regimes.get(random.nextInt(1 + random.nextInt(regimes.size())));
                m.add(r);
                all.add(r);
                List<String> window = all.subList(Math.max(0, all.size() - capacity), all.size());
                assertThat(m.majority()).as("run %d, event %d", run, i).isEqualTo(plainMajority(window));
                assertThat(m.size()).isEqualTo(window.size());
                assertThat(RegimeMajority.fromBytes(m.toBytes(), capacity).majority()).isEqualTo(m.majority());
            }
        }
    }

    /** Count each regime; among the most frequent, the one seen last. */
    private static Optional<String> plainMajority(List<String> window) {
        String best = null;
        long bestCount = 0;
        int bestLast = -1;
        for (String candidate : window) {
            long count = window.stream().filter(candidate::equals).count();
            int last = window.lastIndexOf(candidate);
            if (count > bestCount || (count == bestCount && last > bestLast)) {
                best = candidate;
                bestCount = count;
                bestLast = last;
            }
        }
        return Optional.ofNullable(best);
    }
}
