package com.metasupervisor.platform;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How every child process is stopped: SIGTERM, so that it closes cleanly (a service commits, the broker shuts down
 * in a controlled way), then SIGKILL if it has not ended within its time.
 */
final class ProcessStop {

    /** How it ended: by itself after SIGTERM, by the SIGKILL, or not even then. */
    enum Outcome { ENDED, KILLED, SURVIVED }

    private ProcessStop() {
    }

    /**
     * SIGTERM, up to {@code timeout} for it to end, then SIGKILL and up to {@code killWait}. Interrupted: SIGKILL
     * without waiting (the interrupt stays set).
     */
    static Outcome gracefully(ProcessHandle process, Duration timeout, Duration killWait) {
        CompletableFuture<ProcessHandle> exit = process.onExit();
        process.destroy();
        if (ended(exit, timeout)) {
            return Outcome.ENDED;
        }
        process.destroyForcibly();
        return ended(exit, killWait) ? Outcome.KILLED : Outcome.SURVIVED;
    }

    private static boolean ended(CompletableFuture<ProcessHandle> exit, Duration timeout) {
        if (Thread.currentThread().isInterrupted()) {
            return exit.isDone();
        }
        try {
            exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true; // onExit does not fail
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return exit.isDone();
        }
    }
}
