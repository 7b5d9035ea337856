package com.metasupervisor.product;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.schemas.Topics;
import java.time.Duration;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends the {@link SoakFeed} to {@code market.prices} and {@code alpha.events} as a market feed and a fleet would:
 * tick t, then event t, paced at {@code rate} events per second (the tail of ticks after the last event twice as
 * fast, at least 2 000/s). One idempotent producer (acks=all) whose sends wait out a broker outage: delivery
 * timeout and blocking time 10 minutes, so a SIGKILLed broker's restart loses and duplicates nothing. Counts what
 * the broker acknowledged; an event counts only when acknowledged.
 */
final class Feeder implements AutoCloseable {

    private static final Duration OUTAGE_BUDGET = Duration.ofMinutes(10);
    /** Behind schedule by more than this (a broker outage), the schedule restarts from now: no burst after it. */
    private static final Duration REGISTRY_RETRY = Duration.ofMillis(500);
    private static final long MAX_CATCH_UP_NANOS = Duration.ofSeconds(1).toNanos();

    private final SoakFeed feed;
    private final int rate;
    private final KafkaProducer<String, byte[]> producer;
    private final Serializer<AlphaEvent> events;
    private final Serializer<PriceTick> ticks;
    private final BitSet ackedEvents = new BitSet();
    private final AtomicLong ackedEventCount = new AtomicLong();
    private final AtomicLong ackedTickCount = new AtomicLong();
    private final AtomicLong failedSends = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final AtomicLong sentEvents = new AtomicLong();
    private final AtomicLong serializerWaits = new AtomicLong();
    private volatile long startNanos;
    private volatile long eventsDoneNanos;
    private volatile long endNanos;
    private volatile Throwable crashed;
    private Thread thread;

    Feeder(SoakFeed feed, int rate, String bootstrapServers, String registryUrl) {
        this.feed = feed;
        this.rate = rate;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) OUTAGE_BUDGET.toMillis(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, OUTAGE_BUDGET.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000),
                new StringSerializer(), new ByteArraySerializer());
        // auto-register off: the launcher registered the catalog; the ids the feed writes are the registry's own
        RegistrySettings registry = new RegistrySettings(registryUrl, false);
        this.events = Topics.ALPHA_EVENTS.valueSerde(registry).serializer();
        this.ticks = Topics.MARKET_PRICES.valueSerde(registry).serializer();
    }

    void start() {
        thread = Thread.ofPlatform().name("soak-feeder").start(() -> {
            try {
                feedAll();
            } catch (Throwable t) {
                crashed = t;
            }
        });
    }

    private void feedAll() {
        startNanos = System.nanoTime();
        long scheduleStart = startNanos;
        long scheduled = 0;
        double nanosPerEvent = 1e9 / rate;
        double nanosPerTailTick = 1e9 / Math.max(2_000, 2 * rate);
        for (int t = 0; t < feed.ticks(); t++) {
            boolean tail = t >= feed.events();
            long due = scheduleStart + (long) (scheduled * (tail ? nanosPerTailTick : nanosPerEvent));
            long now = System.nanoTime();
            if (now - due > MAX_CATCH_UP_NANOS) {
                scheduleStart = now; // after an outage: go on at the rate, do not burst the backlog
                scheduled = 0;
            } else if (due > now) {
                LockSupport.parkNanos(due - now); // pacing, not synchronisation
            }
            if (t == feed.events()) {
                eventsDoneNanos = System.nanoTime();
                scheduleStart = eventsDoneNanos;
                scheduled = 0;
            }
            scheduled++;
            sendTick(t);
            if (!tail) {
                sendEvent(t);
            }
        }
        producer.flush();
        endNanos = System.nanoTime();
    }

    private void sendTick(int t) {
        PriceTick tick = feed.tick(t);
        byte[] value = serialize(ticks, Topics.MARKET_PRICES.name(), tick);
        producer.send(new ProducerRecord<>(Topics.MARKET_PRICES.name(), tick.getSymbol(), value), (metadata, e) -> {
            if (e == null) {
                ackedTickCount.incrementAndGet();
            } else {
                failed("tick " + t, e);
            }
        });
    }

    private void sendEvent(int j) {
        AlphaEvent event = feed.event(j);
        byte[] value = serialize(events, Topics.ALPHA_EVENTS.name(), event);
        producer.send(new ProducerRecord<>(Topics.ALPHA_EVENTS.name(), event.getAgent(), value), (metadata, e) -> {
            if (e == null) {
                synchronized (ackedEvents) {
                    ackedEvents.set(j);
                }
                ackedEventCount.incrementAndGet();
            } else {
                failed("event " + j, e);
            }
        });
        sentEvents.incrementAndGet();
    }

    /**
     * The serializer asks the registry for the schema's id now and then (its cache expires): during a registry outage
     * it fails, and the feed waits for the registry as a producer of the product would, up to the outage budget.
     */
    private <V> byte[] serialize(Serializer<V> serializer, String topic, V value) {
        long deadline = System.nanoTime() + OUTAGE_BUDGET.toNanos();
        while (true) {
            try {
                return serializer.serialize(topic, value);
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                serializerWaits.incrementAndGet();
                LockSupport.parkNanos(REGISTRY_RETRY.toNanos()); // back-off before asking the registry again
            }
        }
    }

    /** Serializations retried because the registry did not answer. */
    long serializerWaits() {
        return serializerWaits.get();
    }

    private void failed(String what, Exception e) {
        failedSends.incrementAndGet();
        firstFailure.compareAndSet(null, what + ": " + e);
    }

    long ackedEvents() {
        return ackedEventCount.get();
    }

    long ackedTicks() {
        return ackedTickCount.get();
    }

    long failedSends() {
        return failedSends.get();
    }

    String firstFailure() {
        return firstFailure.get();
    }

    /** The events the broker acknowledged (a copy). */
    BitSet ackedEventSet() {
        synchronized (ackedEvents) {
            return (BitSet) ackedEvents.clone();
        }
    }

    boolean eventsSent() {
        return eventsDoneNanos != 0 || endNanos != 0;
    }

    boolean done() {
        return thread != null && !thread.isAlive();
    }

    /** Rethrows what stopped the feeder, if anything did. */
    void checkNotCrashed() {
        if (crashed != null) {
            throw new IllegalStateException("the feeder stopped: " + crashed, crashed);
        }
    }

    /** Events acknowledged per second of the events' part of the feed. */
    double eventRate() {
        long end = eventsDoneNanos != 0 ? eventsDoneNanos : System.nanoTime();
        return ackedEventCount.get() / ((end - startNanos) / 1e9);
    }

    Duration eventFeedDuration() {
        return Duration.ofNanos((eventsDoneNanos != 0 ? eventsDoneNanos : System.nanoTime()) - startNanos);
    }

    Duration totalDuration() {
        return Duration.ofNanos((endNanos != 0 ? endNanos : System.nanoTime()) - startNanos);
    }

    @Override
    public void close() {
        if (thread != null && thread.isAlive()) {
            thread.interrupt();
        }
        producer.close(Duration.ofSeconds(30));
    }
}
