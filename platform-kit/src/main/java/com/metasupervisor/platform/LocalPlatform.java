package com.metasupervisor.platform;

import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.schemas.SchemaRegistration;
import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform on one machine: a real Kafka broker (embedded KRaft, or a container where
 * Docker runs), a real Apicurio Registry holding every catalog schema under its subject and rule
 * ({@link SchemaRegistration}), and every catalog topic with its dead-letter topic.
 * Start it with {@link #start()}; {@link #close()} stops both and deletes their data. This is the ephemeral platform
 * of tests, benchmarks and the demo (a test-kit broker in this JVM, the registry in memory, topics without time
 * retention: they replay the past); {@code ./ms run}'s installation, whose data survives, is {@link InstalledPlatform}.
 */
public final class LocalPlatform implements AutoCloseable {

    /** {@code auto} (default: a container if Docker runs, else embedded), {@code embedded} or {@code container}. */
    public static final String KAFKA_MODE_ENV = "MS_KAFKA_MODE";

    private static final Logger LOG = LoggerFactory.getLogger(LocalPlatform.class);
    private static final Duration LEADERS_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaBroker broker;
    private final ApicurioRegistryProcess registry;
    private final Path workDir;
    private final Duration startupTime;

    private LocalPlatform(KafkaBroker broker, ApicurioRegistryProcess registry, Path workDir, Duration startupTime) {
        this.broker = broker;
        this.registry = registry;
        this.workDir = workDir;
        this.startupTime = startupTime;
    }

    public static LocalPlatform start() {
        return start(KafkaMode.fromEnvironment());
    }

    public static LocalPlatform start(KafkaMode mode) {
        return start(mode, null);
    }

    /**
     * As {@link #start(KafkaMode)}, with the registry's log in {@code logDir}, where it outlives
     * {@link #close()} (null: in the work directory, deleted with it).
     */
    public static LocalPlatform start(KafkaMode mode, Path logDir) {
        long started = System.nanoTime();
        Path workDir;
        try {
            workDir = Files.createTempDirectory("meta-supervisor-platform-");
        } catch (IOException e) {
            throw new PlatformException("could not create the platform's work directory: " + e.getMessage(), e);
        }
        Path registryLogDir = logDir == null ? workDir : logDir;
        // broker and registry start side by side: each takes seconds; the schemas are registered as soon as the
        // registry answers, before any service starts (SPEC §2: an agent with auto-registration off finds them)
        CompletableFuture<ApicurioRegistryProcess> registry =
                CompletableFuture.supplyAsync(() -> registerSchemas(ApicurioRegistryProcess.start(registryLogDir)));
        KafkaBroker broker;
        try {
            broker = mode.resolve() == KafkaMode.CONTAINER
                    ? ContainerKafkaBroker.start(ContainerKafkaBroker.DEFAULT_IMAGE)
                    : EmbeddedKafkaBroker.start();
        } catch (RuntimeException e) {
            registry.thenAccept(ApicurioRegistryProcess::close);
            throw e;
        }
        ApicurioRegistryProcess runningRegistry;
        try {
            runningRegistry = registry.join();
        } catch (CompletionException e) {
            broker.close();
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
        try {
            createTopics(broker, Topics.all(), TopicRetentions.UNLIMITED);
        } catch (RuntimeException e) {
            runningRegistry.close();
            broker.close();
            throw e;
        }
        LocalPlatform platform = new LocalPlatform(broker, runningRegistry, workDir,
                Duration.ofNanos(System.nanoTime() - started));
        LOG.info("platform up in {} ms: Kafka ({}) at {}, Apicurio Registry at {}",
                platform.startupTime.toMillis(), broker.kind(), broker.bootstrapServers(), platform.registry().url());
        return platform;
    }

    /**
     * Every catalog subject with its schema and its rule ({@link SchemaRegistration}); the global rule BACKWARD
     * stays the default of any other subject. A registry that refuses is stopped: a platform without its
     * subjects is not the product's.
     */
    private static ApicurioRegistryProcess registerSchemas(ApicurioRegistryProcess registry) {
        try {
            List<SchemaRegistration.Registered> registered = SchemaRegistration.to(registry.settings()).registerCatalog();
            LOG.debug("registered {} subjects: {}", registered.size(), registered.stream()
                    .map(r -> r.subject().name() + " " + r.subject().compatibility() + " id " + r.id()).toList());
            return registry;
        } catch (RuntimeException e) {
            registry.close();
            throw new PlatformException("could not register the catalog's schemas: " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public RegistrySettings registry() {
        return registry.settings();
    }

    /** Where the platform keeps its data (and the registry's log, unless started with a log directory); deleted by {@link #close()}. */
    public Path workDir() {
        return workDir;
    }

    public KafkaBroker broker() {
        return broker;
    }

    public ApicurioRegistryProcess registryProcess() {
        return registry;
    }

    /** From the call to {@link #start()} to every topic created. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Admin/producer/consumer properties pointing at this platform's broker. */
    public Properties clientProperties() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return props;
    }

    /**
     * A read_committed consumer of a catalog topic, assigned all its partitions and positioned at
     * their current end: it sees only what is committed from now on.
     */
    public <V extends org.apache.avro.specific.SpecificRecord> org.apache.kafka.clients.consumer.KafkaConsumer<String, V> committedFromNow(
            Topic<V> topic) {
        Properties props = clientProperties();
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(props, topic.keySerde().deserializer(),
                topic.valueSerde(registry()).deserializer());
        List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, not at the first poll
        return consumer;
    }

    public Admin admin() {
        return Admin.create(clientProperties());
    }

    /** Creates each topic and its dead-letter topic; topics that exist are left as they are. */
    public void createTopics(List<Topic<?>> topics) {
        createTopics(broker, topics, TopicRetentions.UNLIMITED);
    }

    /** How long the topics keep their records. */
    enum TopicRetentions {
        /** As the catalog says ({@link Topic#kafkaConfigs()}): an installation, whose records are stamped with the present. */
        CATALOG,
        /**
         * The catalog's configuration without time limits on delete-policy topics: tests and the demo replay a past
         * (records stamped days or years back) that the catalog's retention would delete within minutes.
         */
        UNLIMITED;

        Map<String, String> of(Map<String, String> catalog) {
            if (this == CATALOG || !TopicConfig.CLEANUP_POLICY_DELETE.equals(catalog.get(TopicConfig.CLEANUP_POLICY_CONFIG))) {
                return catalog;
            }
            Map<String, String> unlimited = new HashMap<>(catalog);
            unlimited.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
            return unlimited;
        }
    }

    /**
     * Creates each topic and its dead-letter topic with its configuration ({@code retentions}); a topic that exists
     * gets that configuration where it differs (a catalog change of a retention reaches an installation at its next
     * start; its partitions are left as they are).
     */
    static void createTopics(KafkaBroker broker, List<Topic<?>> topics, TopicRetentions retentions) {
        short replication = (short) Math.min(3, broker.brokerCount());
        List<NewTopic> newTopics = new ArrayList<>();
        for (Topic<?> topic : topics) {
            newTopics.add(new NewTopic(topic.name(), topic.partitions(), replication)
                    .configs(retentions.of(topic.kafkaConfigs())));
            newTopics.add(new NewTopic(topic.deadLetterTopic(), topic.partitions(), replication)
                    .configs(retentions.of(topic.deadLetterKafkaConfigs())));
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            var results = admin.createTopics(newTopics).values();
            List<NewTopic> existing = new ArrayList<>();
            for (NewTopic newTopic : newTopics) {
                try {
                    results.get(newTopic.name()).get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new PlatformException("could not create topic " + newTopic.name() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                    existing.add(newTopic);
                }
            }
            alignConfigs(admin, existing);
            awaitLeaders(admin, newTopics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted while creating topics", e);
        }
    }

    /** Sets, on topics that exist, each configuration value that differs from {@code topics}' (logged). */
    private static void alignConfigs(Admin admin, List<NewTopic> topics) throws InterruptedException {
        if (topics.isEmpty()) {
            return;
        }
        Map<ConfigResource, NewTopic> byResource = new LinkedHashMap<>();
        topics.forEach(t -> byResource.put(new ConfigResource(ConfigResource.Type.TOPIC, t.name()), t));
        try {
            Map<ConfigResource, Config> current = admin.describeConfigs(byResource.keySet()).all().get();
            Map<ConfigResource, Collection<AlterConfigOp>> changes = new LinkedHashMap<>();
            byResource.forEach((resource, topic) -> {
                List<AlterConfigOp> ops = new ArrayList<>();
                topic.configs().forEach((key, value) -> {
                    ConfigEntry entry = current.get(resource).get(key);
                    if (entry == null || !value.equals(entry.value())) {
                        LOG.info("topic {}: {} {} -> {}", topic.name(), key, entry == null ? "(unset)" : entry.value(), value);
                        ops.add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET));
                    }
                });
                if (!ops.isEmpty()) {
                    changes.put(resource, ops);
                }
            });
            if (!changes.isEmpty()) {
                admin.incrementalAlterConfigs(changes).all().get();
            }
        } catch (ExecutionException e) {
            throw new PlatformException("could not bring the topics' configuration to the catalog's: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Waits until the leader of every partition answers (ListOffsets is served by the leader's replica
     * manager). A created topic is in the controller's metadata before its broker has become leader: an
     * idempotent producer writing in that gap gets NOT_LEADER_OR_FOLLOWER for its first batch while a later
     * one lands, and then retries the first one with OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery
     * timeout drops the records (seen on the embedded KRaft broker: a loader lost a partition's records).
     */
    private static void awaitLeaders(Admin admin, List<NewTopic> topics) throws InterruptedException {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (NewTopic topic : topics) {
            for (int p = 0; p < topic.numPartitions(); p++) {
                partitions.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
            }
        }
        long deadline = System.nanoTime() + LEADERS_TIMEOUT.toNanos();
        while (true) {
            long remainingMs = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            try {
                admin.listOffsets(partitions, new ListOffsetsOptions().timeoutMs((int) remainingMs)).all().get();
                return;
            } catch (ExecutionException e) {
                // the admin client's metadata may not know a just-created topic yet (UnknownTopicOrPartition fails
                // the call at once instead of waiting): a retriable error is asked again until the deadline
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() >= deadline) {
                    throw new PlatformException("the created topics' partitions did not all get a leader within " + LEADERS_TIMEOUT
                            + ": " + e.getCause().getMessage(), e.getCause());
                }
                Thread.sleep(100); // poll interval while the metadata propagates
            }
        }
    }

    /** Names of the topics on the broker (internal ones excluded). */
    public Set<String> topicNames() {
        return topicNames(bootstrapServers());
    }

    static Set<String> topicNames(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            return admin.listTopics().names().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted while listing topics", e);
        } catch (ExecutionException e) {
            throw new PlatformException("could not list topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        try {
            registry.close();
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            broker.close();
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        deleteQuietly(workDir);
        if (failure != null) {
            throw failure;
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp data; the OS cleans it up eventually
        }
    }

    /** Which Kafka broker to run. */
    public enum KafkaMode {
        AUTO, EMBEDDED, CONTAINER;

        static KafkaMode fromEnvironment() {
            String value = System.getenv(KAFKA_MODE_ENV);
            if (value == null || value.isBlank()) {
                return AUTO;
            }
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new PlatformException(KAFKA_MODE_ENV + " must be auto, embedded or container, was '" + value + "'");
            }
        }

        /** AUTO becomes CONTAINER where Docker answers, EMBEDDED elsewhere. */
        KafkaMode resolve() {
            if (this != AUTO) {
                return this;
            }
            return ContainerKafkaBroker.dockerAvailable() ? CONTAINER : EMBEDDED;
        }
    }
}
