package com.metasupervisor.governance.sync;

import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.avro.StrategyLimits;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.streams.publish.CatalogPublisher;
import com.metasupervisor.streams.publish.CatalogPublisher.Keyed;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Objects;

/** {@link ConfigPublication} through streams-kit's {@link CatalogPublisher} (one idempotent producer, registry serdes). */
@Singleton
public final class CatalogConfigPublication implements ConfigPublication {

    private final CatalogPublisher publisher;

    public CatalogConfigPublication(CatalogPublisher publisher) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public void publish(List<Keyed<AgentManifest>> agents, List<Keyed<StrategyLimits>> limits) throws Failure {
        try {
            if (!agents.isEmpty()) {
                publisher.publish(Topics.AGENTS_REGISTRY, agents);
            }
            if (!limits.isEmpty()) {
                publisher.publish(Topics.GOVERNANCE_STRATEGY_LIMITS, limits);
            }
        } catch (CatalogPublisher.PublishException e) {
            throw new Failure(e.getMessage(), e);
        }
    }
}
