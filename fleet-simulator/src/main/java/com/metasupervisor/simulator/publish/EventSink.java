package com.metasupervisor.simulator.publish;

import com.metasupervisor.simulator.SimulatedEvent;
import java.util.List;

/** Where a replay's batches go; returns once the whole batch is written. */
@FunctionalInterface
public interface EventSink {

    void send(List<SimulatedEvent> batch) throws EventSinkException;

    /** A batch that was not (entirely) written. */
    final class EventSinkException extends Exception {
        public EventSinkException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
