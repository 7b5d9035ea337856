package com.metasupervisor.simulator.publish;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.simulator.AgentCall;
import com.metasupervisor.simulator.MarketTick;
import com.metasupervisor.simulator.SimulatedEvent;
import com.metasupervisor.streams.connection.KafkaConnection;
import com.metasupervisor.streams.publish.CatalogPublisher;
import com.metasupervisor.streams.publish.CatalogPublisher.Keyed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes ticks to {@code market.prices} (key symbol) and calls to {@code alpha.events} (key agent) through streams-kit's
 * {@link CatalogPublisher}, each record stamped with its event's time (the simulated past). A batch's ticks go before
 * its calls, so a call's entry tick is written no later than the call.
 */
public final class KafkaEventSink implements EventSink, AutoCloseable {

    private final CatalogPublisher publisher;

    public KafkaEventSink(CatalogPublisher publisher) {
        this.publisher = publisher;
    }

    public static KafkaEventSink create(String bootstrapServers, RegistrySettings registry, String clientId, Duration sendTimeout) {
        return create(KafkaConnection.plaintext(bootstrapServers), registry, clientId, sendTimeout);
    }

    /** The same on a cluster that wants its client to log in ({@code connection}'s security settings). */
    public static KafkaEventSink create(KafkaConnection connection, RegistrySettings registry, String clientId, Duration sendTimeout) {
        return new KafkaEventSink(CatalogPublisher.create(connection, registry, clientId, sendTimeout));
    }

    @Override
    public void send(List<SimulatedEvent> batch) throws EventSinkException {
        List<Keyed<PriceTick>> ticks = new ArrayList<>();
        List<Keyed<AlphaEvent>> calls = new ArrayList<>();
        for (SimulatedEvent event : batch) {
            switch (event) {
                case MarketTick tick -> ticks.add(new Keyed<>(tick.symbol(), AvroEvents.priceTick(tick), tick.at()));
                case AgentCall call -> calls.add(new Keyed<>(call.agent(), AvroEvents.alphaEvent(call), call.at()));
            }
        }
        try {
            if (!ticks.isEmpty()) {
                publisher.publish(Topics.MARKET_PRICES, ticks);
            }
            if (!calls.isEmpty()) {
                publisher.publish(Topics.ALPHA_EVENTS, calls);
            }
        } catch (CatalogPublisher.PublishException e) {
            throw new EventSinkException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        publisher.close();
    }
}
