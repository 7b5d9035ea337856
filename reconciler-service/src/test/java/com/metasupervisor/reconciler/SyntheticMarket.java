package com.metasupervisor.reconciler;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.platform.LocalPlatform;
import com.metasupervisor.schemas.Topics;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A deterministic market for reconciler tests and benchmarks: symbols ticking on a fixed grid with
 * a known price path, and agents' calls spread over a period, merged in time order.
 */
public record SyntheticMarket(Instant start, int symbols, Duration tickEvery, Duration callPeriod, Duration tickPeriod) {

    public static final List<Integer> HORIZONS = List.of(1, 4, 24);

    /** One record to produce: a call (keyed by agent) or a tick (keyed by symbol), at its event time. */
    public sealed interface Item {
        Instant at();
    }

    public record Call(AlphaEvent event) implements Item {
        public Instant at() {
            return event.getEmittedAt();
        }
    }

    public record Tick(PriceTick tick) implements Item {
        public Instant at() {
            return tick.getTs();
        }
    }

    public String symbol(int i) {
        return "SYM" + i;
    }

    /** The known price path: smooth, positive, different per symbol. */
    public double price(String symbol, Instant at) {
        int s = Integer.parseInt(symbol.substring(3));
        double minutes = Duration.between(start, at).toMinutes();
        return 100 + 10 * s + 5 * Math.sin(minutes / 97.0 + s) + minutes / 600.0;
    }

    /** The first grid tick at or after {@code t}. */
    public Instant firstTickAtOrAfter(Instant t) {
        long step = tickEvery.toMillis();
        long offset = Duration.between(start, t).toMillis();
        long k = Math.floorDiv(offset + step - 1, step);
        return start.plusMillis(k * step);
    }

    public List<Item> items(int calls, long seed) {
        Random random = new Random(seed);
        List<Item> items = new ArrayList<>(calls + (int) (symbols * tickPeriod.dividedBy(tickEvery)));
        for (int i = 0; i < calls; i++) {
            Instant at = start.plusMillis((long) (callPeriod.toMillis() * (i + 0.5) / calls));
            String symbol = symbol(random.nextInt(symbols));
            boolean givesEntry = random.nextBoolean();
            items.add(new Call(AlphaEvent.newBuilder()
                    .setEventId("ev-" + i).setAgent("agent-" + (i % 25)).setSymbol(symbol)
                    .setDirection(random.nextBoolean() ? 1 : -1)
                    .setScoreFinal(random.nextDouble() * 2 - 1).setConfidence(random.nextDouble())
                    .setRegime(random.nextInt(3) == 0 ? "RANGE" : "TREND").setEmittedAt(at)
                    .setEntryPrice(givesEntry ? price(symbol, at) : null)
                    .setHorizonsHours(HORIZONS).setStrategyClass(null).build()));
        }
        for (Instant t = start; !t.isAfter(start.plus(tickPeriod)); t = t.plus(tickEvery)) {
            for (int s = 0; s < symbols; s++) {
                items.add(new Tick(PriceTick.newBuilder().setSymbol(symbol(s)).setTs(t).setPrice(price(symbol(s), t)).build()));
            }
        }
        items.sort(Comparator.comparing(Item::at));
        return items;
    }

    /** Produces the items in order: calls to alpha.events by agent, ticks to market.prices by symbol, at event time. */
    public static void produce(LocalPlatform platform, List<SyntheticMarket.Item> items) throws Exception {
        Properties props = platform.clientProperties();
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        try (Serde<AlphaEvent> events = Topics.ALPHA_EVENTS.valueSerde(platform.registry());
             Serde<PriceTick> ticks = Topics.MARKET_PRICES.valueSerde(platform.registry());
             KafkaProducer<String, AlphaEvent> calls = new KafkaProducer<>(props, Topics.ALPHA_EVENTS.keySerde().serializer(), events.serializer());
             KafkaProducer<String, PriceTick> prices = new KafkaProducer<>(props, Topics.MARKET_PRICES.keySerde().serializer(), ticks.serializer())) {
            for (SyntheticMarket.Item item : items) {
                switch (item) {
                    case SyntheticMarket.Call(AlphaEvent e) -> calls.send(new ProducerRecord<>(Topics.ALPHA_EVENTS.name(), null,
                            e.getEmittedAt().toEpochMilli(), e.getAgent(), e));
                    case SyntheticMarket.Tick(PriceTick t) -> prices.send(new ProducerRecord<>(Topics.MARKET_PRICES.name(), null,
                            t.getTs().toEpochMilli(), t.getSymbol(), t));
                }
            }
        }
    }

}
