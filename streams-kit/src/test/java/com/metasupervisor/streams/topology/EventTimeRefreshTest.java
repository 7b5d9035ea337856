package com.metasupervisor.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventTimeRefreshTest {

    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long WALL = 1_700_000_000_000L;

    private final MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
    private final List<Long> refreshes = new ArrayList<>();
    private Punctuator streamTime;
    private Punctuator wallClock;

    @BeforeEach
    void schedule() {
        EventTimeRefresh.schedule(context, Duration.ofHours(1), refreshes::add);
        assertThat(context.scheduledPunctuators()).hasSize(2)
                .allSatisfy(p -> assertThat(p.getInterval()).isEqualTo(Duration.ofHours(1)));
        for (MockProcessorContext.CapturedPunctuator p : context.scheduledPunctuators()) {
            if (p.getType() == PunctuationType.STREAM_TIME) {
                streamTime = p.getPunctuator();
            } else {
                wallClock = p.getPunctuator();
            }
        }
    }

    @Test
    void everyIntervalOfStreamTimeRefreshesToTheStreamTime() {
        streamTime.punctuate(5 * HOUR);
        streamTime.punctuate(6 * HOUR);

        assertThat(refreshes).containsExactly(5 * HOUR, 6 * HOUR);
    }

    @Test
    void aTaskIdleForAWholeIntervalOfWallClockRunsOnFromItsLastStreamTime() {
        context.setCurrentStreamTimeMs(10 * HOUR);
        wallClock.punctuate(WALL); // stream time first seen now
        wallClock.punctuate(WALL + HOUR / 2); // idle, but not for a whole interval
        assertThat(refreshes).isEmpty();

        wallClock.punctuate(WALL + HOUR);
        wallClock.punctuate(WALL + 3 * HOUR);
        assertThat(refreshes).containsExactly(11 * HOUR, 13 * HOUR);

        context.setCurrentStreamTimeMs(12 * HOUR); // input again: its stream time is the clock again
        wallClock.punctuate(WALL + 4 * HOUR);
        assertThat(refreshes).hasSize(2);
    }

    @Test
    void aTaskThatNeverReceivedAnythingIsNotRefreshed() {
        context.setCurrentStreamTimeMs(-1);
        wallClock.punctuate(WALL);
        wallClock.punctuate(WALL + 5 * HOUR);

        assertThat(refreshes).isEmpty();
    }
}
