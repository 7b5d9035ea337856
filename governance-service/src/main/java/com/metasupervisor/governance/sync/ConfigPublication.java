package com.metasupervisor.governance.sync;

import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.avro.StrategyLimits;
import com.metasupervisor.streams.publish.CatalogPublisher.Keyed;
import java.util.List;

/**
 * Where the sync publishes a revision's changes: {@link CatalogConfigPublication} (Kafka) in the service; a recording
 * one in tests. Both batches are keyed records of compacted topics, so publishing them again is harmless.
 */
public interface ConfigPublication {

    /**
     * Publishes {@code agents} to {@code agents.registry} and {@code limits} to {@code governance.strategy-limits}
     * (an empty batch is skipped) and returns once all were acknowledged.
     *
     * @throws Failure when not everything was acknowledged; the sync publishes the same revision again on its next tick
     */
    void publish(List<Keyed<AgentManifest>> agents, List<Keyed<StrategyLimits>> limits) throws Failure;

    /** Not (entirely) published; the message says why, fit for a log line and the sync's status. */
    final class Failure extends Exception {
        public Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
