package com.metasupervisor.governance;

import static com.metasupervisor.testkit.ReconciledRowBuilder.reconciledRow;

import com.metasupervisor.avro.AgentLifecycle;
import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.AgentStatus;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.configrepo.localgit.LocalGitRepository;
import com.metasupervisor.platform.LocalPlatform;
import com.metasupervisor.platform.ServiceFleet;
import com.metasupervisor.platform.ServiceProcess;
import com.metasupervisor.platform.bench.LatencySamples;
import com.metasupervisor.schemas.ServiceCatalog;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.testkit.ServiceInstances;
import com.metasupervisor.testkit.TestCredentials;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Not a test (issue 12 acceptance 8): the latency from a reconciled row that breaches a KILL rule to
 * {@code governance.agent-status} KILLED becoming readable to a {@code read_committed} consumer, on the embedded
 * broker and registry, through the whole chain as the product runs it:
 * <ul>
 *   <li>risk-service in a JVM of its own, started from its built module as {@code ./ms run} starts it
 *       ({@link ServiceFleet#plan}: its classes and {@code target/classpath.txt}, its application.yml), turning the
 *       row into {@code risk.agent-stats};</li>
 *   <li>governance-service in this JVM (its application.yml, as it runs: exactly-once, the default commit interval),
 *       its config repository a real local git repository whose manifest lists every probe agent LIVE;</li>
 * </ul>
 * Each trial sends one row of a fresh LIVE probe agent (24 h horizon, matured now, realized {@value #BREACH_BPS} bps:
 * risk's max_drawdown_30d becomes {@value #BREACH_BPS}, past the default {@code kill-max-drawdown-bps} −500, rule
 * {@code kill_drawdown}) and measures from the producer's acknowledgement to the first KILLED record of that agent
 * read on governance.agent-status (the consumer polls every ≤ 5 ms with fetch.max.wait.ms 5); the time its
 * AgentStats became readable on risk.agent-stats splits the path in two. A KILL is final (re-enabling goes through
 * the repository), so every trial has an agent of its own. No background load: one row in flight at a time.
 * {@code ./ms bench governance [latency [trials]]} (default {@value #DEFAULT_TRIALS} trials after
 * {@value #WARM_UP_TRIALS} warm-up trials).
 */
public final class GovernanceLatencyBenchmark {

    /** The argument of {@code ./ms bench governance} that names this benchmark. */
    public static final String ARGUMENT = "latency";

    private static final int DEFAULT_TRIALS = 200;
    /** Past the first transactions of a fresh broker and the services' first rebalances. */
    private static final int WARM_UP_TRIALS = 20;
    private static final double BREACH_BPS = -600;
    private static final String PROBE_CLASS = "bench_probe";
    private static final Duration TRIAL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final String MANIFEST = "agents/manifest.yaml";
    private static final String KILL_LIST = "meta_supervisor/kill_list.yaml";

    private GovernanceLatencyBenchmark() {
    }

    /** {@code [latency] [trials]}. */
    public static void main(String[] args) throws Exception {
        List<String> rest = Arrays.stream(String.join(" ", args).strip().split("\\s+"))
                .filter(w -> !w.isBlank() && !w.equals(ARGUMENT)).toList();
        if (rest.size() > 1) {
            throw new IllegalArgumentException("usage: latency [trials], not: " + String.join(" ", args));
        }
        int trials = rest.isEmpty() ? DEFAULT_TRIALS : Integer.parseInt(rest.getFirst());
        ArgChecker.positive(trials, "trials");
        Path home = home();
        ServiceFleet.Launch risk = ServiceFleet.plan(home, ServiceCatalog.standard()).launches().stream()
                .filter(l -> l.service().name().equals("risk-service")).findFirst()
                .orElseThrow(() -> new IllegalStateException("risk-service is not built under " + home
                        + ": run ./ms bench governance (it builds every module) or ./mvnw package -DskipTests"));
        try (LocalPlatform platform = LocalPlatform.start()) {
            run(platform, risk, trials);
        }
    }

    /** The repository's root: {@code -Dmeta-supervisor.home} (the bench execution sets it), else the parent of the module. */
    private static Path home() {
        Path home = Path.of(System.getProperty("meta-supervisor.home", "..")).toAbsolutePath().normalize();
        if (!Files.isDirectory(home.resolve("risk-service"))) {
            throw new IllegalStateException(home + " is not the repository's root (no risk-service/ there): set -Dmeta-supervisor.home");
        }
        return home;
    }

    private static void run(LocalPlatform platform, ServiceFleet.Launch riskLaunch, int trials) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path work = Files.createTempDirectory("bench-governance-");
        List<String> probes = IntStream.range(0, WARM_UP_TRIALS + trials).mapToObj(i -> "probe-" + i + "-" + run).toList();
        Path repo = work.resolve("config-repo");
        // seeded and closed: the service opens it itself
        LocalGitRepository.init(repo, "main", Map.of(MANIFEST, manifest(probes), KILL_LIST,
                "# no limits for the probes' class: only the agent rules act\nbench_other:\n  max_drawdown_bps: -250\n")).close();

        Map<String, String> riskConfig = new LinkedHashMap<>(riskLaunch.config(platform.bootstrapServers(), platform.registry().url(), work));
        int riskPort = freePort();
        riskConfig.put("micronaut.server.port", Integer.toString(riskPort));
        riskConfig.put("kafka.streams.default.application.id", "bench-risk-" + run);
        TestCredentials.in(riskConfig);
        Path riskLog = work.resolve("risk-service.log");
        System.out.printf("governance latency: reconciled row -> risk-service (own JVM, as ./ms run starts it; log %s) -> risk.agent-stats "
                + "-> governance-service (this JVM, its application.yml; config repo %s) -> governance.agent-status KILLED, read_committed%n",
                riskLog, repo);
        System.out.printf("each exactly-once hop is readable only once its transaction commits (commit.interval.ms 100 by default): "
                + "row -> risk's task -> agent-stats, then agent-stats -> governance-inputs -> governor -> agent-status%n");
        System.out.printf("%d probe agents LIVE in the manifest, one row each (realized %.0f bps: rule kill_drawdown), one at a time, "
                + "no background load; %d warm-up trials, %,d measured%n", probes.size(), BREACH_BPS, WARM_UP_TRIALS, trials);

        try (ServiceProcess riskService = ServiceProcess.start(riskLaunch.service().mainClass(), riskLaunch.classpath(), riskConfig, riskLog);
             EmbeddedServer governance = ServiceInstances.start(platform, "bench-governance-" + run, "bench-governance-" + run,
                     Map.of("governance.config-repo.path", repo.toString(), "governance.config-repo.sync-interval", "PT1S"));
             Serde<ReconciledAlpha> rowSerde = Topics.ALPHA_RECONCILED.valueSerde(platform.registry());
             Serde<AgentStatus> statusSerde = Topics.GOVERNANCE_AGENT_STATUS.valueSerde(platform.registry());
             KafkaProducer<String, ReconciledAlpha> rows = producer(platform, rowSerde);
             KafkaConsumer<String, byte[]> stats = fromEnd(platform, Topics.RISK_AGENT_STATS.name(), Topics.RISK_AGENT_STATS.partitions());
             KafkaConsumer<String, byte[]> statuses = fromEnd(platform, Topics.GOVERNANCE_AGENT_STATUS.name(),
                     Topics.GOVERNANCE_AGENT_STATUS.partitions())) {
            awaitHealthy(riskService, "http://localhost:" + riskPort + "/health");
            ServiceInstances.awaitRunning(governance);
            awaitRegistry(platform, probes);
            System.out.println("risk-service healthy, governance-service RUNNING, the manifest's agents on agents.registry");

            Trials loop = new Trials(rows, stats, statuses, statusSerde.deserializer(),
                    governance.getApplicationContext().getBean(KafkaStreams.class), riskService);
            loop.run(probes.subList(0, WARM_UP_TRIALS), "warm-up");
            AgentStatus first = loop.firstKill;
            System.out.printf("a KILLED record: source %s, reason '%s', decision %s%n", first.getSource(), first.getReason(), first.getDecisionId());
            loop.clear();
            long started = System.nanoTime();
            loop.run(probes.subList(WARM_UP_TRIALS, probes.size()), "measured");
            System.out.println();
            System.out.printf("%,d trials in %.0f s%n", trials, (System.nanoTime() - started) / 1e9);
            System.out.println(LatencySamples.of("row -> KILLED on agent-status (read_committed)", loop.killed));
            System.out.println(LatencySamples.of("  of which row -> AgentStats (risk-service)", loop.stats));
            System.out.println(LatencySamples.of("  of which AgentStats -> KILLED (governance)", loop.governanceHop));
        }
    }

    /** The manifest as a person would write it: every probe LIVE, in the probes' class. */
    private static String manifest(List<String> probes) {
        StringBuilder yaml = new StringBuilder("# probe agents of the governance latency benchmark\nagents:\n");
        probes.forEach(p -> yaml.append("  - agent: ").append(p).append("\n    strategy_class: ").append(PROBE_CLASS)
                .append("\n    status: LIVE\n    owner: bench\n"));
        return yaml.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits until risk-service answers /health with 200 (its streams RUNNING); start-up is not latency. */
    private static void awaitHealthy(ServiceProcess service, String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!service.isAlive()) {
                throw new IllegalStateException("risk-service stopped during start-up; see " + service.log());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the HTTP server is not up yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("risk-service not healthy after " + START_TIMEOUT + "; see " + service.log());
            }
            Thread.sleep(200); // start-up poll, not part of any measurement
        }
    }

    /** Waits until the manifest sync has published every probe on agents.registry (read from the beginning). */
    private static void awaitRegistry(LocalPlatform platform, List<String> probes) {
        Properties p = platform.clientProperties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Set<String> missing = new HashSet<>(probes);
        try (KafkaConsumer<String, byte[]> registry = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = IntStream.range(0, Topics.AGENTS_REGISTRY.partitions())
                    .mapToObj(i -> new TopicPartition(Topics.AGENTS_REGISTRY.name(), i)).toList();
            registry.assign(partitions);
            registry.seekToBeginning(partitions);
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!missing.isEmpty()) {
                registry.poll(Duration.ofMillis(100)).forEach(r -> missing.remove(r.key()));
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(missing.size() + " probe agents not on agents.registry after " + START_TIMEOUT);
                }
            }
        }
    }

    private static KafkaProducer<String, ReconciledAlpha> producer(LocalPlatform platform, Serde<ReconciledAlpha> values) {
        Properties p = platform.clientProperties();
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(p, Topics.ALPHA_RECONCILED.keySerde().serializer(), values.serializer());
    }

    /** Every partition of {@code topic} from its end, read_committed, a fetch answered as soon as a commit makes records readable. */
    private static KafkaConsumer<String, byte[]> fromEnd(LocalPlatform platform, String topic, int partitionCount) {
        Properties p = platform.clientProperties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = IntStream.range(0, partitionCount).mapToObj(i -> new TopicPartition(topic, i)).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before any row is sent
        return consumer;
    }

    /** One thread: sends a probe's breaching row, polls until its KILLED status is read, then the next probe. */
    private static final class Trials {
        private final KafkaProducer<String, ReconciledAlpha> rows;
        private final KafkaConsumer<String, byte[]> statsOut;
        private final KafkaConsumer<String, byte[]> statusOut;
        private final Deserializer<AgentStatus> statusDeserializer;
        private final KafkaStreams governanceStreams;
        private final ServiceProcess risk;
        final List<Long> killed = new ArrayList<>();
        final List<Long> stats = new ArrayList<>();
        final List<Long> governanceHop = new ArrayList<>();
        AgentStatus firstKill;

        Trials(KafkaProducer<String, ReconciledAlpha> rows, KafkaConsumer<String, byte[]> statsOut, KafkaConsumer<String, byte[]> statusOut,
               Deserializer<AgentStatus> statusDeserializer, KafkaStreams governance, ServiceProcess risk) {
            this.rows = rows;
            this.statsOut = statsOut;
            this.statusOut = statusOut;
            this.statusDeserializer = statusDeserializer;
            this.governanceStreams = governance;
            this.risk = risk;
        }

        void run(List<String> probes, String phase) {
            long nextReport = System.nanoTime() + 10_000_000_000L;
            for (int i = 0; i < probes.size(); i++) {
                String probe = probes.get(i);
                ReconciledAlpha row = reconciledRow().eventId("bench-" + probe).agent(probe).strategy(PROBE_CLASS).regime("TREND")
                        .horizonHours(24).maturedAt(Instant.now()).realizedBps(BREACH_BPS).expectedBps(0).sigmaBps(40.0).build();
                AtomicLong acked = new AtomicLong();
                rows.send(new ProducerRecord<>(Topics.ALPHA_RECONCILED.name(), probe, row), (m, e) -> {
                    if (e == null) {
                        acked.set(System.nanoTime());
                    } else {
                        System.err.println("row of " + probe + " not acknowledged: " + e); // the trial timeout then stops the run
                    }
                });
                long sent = System.nanoTime();
                long statsRead = 0;
                long killedRead = 0;
                while (killedRead == 0) {
                    for (ConsumerRecord<String, byte[]> r : statsOut.poll(Duration.ZERO)) {
                        if (statsRead == 0 && probe.equals(r.key())) {
                            statsRead = System.nanoTime();
                        }
                    }
                    for (ConsumerRecord<String, byte[]> r : statusOut.poll(Duration.ofMillis(5))) {
                        if (killedRead == 0 && probe.equals(r.key()) && r.value() != null) {
                            long read = System.nanoTime();
                            AgentStatus status = statusDeserializer.deserialize(r.topic(), r.headers(), r.value());
                            if (status.getStatus() == AgentLifecycle.KILLED) {
                                killedRead = read;
                                if (firstKill == null) {
                                    firstKill = status;
                                }
                            }
                        }
                    }
                    if (System.nanoTime() - sent > TRIAL_TIMEOUT.toNanos()) {
                        throw new IllegalStateException("no KILLED status of " + probe + " in " + TRIAL_TIMEOUT + " (its AgentStats "
                                + (statsRead == 0 ? "not read either" : "read") + "); governance streams " + governanceStreams.state()
                                + ", risk-service " + (risk.isAlive() ? "running" : "stopped") + " (log " + risk.log() + ")");
                    }
                }
                long ack = awaitAck(acked, sent, probe);
                killed.add(killedRead - ack);
                if (statsRead > 0) { // read in the same poll round as the status at worst; never missing unless risk republished late
                    stats.add(statsRead - ack);
                    governanceHop.add(killedRead - statsRead);
                }
                if (System.nanoTime() > nextReport) {
                    System.out.printf("  %s: %,d of %,d trials%n", phase, i + 1, probes.size());
                    nextReport += 10_000_000_000L;
                }
            }
        }

        void clear() {
            killed.clear();
            stats.clear();
            governanceHop.clear();
        }

        /** The ack time: the callback runs on the producer's thread, long before the commits the KILLED record waits for. */
        private static long awaitAck(AtomicLong acked, long sent, String probe) {
            while (acked.get() == 0) {
                if (System.nanoTime() - sent > TRIAL_TIMEOUT.toNanos()) {
                    throw new IllegalStateException("row of " + probe + " not acknowledged in " + TRIAL_TIMEOUT);
                }
                Thread.onSpinWait();
            }
            return acked.get();
        }
    }
}
