package com.metasupervisor.simulator.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Waits until a wall-clock time; the replay's only wait, injected so tests move a fake clock instead. */
@FunctionalInterface
public interface WallClockWait {

    void until(Instant wallTime) throws InterruptedException;

    /** Sleeps on {@code clock} until {@code wallTime}. */
    static WallClockWait sleeping(Clock clock) {
        return wallTime -> {
            Duration left = Duration.between(clock.instant(), wallTime);
            if (left.isPositive()) {
                Thread.sleep(left);
            }
        };
    }
}
