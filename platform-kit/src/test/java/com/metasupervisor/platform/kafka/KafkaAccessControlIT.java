package com.metasupervisor.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import com.metasupervisor.platform.EmbeddedKafkaBroker;
import com.metasupervisor.schemas.ServiceCatalog;
import com.metasupervisor.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The access derived from the service catalog, applied to a broker that authenticates (SASL/SCRAM) and authorizes
 * (StandardAuthorizer, nothing allowed without an ACL), exercised by real clients logged in as the catalog's principals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaAccessControlIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String RISK = "risk-service";

    /** Recognisable passwords: the log scan looks for each. */
    private final String adminPassword = "admin-pw-" + UUID.randomUUID();
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final ThresholdFilter consoleWarnOnly = new ThresholdFilter();
    private final ServiceCatalog catalog = ServiceCatalog.bundled();
    private final KafkaAccessControl access = KafkaAccessControl.of(catalog);
    private Level rootLevel;
    private EmbeddedKafkaBroker broker;
    private Admin admin;

    @BeforeAll
    void startSecuredBrokerAndApplyTheCatalogsAccess() throws Exception {
        captureLogs();
        for (String name : List.of("reconciler-service", RISK, "trading-agents", "downstream-traders")) {
            passwords.put(name, "pw-" + name + "-" + UUID.randomUUID());
        }
        broker = EmbeddedKafkaBroker.startSecured(adminPassword);
        admin = Admin.create(broker.adminProperties());
        admin.createTopics(Topics.allNamesWithDeadLetters().stream().map(t -> new NewTopic(t, 1, (short) 1)).toList())
                .all().get();
        assertThat(access.apply(admin, passwords, TIMEOUT)).containsExactlyInAnyOrderElementsOf(passwords.keySet());
        // a second run changes nothing and does not fail
        access.apply(admin, passwords, TIMEOUT);
        // the broker authorizes from its metadata image: wait until it holds every binding and credential
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get()).containsExactlyInAnyOrderElementsOf(access.bindings());
            assertThat(admin.describeUserScramCredentials().all().get().keySet()).containsAll(passwords.keySet());
        });
    }

    @AfterAll
    void stop() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
        releaseLogs();
    }

    @Test
    @Order(1)
    void theReconcilerCommitsTransactionallyToItsTopicAndIsRefusedOnAllocations() throws Exception {
        Properties props = client("reconciler-service");
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "meta-supervisor-reconciler-it-0");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("alpha.reconciled", "agent-1", "reconciled")).get();
            producer.commitTransaction();

            producer.beginTransaction();
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("allocations", "fleet", "forged")).get())
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
            producer.abortTransaction();
        }
        assertThat(committedValues("alpha.reconciled")).contains("reconciled");
        assertThat(committedValues("allocations")).doesNotContain("forged");
    }

    @Test
    @Order(2)
    void agentsWriteAlphaEventsOnlyNotPricesNorAllocations() throws Exception {
        try (KafkaProducer<String, String> producer = producer("trading-agents")) {
            producer.send(new ProducerRecord<>("alpha.events", "agent-1", "call")).get();
            for (String refused : List.of("market.prices", "allocations")) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(refused, "agent-1", "forged")).get())
                        .as(refused).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
            }
        }
        assertThat(committedValues("alpha.events")).contains("call");
    }

    @Test
    @Order(3)
    void downstreamTradersReadAllocationsInTheirGroupButNotAlphaEvents() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(broker.adminProperties(), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("allocations", "fleet", "weights")).get();
        }
        try (KafkaConsumer<String, String> consumer = consumer("downstream-traders", "downstream-traders-x")) {
            consumer.subscribe(List.of("allocations"));
            List<String> seen = new ArrayList<>();
            await().atMost(TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
                return seen.contains("weights");
            });
            consumer.commitSync();
        }
        try (KafkaConsumer<String, String> consumer = consumer("downstream-traders", "downstream-traders-y")) {
            consumer.subscribe(List.of("alpha.events"));
            assertThatThrownBy(() -> {
                for (int i = 0; i < 50; i++) {
                    consumer.poll(Duration.ofMillis(200));
                }
            }).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    @Order(4)
    void aWrongPasswordIsRefused() {
        try (Admin wrong = Admin.create(broker.clientProperties("trading-agents", "not-the-password"))) {
            assertThatThrownBy(() -> wrong.describeCluster().nodes().get())
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    @Order(5)
    void onlyTheAdminLogsInToTheControllerAndTheTestKitsPlainUsersNowhere() {
        Properties controller = new Properties();
        controller.put(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, broker.bootstrapControllers());
        controller.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        controller.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
        // the users of the JAAS file KafkaClusterTestKit writes for any SASL cluster
        controller.put(SaslConfigs.SASL_JAAS_CONFIG,
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"plain-admin\" password=\"plain-admin-secret\";");
        try (Admin plain = Admin.create(controller)) {
            assertThatThrownBy(() -> plain.describeCluster().nodes().get())
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
        }
        Properties brokerPlain = new Properties();
        brokerPlain.putAll(controller);
        brokerPlain.remove(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG);
        brokerPlain.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin plain = Admin.create(brokerPlain)) {
            assertThatThrownBy(() -> plain.describeCluster().nodes().get())
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(AuthenticationException.class);
        }
    }

    @Test
    @Order(6)
    void aStreamsAppWithRisksApplicationIdRunsExactlyOnceOnRisksAccess(@TempDir Path state) throws Exception {
        produceAsAdmin("alpha.reconciled", "agent-7", "row");
        String applicationId = catalog.service(RISK).orElseThrow().applicationId();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (KafkaStreams streams = countsPerAgent(applicationId, "risk.agent-stats", state.resolve("allowed"), failure)) {
            streams.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING || failure.get() != null);
            assertThat(failure.get()).isNull();
            await().atMost(Duration.ofSeconds(60)).until(() -> committedValues("risk.agent-stats").stream().anyMatch(v -> v.startsWith("count=")));
            assertThat(failure.get()).isNull();
        }
    }

    @Test
    @Order(7)
    void theSameAppWritingAllocationsFailsOnAuthorization(@TempDir Path state) throws Exception {
        produceAsAdmin("alpha.reconciled", "agent-8", "row");
        String applicationId = catalog.service(RISK).orElseThrow().applicationId() + "-to-allocations";
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (KafkaStreams streams = countsPerAgent(applicationId, "allocations", state.resolve("refused"), failure)) {
            streams.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> failure.get() != null);
            assertThat(causes(failure.get())).anyMatch(AuthorizationException.class::isInstance);
        }
        assertThat(committedValues("allocations")).noneMatch(v -> v.startsWith("count="));
    }

    @Test
    @Order(8)
    void noPasswordAppearsInAnyLogLine() {
        // the clients' configuration dumps were captured, their JAAS lines masked by Kafka
        assertThat(log.list).anyMatch(e -> e.getFormattedMessage().contains("sasl.jaas.config = [hidden]"));
        Set<String> secrets = new HashSet<>(passwords.values());
        secrets.add(adminPassword);
        for (ILoggingEvent event : log.list) {
            String text = event.getFormattedMessage() + throwableText(event.getThrowableProxy());
            for (String secret : secrets) {
                assertThat(text).as("a log line of %s", event.getLoggerName()).doesNotContain(secret);
            }
        }
    }

    /**
     * As risk-service's topologies are built: a repartition (new key), a state store with its changelog, exactly-once v2,
     * replication 1; the principal is risk-service whatever the application id.
     */
    private KafkaStreams countsPerAgent(String applicationId, String output, Path stateDir, AtomicReference<Throwable> failure)
            throws Exception {
        Files.createDirectories(stateDir);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("alpha.reconciled", Consumed.with(Serdes.String(), Serdes.String()))
                .map((key, value) -> KeyValue.pair("agent:" + key, value))
                .groupByKey(Grouped.with("by-agent", Serdes.String(), Serdes.String()))
                .count(Materialized.as("counts"))
                .toStream()
                .mapValues(count -> "count=" + count)
                .to(output, Produced.with(Serdes.String(), Serdes.String()));
        Properties props = client(RISK);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        streams.setUncaughtExceptionHandler(e -> {
            failure.compareAndSet(null, e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        return streams;
    }

    private Properties client(String name) {
        return broker.clientProperties(name, passwords.get(name));
    }

    private KafkaProducer<String, String> producer(String name) {
        Properties props = client(name);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private KafkaConsumer<String, String> consumer(String name, String group) {
        Properties props = client(name);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private void produceAsAdmin(String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(broker.adminProperties(), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** Every committed value of the one-partition {@code topic}, read by the admin up to its end. */
    private List<String> committedValues(String topic) {
        Properties props = broker.adminProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<String> values = new ArrayList<>();
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static String throwableText(IThrowableProxy proxy) {
        StringBuilder text = new StringBuilder();
        for (IThrowableProxy p = proxy; p != null; p = p.getCause()) {
            text.append('\n').append(p.getClassName()).append(": ").append(p.getMessage());
            for (StackTraceElementProxy frame : p.getStackTraceElementProxyArray()) {
                text.append('\n').append(frame.getSTEAsString());
            }
        }
        return text.toString();
    }

    /** Everything at INFO and above into {@link #log}; the console keeps showing WARN and above only. */
    private void captureLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        consoleWarnOnly.setLevel("WARN");
        consoleWarnOnly.start();
        for (var it = root.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> appender = it.next();
            appender.addFilter(consoleWarnOnly);
        }
        log.start();
        root.addAppender(log);
        root.setLevel(Level.INFO);
    }

    private void releaseLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(log);
        root.setLevel(rootLevel);
        for (var it = root.iteratorForAppenders(); it.hasNext(); ) {
            it.next().clearAllFilters();
        }
    }
}
