package com.metasupervisor.governance.topology;

import com.metasupervisor.governance.config.DecisionSettings;
import com.metasupervisor.governance.config.DryRunSettings;
import com.metasupervisor.governance.config.GovernanceSettings;
import com.metasupervisor.governance.config.PromotionGateSettings;
import com.metasupervisor.governance.config.RegimeSettings;
import com.metasupervisor.governance.promotion.PromotionLoopSettings;
import com.metasupervisor.governance.config.StrategyClassSettings;
import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.schemas.TopicSerdes;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.apache.kafka.streams.kstream.KStream;

/** Wires the governance topology into the service's Kafka Streams application. */
@Factory
public class GovernanceStreams {

    @Singleton
    @Named("default")
    KStream<?, ?> governanceTopology(@Named("default") ConfiguredStreamBuilder builder, RegistrySettings registry,
                                     GovernanceSettings settings, DecisionSettings decisions, PromotionGateSettings gate,
                                     StrategyClassSettings classes, RegimeSettings regimes, DryRunSettings dryRun,
                                     PromotionLoopSettings promotionLoop,
                                     Clock clock, DeadLetterMetrics deadLetters) {
        TopicSerdes serdes = TopicSerdes.registry(registry);
        PromotionLoopTopology.add(builder, serdes, promotionLoop, clock, deadLetters);
        return GovernanceTopology.build(builder, serdes, settings, decisions, gate, classes, regimes, dryRun, clock,
                deadLetters);
    }
}
