package com.metasupervisor.cli;

import org.slf4j.LoggerFactory;

/**
 * Ctrl-C (SIGINT) handled by the command instead of killing the JVM, so a follower such as {@code tail} ends its loop,
 * closes its consumer and exits 0. Through {@code sun.misc.Signal} (module jdk.unsupported, there for exactly this);
 * where it is missing, Ctrl-C ends the process the default way. Closing puts the previous handler back.
 */
final class StopOnInterrupt implements AutoCloseable {

    private final sun.misc.SignalHandler previous;

    private StopOnInterrupt(sun.misc.SignalHandler previous) {
        this.previous = previous;
    }

    static StopOnInterrupt install(Runnable stop) {
        try {
            return new StopOnInterrupt(sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> stop.run()));
        } catch (IllegalArgumentException | LinkageError e) {
            LoggerFactory.getLogger(StopOnInterrupt.class).debug("SIGINT cannot be handled here; Ctrl-C ends the process", e);
            return new StopOnInterrupt(null);
        }
    }

    @Override
    public void close() {
        if (previous != null) {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), previous);
        }
    }
}
