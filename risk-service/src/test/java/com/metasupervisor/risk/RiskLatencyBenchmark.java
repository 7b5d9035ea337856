package com.metasupervisor.risk;

import com.metasupervisor.platform.bench.LatencySamples;
import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AlertTransition;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.platform.LocalPlatform;
import com.metasupervisor.risk.config.RiskSettings;
import com.metasupervisor.risk.topology.RiskTopology;
import com.metasupervisor.schemas.TopicSerdes;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.streams.StreamsConventions;
import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Not a test: latency of the risk topology on the embedded broker, from a reconciled row acknowledged on
 * {@code alpha.reconciled} to the {@code risk.agent-stats} record (and {@code alerts} record, for a row that
 * trips one) it causes becoming readable to a {@code read_committed} consumer, under a paced background load
 * of 1 000 rows/s (200 agents, horizons 1 / 4 / 24 h, matured now).
 *
 * <p>The topology runs as the service does: {@link StreamsConventions} (exactly-once v2) with the default
 * commit interval, printed, since a transaction's records are readable only once it commits. Each of
 * {@value #PROBE_AGENTS} probe agents sends one row of the scoring horizon at a time and the next only once the
 * row has settled: its AgentStats (n = rows sent) was read and the consumer has read every alerts partition up
 * to the last stable offset seen after that, so an alert read meanwhile was caused by that row. A probe agent
 * sends {@value #CALIBRATED_ROWS} calibrated rows, then rows 250 bps worse than expected until its divergence
 * alert opens, then starts over as a new agent (alert latencies come from those transitions).
 * {@code ./ms bench risk latency [seconds]} (default 60 s measured after a 20 s warm-up).
 */
public final class RiskLatencyBenchmark {

    /** The argument of {@code ./ms bench risk} that runs this benchmark alone. */
    public static final String ARGUMENT = "latency";

    private static final int BACKGROUND_ROWS_PER_SECOND = 1_000;
    private static final int BACKGROUND_AGENTS = 200;
    private static final int PROBE_AGENTS = 16;
    private static final int CALIBRATED_ROWS = 30;
    /** A probe agent whose break never opens an alert starts over after this many rows. */
    private static final int MAX_ROWS_PER_PROBE_AGENT = 200;
    private static final double BREAK_BPS = 250;
    private static final double SIGMA_BPS = 40;
    /** Past the first transactions of a fresh broker, which may stall for seconds (CONCURRENT_TRANSACTIONS retries). */
    private static final Duration WARM_UP = Duration.ofSeconds(20);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);
    private static final String PROBE_PREFIX = "probe-";
    private static final String[] STRATEGIES = {"arb", "funding", "macro", "momentum"};
    private static final String[] REGIMES = {"TREND", "RANGE", "CRISIS"};
    private static final int[] HORIZONS = {1, 4, 24};

    private RiskLatencyBenchmark() {
    }

    /** True when {@code ./ms bench risk} was given {@value #ARGUMENT} (as its first word). */
    public static boolean isRequested(String[] args) {
        return args.length > 0 && args[0].strip().startsWith(ARGUMENT);
    }

    /** {@code [latency] [seconds]}: the measured seconds after the warm-up (default 60). */
    public static void main(String[] args) throws Exception {
        String[] words = String.join(" ", args).strip().split("\\s+");
        List<String> rest = Arrays.stream(words).filter(w -> !w.isBlank() && !w.equals(ARGUMENT)).toList();
        Duration measured = Duration.ofSeconds(rest.isEmpty() ? 60 : Long.parseLong(rest.getFirst()));
        try (LocalPlatform platform = LocalPlatform.start()) {
            run(platform, measured);
        }
    }

    private static void run(LocalPlatform platform, Duration measured) throws Exception {
        int scoring = RiskSettings.defaults().scoringHorizonHours();
        String applicationId = "bench-risk-latency-" + UUID.randomUUID();
        StreamsBuilder builder = new StreamsBuilder();
        DeadLetterMetrics deadLetters = DeadLetterMetrics.standalone();
        RiskTopology.build(builder, TopicSerdes.registry(platform.registry()), RiskSettings.defaults(), Clock.systemUTC(), deadLetters);
        Properties props = StreamsConventions.forApplication(applicationId, platform.bootstrapServers(), deadLetters);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("bench-latency-state").toString());
        for (String tuning : System.getProperty("bench.streams", "").split(",")) {
            if (tuning.contains("=")) {
                props.put(tuning.substring(0, tuning.indexOf('=')), tuning.substring(tuning.indexOf('=') + 1));
            }
        }
        StreamsConfig effective = new StreamsConfig(props);
        System.out.printf("risk latency: %s, commit.interval.ms = %d (a transaction's output is readable only after its commit), "
                        + "streams settings: %s%n", effective.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG),
                effective.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG), System.getProperty("bench.streams", "(defaults)"));
        System.out.printf("background %,d rows/s over %d agents; %d probe agents (horizon %d h), one row each at a time; "
                + "%d s warm-up, %d s measured%n", BACKGROUND_ROWS_PER_SECOND, BACKGROUND_AGENTS, PROBE_AGENTS, scoring,
                WARM_UP.toSeconds(), measured.toSeconds());

        try (Serde<ReconciledAlpha> rows = Topics.ALPHA_RECONCILED.valueSerde(platform.registry());
             Serde<AgentStats> stats = Topics.RISK_AGENT_STATS.valueSerde(platform.registry());
             Serde<Alert> alerts = Topics.ALERTS.valueSerde(platform.registry());
             KafkaProducer<String, ReconciledAlpha> background = producer(platform, rows, 5);
             KafkaProducer<String, ReconciledAlpha> probes = producer(platform, rows, 0);
             KafkaConsumer<String, byte[]> outputs = outputConsumer(platform);
             KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            long startDeadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (streams.state() != KafkaStreams.State.RUNNING) {
                if (System.nanoTime() > startDeadline) {
                    throw new IllegalStateException("risk topology not RUNNING after 2 min: " + streams.state());
                }
                Thread.sleep(10); // start-up (rebalance, global table) is not latency
            }
            AtomicLong backgroundSent = new AtomicLong();
            ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
            try {
                pacer.scheduleAtFixedRate(new BackgroundRows(background, backgroundSent), 0, 10, TimeUnit.MILLISECONDS);
                ProbeLoop loop = new ProbeLoop(probes, outputs, stats.deserializer(), alerts.deserializer(), scoring, streams);
                long backgroundStart = backgroundSent.get();
                long started = System.nanoTime();
                loop.run(WARM_UP, "warm-up");
                loop.clear();
                long measuredFrom = backgroundSent.get();
                long measuredStart = System.nanoTime();
                loop.run(measured, "measured");
                double backgroundRate = (backgroundSent.get() - measuredFrom) / ((System.nanoTime() - measuredStart) / 1e9);
                System.out.println();
                System.out.printf("background rows: %,d sent in %.0f s (%,.0f rows/s while measured)%n",
                        backgroundSent.get() - backgroundStart, (System.nanoTime() - started) / 1e9, backgroundRate);
                System.out.printf("probe agents started: %d; probe rows while measured: %,d (%,.0f rows/s on top of the background)%n",
                        loop.probeAgentsStarted(), loop.statsLatencies.size(), loop.statsLatencies.size() / (measured.toNanos() / 1e9));
                System.out.println(LatencySamples.of("row -> AgentStats readable (read_committed)", loop.statsLatencies));
                System.out.println(LatencySamples.of("row -> alert readable (read_committed)", loop.alertLatencies));
            } finally {
                pacer.shutdownNow();
                pacer.awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }

    private static KafkaProducer<String, ReconciledAlpha> producer(LocalPlatform platform, Serde<ReconciledAlpha> rows, int lingerMs) {
        Properties p = platform.clientProperties();
        p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        return new KafkaProducer<>(p, Topics.ALPHA_RECONCILED.keySerde().serializer(), rows.serializer());
    }

    /** Every partition of risk.agent-stats and alerts from their end, as a downstream service reads them. */
    private static KafkaConsumer<String, byte[]> outputConsumer(LocalPlatform platform) {
        Properties p = platform.clientProperties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5); // the fetch returns at once when a commit makes records readable
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        IntStream.range(0, Topics.RISK_AGENT_STATS.partitions())
                .forEach(i -> partitions.add(new TopicPartition(Topics.RISK_AGENT_STATS.name(), i)));
        IntStream.range(0, Topics.ALERTS.partitions()).forEach(i -> partitions.add(new TopicPartition(Topics.ALERTS.name(), i)));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before any probe row is sent
        return consumer;
    }

    /** One row of a calibrated or broken agent, matured now. */
    private static ReconciledAlpha row(Random random, String agent, int agentNo, int horizon, double bias) {
        Instant maturedAt = Instant.now();
        double expected = random.nextGaussian() * 10;
        double realized = expected + bias + random.nextGaussian() * SIGMA_BPS;
        double error = realized - expected;
        return ReconciledAlpha.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setAgent(agent).setStrategyClass(STRATEGIES[agentNo % STRATEGIES.length])
                .setSymbol("BTC").setRegime(REGIMES[random.nextInt(REGIMES.length)]).setHorizonHours(horizon)
                .setEmittedAt(maturedAt.minus(Duration.ofHours(horizon))).setMaturedAt(maturedAt)
                .setDirection(1).setScoreFinal(0.5).setConfidence(0.6)
                .setEntryPrice(100.0).setExitPrice(100.0 * (1 + realized / 10_000))
                .setRealizedPnlBps(realized).setExpectedPnlBps(expected).setExpectedSigmaBps(SIGMA_BPS)
                .setPnlErrorBps(error).setAbsErrorBps(Math.abs(error)).setSimVersion("ridge_h" + horizon + "_v1")
                .setHit(realized > 0).build();
    }

    /** 10 background rows per 10 ms tick (a fixed-rate schedule catches up after a late tick). */
    private record BackgroundRows(Producer<String, ReconciledAlpha> producer, AtomicLong sent) implements Runnable {
        private static final int PER_TICK = BACKGROUND_ROWS_PER_SECOND / 100;
        private static final Random RANDOM = new Random(42);

        @Override
        public void run() {
            for (int i = 0; i < PER_TICK; i++) {
                long n = sent.getAndIncrement();
                int agentNo = RANDOM.nextInt(BACKGROUND_AGENTS);
                String agent = "agent-" + agentNo;
                producer.send(new ProducerRecord<>(Topics.ALPHA_RECONCILED.name(), agent,
                        row(RANDOM, agent, agentNo, HORIZONS[(int) (n % HORIZONS.length)], 0)));
            }
        }
    }

    /** A probe agent's row in flight: acknowledged when the producer's callback ran (0 before). */
    private static final class ProbeAgent {
        private final String name;
        private final int number;
        private int rowsSent;
        private volatile long ackedNanos;
        private long statsReadNanos;
        private Map<TopicPartition, Long> alertsToRead = Map.of();
        private boolean opened;
        private long sentNanos;
        private final List<Long> alertReadNanos = new ArrayList<>();

        ProbeAgent(String name, int number) {
            this.name = ArgChecker.notBlank(name, "name");
            this.number = number;
        }
    }

    /**
     * One thread: polls the outputs, matches each probe agent's AgentStats (by n) and alerts, and sends its next
     * row once the last one settled.
     */
    private static final class ProbeLoop {
        private final Producer<String, ReconciledAlpha> producer;
        private final KafkaConsumer<String, byte[]> outputs;
        private final Deserializer<AgentStats> stats;
        private final Deserializer<Alert> alerts;
        private final int scoring;
        private final KafkaStreams streams;
        private final Random random = new Random(7);
        private final Map<String, ProbeAgent> agents = new HashMap<>();
        private final List<TopicPartition> alertPartitions;
        private int started;
        final List<Long> statsLatencies = new ArrayList<>();
        final List<Long> alertLatencies = new ArrayList<>();

        ProbeLoop(Producer<String, ReconciledAlpha> producer, KafkaConsumer<String, byte[]> outputs, Deserializer<AgentStats> stats,
                  Deserializer<Alert> alerts, int scoring, KafkaStreams streams) {
            this.producer = producer;
            this.outputs = outputs;
            this.stats = stats;
            this.alerts = alerts;
            this.scoring = scoring;
            this.streams = streams;
            this.alertPartitions = outputs.assignment().stream().filter(tp -> tp.topic().equals(Topics.ALERTS.name())).toList();
            for (int slot = 0; slot < PROBE_AGENTS; slot++) {
                send(startAgent(slot));
            }
        }

        int probeAgentsStarted() {
            return started;
        }

        void run(Duration duration, String phase) {
            long end = System.nanoTime() + duration.toNanos();
            long nextReport = System.nanoTime() + 10_000_000_000L;
            int reportedFrom = statsLatencies.size();
            while (System.nanoTime() < end) {
                if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                    throw new IllegalStateException("risk topology stopped: " + streams.state());
                }
                var records = outputs.poll(Duration.ofMillis(5));
                long readAt = System.nanoTime();
                for (ConsumerRecord<String, byte[]> r : records) {
                    ProbeAgent agent = r.key() == null ? null : agents.get(r.key());
                    if (agent == null) {
                        continue; // background agents, and probe agents already replaced
                    }
                    if (r.topic().equals(Topics.ALERTS.name())) {
                        Alert alert = alerts.deserialize(r.topic(), r.headers(), r.value());
                        agent.alertReadNanos.add(readAt);
                        agent.opened |= alert.getTransition() == AlertTransition.OPENED;
                    } else if (stats.deserialize(r.topic(), r.headers(), r.value()).getN() == agent.rowsSent && agent.statsReadNanos == 0) {
                        agent.statsReadNanos = readAt;
                        // the row's alerts (same transaction) are at most up to the alerts' last stable offsets now
                        agent.alertsToRead = outputs.endOffsets(alertPartitions);
                    }
                }
                for (ProbeAgent agent : List.copyOf(agents.values())) {
                    settle(agent);
                }
                if (System.nanoTime() > nextReport) {
                    List<Long> last = statsLatencies.subList(reportedFrom, statsLatencies.size());
                    System.out.printf("  %-9s %s%n", phase + ":", LatencySamples.of("last 10 s, row -> AgentStats", last));
                    reportedFrom = statsLatencies.size();
                    nextReport += 10_000_000_000L;
                }
            }
        }

        void clear() {
            statsLatencies.clear();
            alertLatencies.clear();
        }

        private void settle(ProbeAgent agent) {
            long acked = agent.ackedNanos;
            if (agent.statsReadNanos == 0 || acked == 0
                    || agent.alertsToRead.entrySet().stream().anyMatch(e -> outputs.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() - agent.sentNanos > SETTLE_TIMEOUT.toNanos()) {
                    throw new IllegalStateException("probe row " + agent.rowsSent + " of " + agent.name + " not settled in " + SETTLE_TIMEOUT);
                }
                return;
            }
            statsLatencies.add(agent.statsReadNanos - acked);
            agent.alertReadNanos.forEach(read -> alertLatencies.add(read - acked));
            agent.alertReadNanos.clear();
            agent.statsReadNanos = 0;
            agent.alertsToRead = Map.of();
            if (agent.opened || agent.rowsSent >= MAX_ROWS_PER_PROBE_AGENT) {
                agents.remove(agent.name);
                send(startAgent(agent.number));
            } else {
                send(agent);
            }
        }

        private ProbeAgent startAgent(int slot) {
            ProbeAgent agent = new ProbeAgent(PROBE_PREFIX + slot + "-" + started++, slot);
            agents.put(agent.name, agent);
            return agent;
        }

        private void send(ProbeAgent agent) {
            double bias = agent.rowsSent < CALIBRATED_ROWS ? 0 : -BREAK_BPS;
            agent.rowsSent++;
            agent.ackedNanos = 0;
            agent.sentNanos = System.nanoTime();
            producer.send(new ProducerRecord<>(Topics.ALPHA_RECONCILED.name(), agent.name,
                    row(random, agent.name, agent.number, scoring, bias)), (metadata, e) -> {
                if (e == null) {
                    agent.ackedNanos = System.nanoTime();
                } else {
                    System.err.println("probe row of " + agent.name + " not acknowledged: " + e); // then the settle timeout stops the run
                }
            });
        }
    }
}
