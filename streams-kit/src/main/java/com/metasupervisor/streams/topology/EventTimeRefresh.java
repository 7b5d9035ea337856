package com.metasupervisor.streams.topology;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.Duration;
import java.util.function.LongConsumer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Moves a task's windows on in event time without input of their own: calls {@code refresh(now)} every
 * interval of stream time (now = the stream time), and, when the task has received nothing for a whole
 * interval of wall-clock time, with its event time run on at wall-clock pace from the last stream time
 * (now = stream time + idle time). Stream time alone stands still on a partition whose keys all fell
 * silent; the wall clock alone would age everything during a replay.
 *
 * <p>Call {@link #schedule} from a processor's {@code init}; {@code refresh} walks the task's keys (e.g.
 * {@link com.metasupervisor.streams.state.DecodedWindows#keys()}), moves each on to {@code now} and
 * publishes what changed ({@link PublishOnChange}).
 */
public final class EventTimeRefresh {

    private final ProcessorContext<?, ?> context;
    private final long intervalMillis;
    private final LongConsumer refresh;
    /** The stream time at the last wall-clock check (none yet: MIN_VALUE), and the wall-clock time it was first seen. */
    private long lastStreamTime = Long.MIN_VALUE;
    private long streamTimeSeenAt;

    private EventTimeRefresh(ProcessorContext<?, ?> context, Duration interval, LongConsumer refresh) {
        this.context = context;
        this.intervalMillis = interval.toMillis();
        this.refresh = refresh;
    }

    /** Schedules both punctuations on the processor's context, every {@code interval}. */
    public static void schedule(ProcessorContext<?, ?> context, Duration interval, LongConsumer refresh) {
        ArgChecker.notNull(context, "context");
        ArgChecker.positive(interval, "interval");
        ArgChecker.notNull(refresh, "refresh");
        EventTimeRefresh r = new EventTimeRefresh(context, interval, refresh);
        context.schedule(interval, PunctuationType.STREAM_TIME, refresh::accept);
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, r::wallClockCheck);
    }

    private void wallClockCheck(long wallClockNow) {
        long streamTime = context.currentStreamTimeMs();
        if (streamTime != lastStreamTime) {
            lastStreamTime = streamTime;
            streamTimeSeenAt = wallClockNow;
            return;
        }
        long idle = wallClockNow - streamTimeSeenAt;
        if (streamTime >= 0 && idle >= intervalMillis) {
            refresh.accept(streamTime + idle);
        }
    }
}
