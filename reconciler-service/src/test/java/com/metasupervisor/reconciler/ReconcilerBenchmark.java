package com.metasupervisor.reconciler;

import com.metasupervisor.platform.LocalPlatform;
import com.metasupervisor.platform.bench.PassthroughBaseline;
import com.metasupervisor.reconciler.config.ReconcilerSettings;
import com.metasupervisor.reconciler.topology.ReconcilerMetrics;
import com.metasupervisor.reconciler.topology.ReconcilerTopology;
import com.metasupervisor.schemas.TopicSerdes;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.streams.StreamsConventions;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Not a test: pushes N calls (default 200 000) with their prices through the reconciler topology
 * on the embedded broker, and, on the same broker in the same run, the same records through a
 * plain consume→produce loop. Prints both rates and their ratio. Both clocks start when records
 * first flow (the passthrough's first poll with records; the topology once RUNNING).
 * {@code ./ms bench [calls]}
 */
public final class ReconcilerBenchmark {

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 && !args[0].isBlank() ? Integer.parseInt(args[0].strip()) : 200_000;
        try (LocalPlatform platform = LocalPlatform.start()) {
            Instant start = Instant.now().minus(Duration.ofDays(4)).truncatedTo(ChronoUnit.HOURS);
            SyntheticMarket market = new SyntheticMarket(start, 50, Duration.ofMinutes(5), Duration.ofHours(24), Duration.ofHours(50));
            List<SyntheticMarket.Item> items = market.items(calls, 7);
            long ticks = items.size() - calls;
            long loadStarted = System.nanoTime();
            SyntheticMarket.produce(platform, items);
            System.out.printf("loaded %,d calls and %,d ticks in %.1f s%n", calls, ticks, seconds(loadStarted));

            double passthrough = PassthroughBaseline.recordsPerSecond(platform,
                    List.of(Topics.ALPHA_EVENTS.name(), Topics.MARKET_PRICES.name()), items.size(), Topics.ALPHA_RECONCILED.partitions());
            double reconciler = reconciler(platform, calls, items.size());

            if (System.getenv("BENCH_HOLD") != null) {
                System.out.println("HOLD " + platform.bootstrapServers());
                Thread.sleep(Long.parseLong(System.getenv("BENCH_HOLD")));
            }
            System.out.println();
            System.out.printf("%-44s %,12.0f calls/s (%,.0f input records/s)%n", "plain consume->produce passthrough:",
                    passthrough * calls / items.size(), passthrough);
            System.out.printf("%-44s %,12.0f calls/s (%,.0f input records/s, %,d rows out)%n",
                    "reconciler topology (exactly-once):", reconciler * calls / items.size(), reconciler, 3L * calls);
            System.out.printf("%-44s %12.2f%n", "ratio reconciler / passthrough:", reconciler / passthrough);
        }
    }

    /** Input records/s of the reconciler topology, until every (call, horizon) has its outcome. */
    private static double reconciler(LocalPlatform platform, int calls, long inputs) throws Exception {
        ReconcilerMetrics metrics = new ReconcilerMetrics(new SimpleMeterRegistry());
        StreamsBuilder builder = new StreamsBuilder();
        // every record is loaded before the topology starts: a catch-up of the whole market, which the
        // default catch-up bound (reconciler.price-history, 7 days) spans
        ReconcilerSettings settings = ReconcilerSettings.defaults();
        ReconcilerTopology.build(builder, TopicSerdes.registry(platform.registry()), settings,
                Clock.systemUTC(), metrics, DeadLetterMetrics.standalone());
        Properties props = StreamsConventions.forApplication("bench-reconciler-" + UUID.randomUUID(), platform.bootstrapServers(),
                DeadLetterMetrics.standalone());
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("bench-state").toString());
        for (String tuning : System.getProperty("bench.streams", "").split(",")) {
            if (tuning.contains("=")) {
                props.put(tuning.substring(0, tuning.indexOf('=')), tuning.substring(tuning.indexOf('=') + 1));
            }
        }
        System.out.println("reconciler streams settings: " + System.getProperty("bench.streams", "(defaults)"));
        long expected = 3L * calls;
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            while (streams.state() != KafkaStreams.State.RUNNING) {
                Thread.sleep(10); // start-up (rebalance, global tables) is not throughput either
            }
            long started = System.nanoTime();
            long lastReport = System.nanoTime();
            while (metrics.reconciledRows() + metrics.givenUpCount() < expected) {
                if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                    throw new IllegalStateException("reconciler stopped: " + streams.state());
                }
                if (System.nanoTime() - lastReport > 5_000_000_000L) {
                    System.out.printf("  reconciler: %,.0f of %,d rows after %.0f s%n", metrics.reconciledRows(), expected, seconds(started));
                    lastReport = System.nanoTime();
                }
                Thread.sleep(50); // progress poll of a benchmark, not test synchronisation
            }
            double elapsed = seconds(started);
            System.out.printf("reconciler: %,.0f rows (+%,.0f given up) in %.1f s%n", metrics.reconciledRows(),
                    metrics.givenUpCount(), elapsed);
            return inputs / elapsed;
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
