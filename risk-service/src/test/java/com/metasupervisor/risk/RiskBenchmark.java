package com.metasupervisor.risk;

import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.platform.LocalPlatform;
import com.metasupervisor.platform.bench.PassthroughBaseline;
import com.metasupervisor.risk.config.CvarSettings;
import com.metasupervisor.risk.config.RiskSettings;
import com.metasupervisor.risk.topology.RiskTopology;
import com.metasupervisor.schemas.TopicSerdes;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.streams.StreamsConventions;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Not a test: N reconciled rows (default 300 000: 100 000 calls × 3 horizons, 60 agents, 4 strategy
 * classes × 3 regimes, 45 days of matured_at) through the risk topology on the embedded broker, and the
 * same records through a plain consume→produce copy on the same broker in the same run. The risk topology
 * runs once per {@code risk.cvar.max-rows} of {@link #MAX_ROWS} (a fresh application each time, same rows,
 * same broker), with max-age {@link #MAX_AGE} so that the count alone bounds the 36 CVaR windows: the ratio
 * of their throughputs shows whether a row's cost grows with the window (target: at 20 000 ≥ 0.8 × at 200).
 * A window reaches min(max-rows, rows / 36) rows: 720 000 rows fill every 20 000-row window.
 * Done = the application's committed offsets reached the end of alpha.reconciled and of its repartition topic.
 * {@code ./ms bench risk [rows]}
 */
public final class RiskBenchmark {

    private static final String[] STRATEGIES = {"arb", "funding", "macro", "momentum"};
    private static final String[] REGIMES = {"TREND", "RANGE", "CRISIS"};
    private static final int[] HORIZONS = {1, 4, 24};
    private static final int AGENTS = 60;
    private static final int[] MAX_ROWS = {200, 20_000};
    /** Longer than the rows' 45 days of matured_at: no row ages out, the window is bounded by max-rows only. */
    private static final Duration MAX_AGE = Duration.ofDays(60);

    public static void main(String[] args) throws Exception {
        if (RiskLatencyBenchmark.isRequested(args)) {
            RiskLatencyBenchmark.main(args);
            return;
        }
        int rows = args.length > 0 && !args[0].isBlank() ? Integer.parseInt(args[0].strip()) : 300_000;
        try (LocalPlatform platform = LocalPlatform.start()) {
            long loadStarted = System.nanoTime();
            produce(platform, rows);
            System.out.printf("loaded %,d reconciled rows in %.1f s%n", rows, seconds(loadStarted));

            double passthrough = PassthroughBaseline.recordsPerSecond(platform, List.of(Topics.ALPHA_RECONCILED.name()), rows,
                    Topics.ALPHA_RECONCILED.partitions());
            double[] risk = new double[MAX_ROWS.length];
            for (int i = 0; i < MAX_ROWS.length; i++) {
                risk[i] = risk(platform, rows, withMaxRows(MAX_ROWS[i]));
            }

            System.out.println();
            System.out.printf("%-52s %,12.0f rows/s%n", "plain consume->produce passthrough:", passthrough);
            for (int i = 0; i < MAX_ROWS.length; i++) {
                String name = String.format("risk topology, cvar.max-rows %,d (exactly-once):", MAX_ROWS[i]);
                System.out.printf("%-52s %,12.0f rows/s   %.2f × passthrough   windows of %,d rows%n", name, risk[i],
                        risk[i] / passthrough, Math.min(MAX_ROWS[i], rows / (STRATEGIES.length * REGIMES.length * HORIZONS.length)));
            }
            System.out.printf("%-52s %12.2f   (target >= 0.80)%n", String.format("throughput at max-rows %,d / at %,d:",
                    MAX_ROWS[MAX_ROWS.length - 1], MAX_ROWS[0]), risk[MAX_ROWS.length - 1] / risk[0]);
        }
        RiskLatencyBenchmark.main(new String[0]); // on a fresh platform: the rows above would be its backlog
    }

    private static void produce(LocalPlatform platform, int rows) throws Exception {
        Random random = new Random(42);
        Instant start = Instant.now().minus(Duration.ofDays(46)).truncatedTo(ChronoUnit.HOURS);
        long span = Duration.ofDays(45).toMillis();
        Properties p = platform.clientProperties();
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        try (Serde<ReconciledAlpha> values = Topics.ALPHA_RECONCILED.valueSerde(platform.registry());
             KafkaProducer<String, ReconciledAlpha> producer = new KafkaProducer<>(p, Topics.ALPHA_RECONCILED.keySerde().serializer(),
                     values.serializer())) {
            for (int i = 0; i < rows; i++) {
                int agentNo = random.nextInt(AGENTS);
                String agent = "agent-" + agentNo;
                int horizon = HORIZONS[i % 3];
                Instant maturedAt = start.plusMillis(span * i / rows);
                double expected = random.nextGaussian() * 10;
                double realized = expected + random.nextGaussian() * (agentNo % 10 == 0 ? 120 : 40);
                double error = realized - expected;
                ReconciledAlpha row = ReconciledAlpha.newBuilder()
                        .setEventId("e" + i / 3).setAgent(agent).setStrategyClass(STRATEGIES[agentNo % STRATEGIES.length])
                        .setSymbol("BTC").setRegime(REGIMES[random.nextInt(REGIMES.length)]).setHorizonHours(horizon)
                        .setEmittedAt(maturedAt.minus(Duration.ofHours(horizon))).setMaturedAt(maturedAt)
                        .setDirection(1).setScoreFinal(0.5).setConfidence(0.6)
                        .setEntryPrice(100.0).setExitPrice(100.0 * (1 + realized / 10_000))
                        .setRealizedPnlBps(realized).setExpectedPnlBps(expected).setExpectedSigmaBps(40.0)
                        .setPnlErrorBps(error).setAbsErrorBps(Math.abs(error)).setSimVersion("ridge_h" + horizon + "_v1")
                        .setHit(realized > 0).build();
                producer.send(new ProducerRecord<>(Topics.ALPHA_RECONCILED.name(), agent, row));
            }
            producer.flush();
        }
    }

    /** Rows/s of the risk topology from RUNNING until its committed offsets reach the end of its inputs. */
    private static RiskSettings withMaxRows(int maxRows) {
        RiskSettings d = RiskSettings.defaults();
        return new RiskSettings(d.scoringHorizonHours(), d.refreshInterval(), new CvarSettings(maxRows, MAX_AGE, d.cvar().tail()),
                d.stats(), d.multiplier(), d.divergence());
    }

    private static double risk(LocalPlatform platform, int rows, RiskSettings settings) throws Exception {
        String applicationId = "bench-risk-" + UUID.randomUUID();
        StreamsBuilder builder = new StreamsBuilder();
        DeadLetterMetrics deadLetters = DeadLetterMetrics.standalone();
        System.out.printf("risk topology with cvar.max-rows %,d, max-age %s%n", settings.cvar().maxRows(), settings.cvar().maxAge());
        RiskTopology.build(builder, TopicSerdes.registry(platform.registry()), settings, Clock.systemUTC(), deadLetters);
        Properties props = StreamsConventions.forApplication(applicationId, platform.bootstrapServers(), deadLetters);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("bench-state").toString());
        for (String tuning : System.getProperty("bench.streams", "").split(",")) {
            if (tuning.contains("=")) {
                props.put(tuning.substring(0, tuning.indexOf('=')), tuning.substring(tuning.indexOf('=') + 1));
            }
        }
        System.out.println("risk streams settings: " + System.getProperty("bench.streams", "(defaults)"));
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props); Admin admin = platform.admin()) {
            streams.start();
            while (streams.state() != KafkaStreams.State.RUNNING) {
                Thread.sleep(10); // start-up (rebalance, global table) is not throughput
            }
            long started = System.nanoTime();
            long lastReport = System.nanoTime();
            long lag;
            while ((lag = lag(admin, applicationId)) > 0) {
                if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                    throw new IllegalStateException("risk topology stopped: " + streams.state());
                }
                if (System.nanoTime() - lastReport > 5_000_000_000L) {
                    System.out.printf("  risk: %,d records behind after %.0f s%n", lag, seconds(started));
                    lastReport = System.nanoTime();
                }
                Thread.sleep(100); // progress poll of a benchmark, not test synchronisation
            }
            double elapsed = seconds(started);
            System.out.printf("risk: %,d rows in %.1f s%n", rows, elapsed);
            return rows / elapsed;
        }
    }

    /**
     * Records the application has not committed yet, on alpha.reconciled and its repartition topic (the
     * last stable offset: transaction markers are not records to process). Before the first commit of
     * every input partition, the whole input counts as behind.
     */
    private static long lag(Admin admin, String applicationId) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata().get();
        List<TopicPartition> inputs = java.util.stream.IntStream.range(0, Topics.ALPHA_RECONCILED.partitions())
                .mapToObj(p -> new TopicPartition(Topics.ALPHA_RECONCILED.name(), p)).collect(Collectors.toList());
        committed.keySet().stream().filter(tp -> tp.topic().startsWith(applicationId)).forEach(inputs::add);
        Map<TopicPartition, OffsetSpec> latest = inputs.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        long lag = 0;
        for (TopicPartition tp : inputs) {
            OffsetAndMetadata done = committed.get(tp);
            long end = ends.get(tp).offset();
            lag += Math.max(0, end - (done == null ? 0 : done.offset()));
        }
        return lag;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
