package com.metasupervisor.configrepo.github;

import java.time.Duration;

/** Waits (rate limits, request spacing); injectable so tests wait on a manual clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration);

    void sleep(Duration duration) throws InterruptedException;
}
