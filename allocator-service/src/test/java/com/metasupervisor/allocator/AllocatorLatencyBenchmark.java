package com.metasupervisor.allocator;

import com.metasupervisor.platform.bench.LatencySamples;
import com.metasupervisor.allocator.config.AllocatorSettings;
import com.metasupervisor.allocator.topology.AllocatorTopology;
import com.metasupervisor.avro.AgentAllocation;
import com.metasupervisor.avro.AgentLifecycle;
import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.AgentStatus;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.avro.RegimeState;
import com.metasupervisor.platform.LocalPlatform;
import com.metasupervisor.schemas.TopicSerdes;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.streams.StreamsConventions;
import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import com.metasupervisor.testkit.CatalogRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoublePredicate;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Not a test (issue 11 acceptance 6, second half): the latency from a record that must zero an agent's weight to the
 * {@code allocations} snapshot that zeroes it becoming readable to a {@code read_committed} consumer, on the embedded
 * broker and registry.
 *
 * <p>The allocator topology runs as the service runs it: the default settings (soft_penalty) and
 * {@link StreamsConventions} (exactly-once v2) with the default commit interval, printed; settings given as
 * {@code key=value} arguments or in {@code -Dbench.streams=k=v,...} override it (e.g. {@code commit.interval.ms=50}).
 * The path crosses two transactions: the input topic → the {@code fleet-inputs} repartition, then → allocations.
 * Measured here, each hop takes about the longer of {@code commit.interval.ms} and {@code poll.ms} (both 100 by
 * default; an idle stream thread commits after its poll returns), so lowering the commit interval alone changes
 * nothing: e.g. {@code commit.interval.ms=20 poll.ms=5}.
 *
 * <p>The fleet: {@value #FLEET} LIVE agents with stats, of which {@value #PROBES} probes whose PnL puts them at the
 * 25 % cap (the others share the rest). Each trial zeroes a probe with one record and measures from the producer's
 * acknowledgement to the first snapshot read in which its weight is 0 (the consumer polls every ≤ 5 ms with
 * fetch.max.wait.ms 5); then restores it (its target 0.25 is a move ≥ 0.10, so it is published) and waits for that
 * before the next trial. The zeroing records alternate: a {@code governance.agent-status} KILLED (restored by LIVE)
 * and a {@code risk.agent-stats} record with error_rate 0.5 past the 0.15 gate (restored by the agent's usual stats).
 * The first half of the path is timed too: until the zeroing record is readable (read_committed) on fleet-inputs.
 * {@code ./ms bench allocator latency [trials] [key=value ...]} (default 1 000 trials after {@value #WARM_UP_TRIALS}
 * warm-up trials).
 */
public final class AllocatorLatencyBenchmark {

    /** The argument of {@code ./ms bench allocator} that runs this benchmark alone. */
    public static final String ARGUMENT = "latency";

    private static final int FLEET = 50;
    private static final int PROBES = 2;
    private static final int DEFAULT_TRIALS = 1_000;
    /** Past the first transactions of a fresh broker, which may stall (CONCURRENT_TRANSACTIONS retries). */
    private static final int WARM_UP_TRIALS = 40;
    private static final Duration TRIAL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final double PROBE_PNL_BPS = 1_000_000;
    private static final String[] STRATEGIES = {"arb", "funding", "macro", "momentum"};

    private AllocatorLatencyBenchmark() {
    }

    /** True when {@code ./ms bench allocator} was given {@value #ARGUMENT} as its first word. */
    public static boolean isRequested(String[] args) {
        return words(args).stream().findFirst().filter(ARGUMENT::equals).isPresent();
    }

    /** {@code [latency] [trials] [streams key=value ...]}. */
    public static void main(String[] args) throws Exception {
        List<String> rest = words(args).stream().filter(w -> !w.equals(ARGUMENT)).toList();
        int trials = rest.stream().filter(w -> !w.contains("=")).findFirst().map(Integer::parseInt).orElse(DEFAULT_TRIALS);
        ArgChecker.positive(trials, "trials");
        List<String> tuning = new ArrayList<>(rest.stream().filter(w -> w.contains("=")).toList());
        tuning.addAll(Arrays.stream(System.getProperty("bench.streams", "").split(",")).filter(w -> w.contains("=")).toList());
        try (LocalPlatform platform = LocalPlatform.start()) {
            run(platform, trials, tuning);
        }
    }

    private static List<String> words(String[] args) {
        return Arrays.stream(String.join(" ", args).strip().split("\\s+")).filter(w -> !w.isBlank()).toList();
    }

    private static void run(LocalPlatform platform, int trials, List<String> tuning) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String applicationId = "bench-allocator-latency-" + run;
        AllocatorSettings settings = AllocatorSettings.defaults();
        StreamsBuilder builder = new StreamsBuilder();
        DeadLetterMetrics deadLetters = DeadLetterMetrics.standalone();
        AllocatorTopology.build(builder, TopicSerdes.registry(platform.registry()), settings, Clock.systemUTC(), deadLetters);
        Properties props = StreamsConventions.forApplication(applicationId, platform.bootstrapServers(), deadLetters);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("bench-allocator-state").toString());
        tuning.forEach(t -> props.put(t.substring(0, t.indexOf('=')), t.substring(t.indexOf('=') + 1)));
        StreamsConfig effective = new StreamsConfig(props);
        System.out.printf("allocator latency: %s, commit.interval.ms = %d (a transaction's output is readable only after its commit; "
                        + "the path crosses two: input -> fleet-inputs -> allocations), streams settings: %s%n",
                effective.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG), effective.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG),
                tuning.isEmpty() ? "(defaults)" : String.join(",", tuning));
        System.out.printf("policy %s; fleet of %d LIVE agents with stats, %d probes at the %.0f %% cap; %d warm-up trials, %,d measured%n",
                settings.policy(), FLEET, PROBES, settings.softPenalty().maxAllocation() * 100, WARM_UP_TRIALS, trials);

        Fleet fleet = new Fleet(run);
        fleet.load(platform);
        try (Serde<AgentStatus> statusSerde = Topics.GOVERNANCE_AGENT_STATUS.valueSerde(platform.registry());
             Serde<AgentStats> statsSerde = Topics.RISK_AGENT_STATS.valueSerde(platform.registry());
             Serde<AllocationSnapshot> snapshotSerde = Topics.ALLOCATIONS.valueSerde(platform.registry());
             KafkaProducer<String, AgentStatus> statuses = producer(platform, statusSerde);
             KafkaProducer<String, AgentStats> stats = producer(platform, statsSerde);
             KafkaConsumer<String, AllocationSnapshot> snapshots = snapshotConsumer(platform, snapshotSerde);
             KafkaConsumer<String, byte[]> repartition = repartitionConsumer(platform, applicationId);
             KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            long startDeadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (streams.state() != KafkaStreams.State.RUNNING) {
                if (System.nanoTime() > startDeadline) {
                    throw new IllegalStateException("allocator topology not RUNNING after " + START_TIMEOUT + ": " + streams.state());
                }
                Thread.sleep(10); // start-up (rebalance) is not latency
            }
            Trials loop = new Trials(fleet, statuses, stats, snapshots, repartition, streams);
            // as the fleet loads, each probe's arrival is a move of 0.25 (published); the others' small increases wait for a move
            // of 0.10, so their weights come with the first trial (a KILL of a capped probe moves 0.25: the whole target)
            loop.await(s -> fleet.probes.stream().allMatch(p -> s.getAllocations().stream().anyMatch(a -> a.getAgent().equals(p) && a.getWeight() > 0)),
                    System.nanoTime(), "the loaded fleet giving the probes weight");
            loop.run(WARM_UP_TRIALS, "warm-up");
            AllocationSnapshot warm = loop.last;
            System.out.printf("after the warm-up: %d agents in the snapshot, %d with weight > 0, cash %.4f%n", warm.getAllocations().size(),
                    warm.getAllocations().stream().filter(a -> a.getWeight() > 0).count(), warm.getCash());
            loop.clear();
            long started = System.nanoTime();
            loop.run(trials, "measured");
            System.out.println();
            System.out.printf("%,d trials in %.0f s; snapshots read: %,d%n", trials, (System.nanoTime() - started) / 1e9, loop.snapshotsRead);
            System.out.println(LatencySamples.of("KILLED -> snapshot zeroing it (read_committed)", loop.killLatencies));
            System.out.println(LatencySamples.of("error_rate gate -> snapshot zeroing it", loop.gateLatencies));
            List<Long> all = new ArrayList<>(loop.killLatencies);
            all.addAll(loop.gateLatencies);
            System.out.println(LatencySamples.of("either -> snapshot zeroing it", all));
            System.out.println(LatencySamples.of("restore (LIVE / good stats) -> snapshot", loop.restoreLatencies));
            System.out.println(LatencySamples.of("  of which zeroing record -> fleet-inputs", loop.repartitionLatencies));
            System.out.println("stream thread (ms): " + threadMetrics(streams));
            System.out.printf("goal: p99 <= 300 ms from the zeroing record to its snapshot: %s%n",
                    LatencySamples.of("", all).percentileNanos(99) <= 300_000_000L ? "met" : "MISSED");
        }
    }

    /** Where the stream thread spends its time: a commit (a transaction) and a poll, on average and at most. */
    private static String threadMetrics(KafkaStreams streams) {
        List<String> names = List.of("commit-latency-avg", "commit-latency-max", "poll-latency-avg", "poll-latency-max",
                "process-latency-avg", "punctuate-latency-avg", "commit-rate");
        StringBuilder out = new StringBuilder();
        streams.metrics().forEach((name, metric) -> {
            if (name.group().equals("stream-thread-metrics") && names.contains(name.name()) && metric.metricValue() instanceof Double v) {
                out.append(String.format("%s %.1f; ", name.name(), v));
            }
        });
        return out.toString();
    }

    private static <V extends org.apache.avro.specific.SpecificRecord> KafkaProducer<String, V> producer(LocalPlatform platform,
                                                                                                        Serde<V> values) {
        Properties p = platform.clientProperties();
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(p, Topics.GOVERNANCE_AGENT_STATUS.keySerde().serializer(), values.serializer());
    }

    /** allocations from its end, as a trader reads it: read_committed, answering a fetch as soon as a commit makes records readable. */
    private static KafkaConsumer<String, AllocationSnapshot> snapshotConsumer(LocalPlatform platform, Serde<AllocationSnapshot> values) {
        Properties p = platform.clientProperties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        KafkaConsumer<String, AllocationSnapshot> consumer = new KafkaConsumer<>(p, Topics.ALLOCATIONS.keySerde().deserializer(),
                values.deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALLOCATIONS.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before the topology publishes
        return consumer;
    }

    /** The allocator's fleet-inputs repartition topic, read_committed: when the first of the two transactions made a record readable. */
    private static KafkaConsumer<String, byte[]> repartitionConsumer(LocalPlatform platform, String applicationId) {
        Properties p = platform.clientProperties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.assign(List.of(new TopicPartition(applicationId + "-" + AllocatorTopology.FLEET_INPUTS + "-repartition", 0)));
        return consumer;
    }

    /** The agents: every one LIVE in the registry with stats; the probes' PnL puts them at the cap. */
    private static final class Fleet {
        final List<String> agents = new ArrayList<>();
        final List<String> probes = new ArrayList<>();

        Fleet(String run) {
            for (int i = 0; i < FLEET; i++) {
                String agent = (i < PROBES ? "probe-" : "agent-") + i + "-" + run;
                agents.add(agent);
                if (i < PROBES) {
                    probes.add(agent);
                }
            }
        }

        /** The agent's usual stats, or with error_rate 0.5 (past soft_penalty's 0.15 gate) when {@code gated}. */
        AgentStats stats(String agent, boolean gated) {
            int i = agents.indexOf(agent);
            double pnl = probes.contains(agent) ? PROBE_PNL_BPS : 100 + 10 * i;
            Instant now = Instant.now();
            return AgentStats.newBuilder().setAgent(agent).setStrategyClass(STRATEGIES[i % STRATEGIES.length]).setHorizonHours(24)
                    .setN(500).setPnl7dBps(pnl / 10).setPnl30dBps(pnl / 3).setPnlSumBps(pnl).setSharpe30d(1.0).setWinrate30d(0.55)
                    .setHitRate(0.55).setMaxDrawdown30dBps(-10).setErrorRate(gated ? 0.5 : 0.01).setUnpricedRate(0)
                    .setAvgAbsErrorBps(25.0).setRmseBps(35.0).setConfidenceMultiplier(0.9).setLastMaturedAt(now).setUpdatedAt(now).build();
        }

        void load(LocalPlatform platform) throws Exception {
            Instant now = Instant.now();
            CatalogRecords.produce(platform, Topics.MARKET_REGIME, r -> "current", List.of(
                    RegimeState.newBuilder().setRegime("TREND").setRiskMultiplier(null).setSource("ops").setAsOf(now).build()));
            CatalogRecords.produce(platform, Topics.AGENTS_REGISTRY, AgentManifest::getAgent, agents.stream()
                    .map(a -> AgentManifest.newBuilder().setAgent(a).setStrategyClass(STRATEGIES[agents.indexOf(a) % STRATEGIES.length])
                            .setStatus(AgentLifecycle.LIVE).setUpdatedAt(now).build()).toList());
            CatalogRecords.produce(platform, Topics.RISK_AGENT_STATS, AgentStats::getAgent, agents.stream().map(a -> stats(a, false)).toList());
        }
    }

    /** One thread: sends a trial's zeroing record, polls allocations until the snapshot that zeroes the probe, restores it. */
    private static final class Trials {
        private final Fleet fleet;
        private final KafkaProducer<String, AgentStatus> statuses;
        private final KafkaProducer<String, AgentStats> stats;
        private final KafkaConsumer<String, AllocationSnapshot> snapshots;
        private final KafkaConsumer<String, byte[]> repartition;
        private final KafkaStreams streams;
        private int trial;
        long snapshotsRead;
        AllocationSnapshot last;
        final List<Long> killLatencies = new ArrayList<>();
        final List<Long> gateLatencies = new ArrayList<>();
        final List<Long> restoreLatencies = new ArrayList<>();
        final List<Long> repartitionLatencies = new ArrayList<>();
        /** The probe whose record is looked for on fleet-inputs, and when it was read there (0: not yet). */
        private byte[] watched = new byte[0];
        private long watchedRead;

        Trials(Fleet fleet, KafkaProducer<String, AgentStatus> statuses, KafkaProducer<String, AgentStats> stats,
               KafkaConsumer<String, AllocationSnapshot> snapshots, KafkaConsumer<String, byte[]> repartition, KafkaStreams streams) {
            this.fleet = fleet;
            this.statuses = statuses;
            this.stats = stats;
            this.snapshots = snapshots;
            this.repartition = repartition;
            this.streams = streams;
        }

        void run(int count, String phase) {
            long nextReport = System.nanoTime() + 10_000_000_000L;
            for (int i = 0; i < count; i++, trial++) {
                String probe = fleet.probes.get(trial % PROBES);
                boolean kill = trial / PROBES % 2 == 0; // each probe alternates between the two kinds
                watch(probe);
                AtomicLong acked = new AtomicLong();
                if (kill) {
                    statuses.send(new ProducerRecord<>(Topics.GOVERNANCE_AGENT_STATUS.name(), probe,
                            status(probe, AgentLifecycle.KILLED, "bench kill " + trial)), (m, e) -> ack(acked, e, probe));
                } else {
                    stats.send(new ProducerRecord<>(Topics.RISK_AGENT_STATS.name(), probe, fleet.stats(probe, true)),
                            (m, e) -> ack(acked, e, probe));
                }
                long sent = System.nanoTime();
                long zeroed = awaitWeight(probe, w -> w == 0, sent, (kill ? "KILLED " : "gated ") + probe + " zeroed");
                long ack = awaitAck(acked, sent, probe);
                (kill ? killLatencies : gateLatencies).add(zeroed - ack);
                if (watchedRead > 0) {
                    repartitionLatencies.add(watchedRead - ack);
                }

                AtomicLong restoreAcked = new AtomicLong();
                if (kill) {
                    statuses.send(new ProducerRecord<>(Topics.GOVERNANCE_AGENT_STATUS.name(), probe,
                            status(probe, AgentLifecycle.LIVE, "bench restore " + trial)), (m, e) -> ack(restoreAcked, e, probe));
                } else {
                    stats.send(new ProducerRecord<>(Topics.RISK_AGENT_STATS.name(), probe, fleet.stats(probe, false)),
                            (m, e) -> ack(restoreAcked, e, probe));
                }
                long restoreSent = System.nanoTime();
                long restored = awaitWeight(probe, w -> w > 0, restoreSent, probe + " restored");
                restoreLatencies.add(restored - awaitAck(restoreAcked, restoreSent, probe));
                if (System.nanoTime() > nextReport) {
                    System.out.printf("  %s: %,d of %,d trials%n", phase, i + 1, count);
                    nextReport += 10_000_000_000L;
                }
            }
        }

        void clear() {
            killLatencies.clear();
            gateLatencies.clear();
            restoreLatencies.clear();
            repartitionLatencies.clear();
        }

        /** Looks for {@code probe}'s next record on fleet-inputs, from its end now (before the record is sent). */
        private void watch(String probe) {
            watched = probe.getBytes(StandardCharsets.UTF_8);
            watchedRead = 0;
            repartition.seekToEnd(repartition.assignment());
            repartition.assignment().forEach(repartition::position);
        }

        /** Polls allocations until a snapshot gives {@code agent} a weight {@code wanted} accepts; returns when it was read. */
        long awaitWeight(String agent, DoublePredicate wanted, long since, String what) {
            return await(s -> s.getAllocations().stream().anyMatch(a -> a.getAgent().equals(agent) && wanted.test(a.getWeight())),
                    since, what);
        }

        /** Polls allocations until a snapshot {@code wanted} accepts; returns when it was read. */
        long await(Predicate<AllocationSnapshot> wanted, long since, String what) {
            while (true) {
                for (ConsumerRecord<String, byte[]> r : repartition.poll(Duration.ZERO)) {
                    if (watchedRead == 0 && contains(r.value(), watched)) {
                        watchedRead = System.nanoTime();
                    }
                }
                for (ConsumerRecord<String, AllocationSnapshot> r : snapshots.poll(Duration.ofMillis(5))) {
                    snapshotsRead++;
                    long read = System.nanoTime();
                    last = r.value();
                    if (wanted.test(last)) {
                        return read; // the rest of this poll, if any, came before the next trial's record was sent
                    }
                }
                if (System.nanoTime() - since > TRIAL_TIMEOUT.toNanos()) {
                    throw new IllegalStateException("no snapshot with " + what + " in " + TRIAL_TIMEOUT + "; streams " + streams.state()
                            + "; last snapshot read: " + (last == null ? "none" : last.getSnapshotId() + " (" + last.getReasonForPublish() + ")"));
                }
            }
        }

        private static boolean contains(byte[] value, byte[] part) {
            if (value == null || part.length == 0) {
                return false;
            }
            outer:
            for (int i = 0; i + part.length <= value.length; i++) {
                for (int j = 0; j < part.length; j++) {
                    if (value[i + j] != part[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }

        private static void ack(AtomicLong acked, Exception e, String probe) {
            if (e == null) {
                acked.set(System.nanoTime());
            } else {
                System.err.println("record of " + probe + " not acknowledged: " + e); // the trial timeout then stops the run
            }
        }

        /** The ack time: the callback runs on the producer's thread, long before the two commits the snapshot waits for. */
        private static long awaitAck(AtomicLong acked, long sent, String probe) {
            while (acked.get() == 0) {
                if (System.nanoTime() - sent > TRIAL_TIMEOUT.toNanos()) {
                    throw new IllegalStateException("record of " + probe + " not acknowledged in " + TRIAL_TIMEOUT);
                }
                Thread.onSpinWait();
            }
            return acked.get();
        }

        private static AgentStatus status(String agent, AgentLifecycle lifecycle, String reason) {
            return AgentStatus.newBuilder().setAgent(agent).setStatus(lifecycle).setSource("governance").setReason(reason)
                    .setUpdatedAt(Instant.now()).build();
        }
    }
}
