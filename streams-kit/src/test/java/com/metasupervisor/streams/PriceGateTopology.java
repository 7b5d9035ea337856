package com.metasupervisor.streams;

import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import com.metasupervisor.streams.validation.Sourced;
import com.metasupervisor.streams.validation.ValidationStep;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;

/** The smallest service the kit supports: read prices, keep the valid ones. Test-only. */
@Factory
@Requires(property = PriceGateTopology.ENABLED)
public class PriceGateTopology {

    static final String ENABLED = "test.price-gate.enabled";
    static final String VALID_PRICES = "kit-test.valid-prices";

    @Singleton
    @Named("default")
    KStream<String, PriceTick> validPrices(@Named("default") ConfiguredStreamBuilder builder, RegistrySettings registry,
                                           DeadLetterMetrics deadLetters, Clock clock) {
        Serde<PriceTick> ticks = Topics.MARKET_PRICES.valueSerde(registry);
        // prices in; bytes that do not deserialise leave for market.prices.dlq on the way
        KStream<String, Sourced<PriceTick>> prices = builder.stream(Topics.MARKET_PRICES.name(),
                Consumed.with(Topics.MARKET_PRICES.keySerde(), Sourced.serde(ticks)));
        // invalid ticks to market.prices.dlq, the valid ones out
        KStream<String, PriceTick> valid = new ValidationStep(deadLetters, clock)
                .validate(prices, Topics.MARKET_PRICES, new SymbolAndPositivePrice());
        valid.to(VALID_PRICES, Produced.with(Topics.MARKET_PRICES.keySerde(), ticks));
        return valid;
    }
}
