package com.metasupervisor.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.platform.ApicurioRegistryProcess;
import com.metasupervisor.platform.EmbeddedKafkaBroker;
import com.metasupervisor.platform.ServiceFleet;
import com.metasupervisor.platform.credentials.InstallationCredentials;
import com.metasupervisor.platform.kafka.KafkaAccessControl;
import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.schemas.SchemaRegistration;
import com.metasupervisor.schemas.ServiceCatalog;
import com.metasupervisor.schemas.ServiceDefinition;
import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.streams.connection.KafkaConnection;
import com.metasupervisor.streams.publish.CatalogPublisher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The five services as processes, each logging in to a broker that authenticates (SASL/SCRAM-SHA-512) and authorizes
 * every request (StandardAuthorizer, nothing allowed without an ACL) as its own principal, under exactly the ACLs
 * platform-kit's {@code KafkaAccessControl} derives from the service catalog — what compose's and Kubernetes'
 * {@code kafka-access} job applies. The agents and the price feed publish as {@code trading-agents} and
 * {@code market-data}. Every service must come up, the calls must be reconciled at every horizon and reach risk's
 * figures, and no service may log an authorization failure: the derived ACLs are enough for the real services (Streams'
 * internal topics, exactly-once, the plain clients), not only for the hand-made clients of {@code KafkaAccessControlIT}.
 */
class SecuredFleetIT {

    private static final Duration TICK_EVERY = Duration.ofMinutes(10);
    private static final Duration MARKET_SPAN = Duration.ofHours(30);
    private static final List<String> SYMBOLS = List.of("BTC-USD", "ETH-USD");
    private static final List<String> AGENTS = List.of("secured-agent-a", "secured-agent-b");
    private static final int CALLS = 12;
    /** What a Kafka client logs when the broker refuses it a resource; none may appear in a service's log. */
    private static final Pattern REFUSED = Pattern.compile(
            "AuthorizationException|Not authorized to access|SaslAuthenticationException|Authentication failed");

