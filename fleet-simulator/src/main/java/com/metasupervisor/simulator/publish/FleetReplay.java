package com.metasupervisor.simulator.publish;

import com.metasupervisor.simulator.AgentCall;
import com.metasupervisor.simulator.MarketTick;
import com.metasupervisor.simulator.SimulatedEvent;
import com.metasupervisor.streams.check.ArgChecker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Replays a simulated past compressed: event time {@code t} is sent at wall time {@code wallStart + (t − first)/speed},
 * in batches of what is due, and never before the wall clock has reached {@code t} (Kafka refuses records stamped more
 * than an hour ahead of its clock, and a live supervisor must not see the future). Progress is reported each simulated
 * {@code progressEvery} and once at the end.
 */
public final class FleetReplay {

    private final EventSink sink;
    private final Clock clock;
    private final WallClockWait wait;
    private final ReplaySpeed speed;
    private final int batchSize;
    private final Duration progressEvery;
    private final Consumer<ReplayProgress> progress;

    public FleetReplay(EventSink sink, Clock clock, WallClockWait wait, ReplaySpeed speed, int batchSize, Duration progressEvery,
                       Consumer<ReplayProgress> progress) {
        this.sink = ArgChecker.notNull(sink, "sink");
        this.clock = ArgChecker.notNull(clock, "clock");
        this.wait = ArgChecker.notNull(wait, "wait");
        this.speed = ArgChecker.notNull(speed, "speed");
        this.batchSize = ArgChecker.positive(batchSize, "batchSize");
        this.progressEvery = ArgChecker.positive(progressEvery, "progressEvery");
        this.progress = ArgChecker.notNull(progress, "progress");
    }

    /** Sends {@code events} (in event-time order) and returns what was sent. */
    public ReplayTotals replay(List<? extends SimulatedEvent> events) throws EventSink.EventSinkException, InterruptedException {
        Instant wallStart = clock.instant();
        if (events.isEmpty()) {
            return new ReplayTotals(0, 0, 0, Duration.ZERO);
        }
        Instant first = events.getFirst().at();
        Instant nextProgress = first.plus(progressEvery);
        long ticks = 0;
        long calls = 0;
        long bad = 0;
        int next = 0;
        List<SimulatedEvent> batch = new ArrayList<>(batchSize);
        while (next < events.size()) {
            SimulatedEvent event = events.get(next);
            ArgChecker.isTrue(next == 0 || !event.at().isBefore(events.get(next - 1).at()), "events must be in event-time order");
            Instant due = dueAt(event.at(), first, wallStart);
            Instant now = clock.instant();
            if (due.isAfter(now)) {
                if (!batch.isEmpty()) {
                    sink.send(List.copyOf(batch));
                    batch.clear();
                }
                wait.until(due);
                continue;
            }
            batch.add(event);
            next++;
            switch (event) {
                case MarketTick tick -> ticks++;
                case AgentCall call -> {
                    calls++;
                    if (call.isBad()) {
                        bad++;
                    }
                }
            }
            boolean last = next == events.size();
            if (batch.size() == batchSize || last) {
                sink.send(List.copyOf(batch));
                batch.clear();
            }
            if (last || !event.at().isBefore(nextProgress)) {
                while (!event.at().isBefore(nextProgress)) {
                    nextProgress = nextProgress.plus(progressEvery);
                }
                if (!batch.isEmpty()) {
                    sink.send(List.copyOf(batch));
                    batch.clear();
                }
                progress.accept(new ReplayProgress(event.at(), next, rate(next, wallStart)));
            }
        }
        return new ReplayTotals(ticks, calls, bad, Duration.between(wallStart, clock.instant()));
    }

    /** When an event is due: its compressed time, but never before the wall clock reaches the event itself. */
    private Instant dueAt(Instant eventTime, Instant first, Instant wallStart) {
        Instant compressed = wallStart.plus(speed.wallTimeOf(Duration.between(first, eventTime)));
        return compressed.isAfter(eventTime) ? compressed : eventTime;
    }

    private double rate(long sent, Instant wallStart) {
        double seconds = Duration.between(wallStart, clock.instant()).toNanos() / 1e9;
        return seconds > 0 ? sent / seconds : 0;
    }
}