    @Test
    void theServicesRunAsTheirOwnPrincipalsUnderTheCatalogsAcls() throws Exception {
        Path work = Path.of("target", "it", "SecuredFleetIT").toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work);
        ServiceCatalog catalog = ServiceCatalog.standard();
        String adminPassword = "admin-" + UUID.randomUUID();
        Map<String, String> passwords = new LinkedHashMap<>();
        Stream.concat(catalog.services().stream().map(ServiceDefinition::name), Stream.of("trading-agents", "market-data"))
                .forEach(name -> passwords.put(name, name + "-pw-" + UUID.randomUUID()));

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startSecured(adminPassword);
             ApicurioRegistryProcess registry = ApicurioRegistryProcess.start(work)) {
            SchemaRegistration.to(registry.settings()).registerCatalog();
            try (Admin admin = Admin.create(broker.adminProperties())) {
                createCatalogTopics(admin);
                KafkaAccessControl.of(catalog).apply(admin, passwords, Duration.ofSeconds(60));
            }
            InstallationCredentials credentials = InstallationCredentials.ensure(work.resolve("credentials"), Instant.now());
            Map<String, Map<String, String>> logins = new HashMap<>();
            for (ServiceDefinition service : catalog.services()) {
                // the service's kafka.* keys: its SASL client settings as the broker gives them to any principal
                Map<String, String> keys = new HashMap<>();
                login(broker, service.name(), passwords).security().forEach((key, value) -> keys.put("kafka." + key, value));
                logins.put(service.name(), keys);
            }
            ServiceFleet.Plan plan = ServiceFleet.plan(MsRunProcess.HOME, catalog);
            assertThat(plan.launches()).as("every service built: %s", plan.skipped()).hasSize(catalog.services().size());
            try (ServiceFleet fleet = ServiceFleet.start(plan, new ServiceFleet.Addresses(broker.bootstrapServers(),
                    registry.settings().url()), work.resolve("services"), work.resolve("logs"), credentials, logins)) {
                assertThat(fleet.awaitHealthy(Duration.ofMinutes(3))).as("services not UP").isEmpty();

                Instant start = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
                KnownMarket market = new KnownMarket(start, SYMBOLS, TICK_EVERY, MARKET_SPAN);
                List<AlphaEvent> calls = market.calls("secured-call-", CALLS, AGENTS, List.of("momentum"), Duration.ofHours(2), 16);
                RegistrySettings registrySettings = registry.settings();
                publish(login(broker, "market-data", passwords), registrySettings, Topics.MARKET_PRICES,
                        market.ticks().stream().map(t -> new CatalogPublisher.Keyed<>(t.getSymbol(), t, t.getTs())).toList());
                publish(login(broker, "trading-agents", passwords), registrySettings, Topics.ALPHA_EVENTS,
                        calls.stream().map(c -> new CatalogPublisher.Keyed<>(c.getAgent(), c, c.getEmittedAt())).toList());

                Properties asAdmin = broker.adminProperties();
                Map<String, ReconciledAlpha> rows = new HashMap<>();
                Map<String, AgentStats> stats = new HashMap<>();
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                    readAll(asAdmin, registrySettings, Topics.ALPHA_RECONCILED)
                            .forEach(r -> rows.put(r.value().getEventId() + "@" + r.value().getHorizonHours(), r.value()));
                    readAll(asAdmin, registrySettings, Topics.RISK_AGENT_STATS)
                            .forEach(r -> stats.put(r.key(), r.value()));
                    return rows.size() == 3 * CALLS && stats.keySet().containsAll(AGENTS)
                            && AGENTS.stream().allMatch(a -> stats.get(a).getN() >= CALLS / AGENTS.size());
                });
                assertThat(rows).hasSize(3 * CALLS);
                assertThat(fleet.awaitHealthy(Duration.ofSeconds(30))).as("still UP").isEmpty();
                for (ServiceFleet.Running service : fleet.running()) {
                    List<String> refused = Files.readAllLines(service.process().log()).stream()
                            .filter(line -> REFUSED.matcher(line).find()).limit(5).toList();
                    assertThat(refused).as("%s: a request its principal was refused (log %s)", service.name(), service.process().log())
                            .isEmpty();
                    for (String password : passwords.values()) {
                        assertThat(Files.readString(service.process().log())).as("%s's log", service.name()).doesNotContain(password);
                    }
                }
            }
        }
    }

    private static void createCatalogTopics(Admin admin) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (Topic<?> topic : Topics.all()) {
            topics.add(new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.kafkaConfigs()));
            topics.add(new NewTopic(topic.deadLetterTopic(), topic.partitions(), (short) 1).configs(topic.deadLetterKafkaConfigs()));
        }
        admin.createTopics(topics).all().get();
    }

    /** How {@code name} logs in: the broker's address and its SASL settings, as a service's KafkaConnection holds them. */
    private static KafkaConnection login(EmbeddedKafkaBroker broker, String name, Map<String, String> passwords) {
        Properties props = broker.clientProperties(name, passwords.get(name));
        Map<String, String> security = new HashMap<>();
        props.stringPropertyNames().stream().filter(KafkaConnection::isSecurityKey).forEach(key -> security.put(key, props.getProperty(key)));
        return new KafkaConnection(broker.bootstrapServers(), security);
    }

    private static <V extends SpecificRecord> void publish(KafkaConnection connection, RegistrySettings registry, Topic<V> topic,
                                                           List<CatalogPublisher.Keyed<V>> records) throws Exception {
        try (CatalogPublisher publisher = CatalogPublisher.create(connection, registry, "secured-fleet-it", Duration.ofSeconds(30))) {
            publisher.publish(topic, records);
        }
    }

    /** Every committed record of {@code topic} (read as the super user: the test checks, it is no party). */
    private static <V extends SpecificRecord> List<ConsumerRecord<String, V>> readAll(Properties admin, RegistrySettings registry,
                                                                                     Topic<V> topic) {
        Properties props = new Properties();
        props.putAll(admin);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "secured-fleet-it-reader");
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        try (Deserializer<V> values = topic.valueSerde(registry).deserializer();
             KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
