package com.metasupervisor.reconciler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.platform.LocalPlatform;
import com.metasupervisor.platform.SharedPlatformExtension;
import com.metasupervisor.platform.credentials.AccessTokens;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.testkit.TestCredentials;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /alpha-events} on the real broker and registry: a valid batch is on
 * {@code alpha.events} keyed by agent in the catalog's Avro, a batch with one invalid item is
 * refused whole and produces nothing, an agent posts as itself only (issue 16, acceptance 1: another agent's name 403
 * and nothing produced, no credential 401, a bad one 401, each counted), and an unreachable Kafka is a 503.
 */
@ExtendWith(SharedPlatformExtension.class)
class AlphaEventApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOPIC = Topics.ALPHA_EVENTS.name();

    private static LocalPlatform platform;
    private static EmbeddedServer server;
    private static JsonMapper json;

    @BeforeAll
    static void startService(LocalPlatform shared) {
        platform = shared;
        server = ApplicationContext.run(EmbeddedServer.class, serviceConfig(platform.bootstrapServers()));
        json = server.getApplicationContext().getBean(JsonMapper.class);
    }

    @AfterAll
    static void stopService() {
        if (server != null) {
            server.getApplicationContext().close();
        }
    }

    @Test
    void aValidBatchIsAcceptedAndEveryEventIsOnTheTopicKeyedByAgentInTheCatalogsAvro() throws Exception {
        String run = UUID.randomUUID().toString();
        Instant emitted = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        AlphaEvent first = AlphaEvent.newBuilder().setEventId("api-1-" + run).setAgent("api-agent-a-" + run)
                .setSymbol("BTC-USD").setDirection(1).setScoreFinal(0.42).setConfidence(0.8).setRegime("TREND")
                .setEmittedAt(emitted).build(); // horizons default, no entry price, no strategy override
        AlphaEvent second = AlphaEvent.newBuilder().setEventId("api-2-" + run).setAgent("api-agent-a-" + run)
                .setSymbol("ETH-USD").setDirection(-1).setScoreFinal(-1.5).setConfidence(0.35).setRegime("CRISIS")
                .setEmittedAt(emitted.minusSeconds(60)).setEntryPrice(2_512.25).setHorizonsHours(List.of(4, 24))
                .setStrategyClass("funding").build();
        Map<TopicPartition, Long> before = endOffsets();

        HttpResponse<String> response = post(first.getAgent(), """
                [{"event_id":"%s","agent":"%s","symbol":"BTC-USD","direction":1,"score_final":0.42,"confidence":0.8,
                  "regime":"TREND","emitted_at":"%s"},
                 {"event_id":"%s","agent":"%s","symbol":"ETH-USD","direction":-1,"score_final":-1.5,"confidence":0.35,
                  "regime":"CRISIS","emitted_at":%d,"entry_price":2512.25,"horizons_hours":[4,24],"strategy_class":"funding"}]
                """.formatted(first.getEventId(), first.getAgent(), emitted,
                second.getEventId(), second.getAgent(), emitted.minusSeconds(60).toEpochMilli()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(map(response)).isEqualTo(Map.of("accepted", 2, "event_ids", List.of(first.getEventId(), second.getEventId())));

        Map<String, ConsumerRecord<String, AlphaEvent>> byEventId = new HashMap<>();
        try (KafkaConsumer<String, AlphaEvent> consumer = consumer()) {
            seek(consumer, before);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> byEventId.put(r.value().getEventId(), r));
                return byEventId.containsKey(first.getEventId()) && byEventId.containsKey(second.getEventId());
            });
        }
        assertThat(byEventId.get(first.getEventId())).satisfies(r -> {
            assertThat(r.key()).isEqualTo(first.getAgent());
            assertThat(r.value()).isEqualTo(first);
            assertThat(r.value().getHorizonsHours()).containsExactly(1, 4, 24);
        });
        assertThat(byEventId.get(second.getEventId())).satisfies(r -> {
            assertThat(r.key()).isEqualTo(second.getAgent());
            assertThat(r.value()).isEqualTo(second);
        });
    }

    @Test
    void aBatchWithOneInvalidItemIsRefusedWholeAndItsValidItemIsNotProduced() throws Exception {
        String run = UUID.randomUUID().toString();
        String agent = "api-agent-c-" + run;
        String validId = "api-valid-" + run;
        Map<TopicPartition, Long> before = endOffsets();

        HttpResponse<String> response = post(agent, """
                [{"event_id":"%s","agent":"%s","symbol":"BTC-USD","direction":1,"score_final":0.42,"confidence":0.8,
                  "regime":"TREND","emitted_at":"2026-01-01T00:00:00Z"},
                 {"event_id":"api-invalid-%s","agent":"%s","symbol":"BTC-USD","direction":"long","score_final":NaN,
                  "confidence":1.5,"regime":"TREND","emitted_at":"tomorrow"}]
                """.formatted(validId, agent, run, agent));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        Map<String, Object> body = map(response);
        assertThat(body).containsEntry("status", 400).containsEntry("detail", "invalid alpha events");
        assertThat(list(body.get("invalid"))).singleElement().satisfies(item -> {
            assertThat(item).containsEntry("index", 1).containsEntry("event_id", "api-invalid-" + run);
            assertThat(list(item.get("errors"))).extracting(e -> e.get("field") + ":" + e.get("reason")).containsExactly(
                    "direction:wrong_type", "score_final:not_finite", "confidence:confidence_out_of_range",
                    "emitted_at:invalid_emitted_at");
        });

        // a marker with the same key lands on the same partition after anything the request produced
        RecordMetadata marker;
        AlphaEvent markerEvent = AlphaEvent.newBuilder().setEventId("api-marker-" + run).setAgent(agent).setSymbol("BTC-USD")
                .setDirection(1).setScoreFinal(0).setConfidence(0.5).setRegime("TREND").setEmittedAt(Instant.now()).build();
        try (Serde<AlphaEvent> serde = Topics.ALPHA_EVENTS.valueSerde(platform.registry());
             KafkaProducer<String, AlphaEvent> producer = new KafkaProducer<>(platform.clientProperties(),
                     new StringSerializer(), serde.serializer())) {
            marker = producer.send(new ProducerRecord<>(TOPIC, agent, markerEvent)).get();
        }
        TopicPartition partition = new TopicPartition(TOPIC, marker.partition());
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, AlphaEvent> consumer = consumer()) {
            seek(consumer, Map.of(partition, before.get(partition)));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value().getEventId()));
                return seen.contains(markerEvent.getEventId());
            });
        }
        assertThat(seen).doesNotContain(validId, "api-invalid-" + run);
        assertThat(endOffsets().get(partition)).isEqualTo(marker.offset() + 1);
    }

    @Test
    void anAgentPostsAsItselfOnlyAndEveryRefusalIsCounted() throws Exception {
        String run = UUID.randomUUID().toString();
        String agent = "api-agent-e-" + run;
        String other = "api-agent-f-" + run;
        String batch = """
                [{"event_id":"api-own-%s","agent":"%s","symbol":"BTC-USD","direction":1,"score_final":0.42,"confidence":0.8,
                  "regime":"TREND","emitted_at":"2026-01-01T00:00:00Z"},
                 {"event_id":"api-forged-%s","agent":"%s","symbol":"BTC-USD","direction":1,"score_final":0.42,"confidence":0.8,
                  "regime":"TREND","emitted_at":"2026-01-01T00:00:00Z"}]
                """.formatted(run, agent, run, other);
        Map<TopicPartition, Long> before = endOffsets();
        Map<String, Double> countedBefore = refusals();

        HttpResponse<String> asAnother = post(agent, batch);
        HttpResponse<String> asOperator = post(server, TestCredentials.operator("ops-" + run), batch);
        HttpResponse<String> without = post(server, null, batch);
        HttpResponse<String> forged = post(server, AccessTokens.issue(AccessTokens.newSecret(), other, AccessTokens.AGENT,
                Instant.now(), Duration.ofHours(1)), batch);

        assertThat(asAnother.statusCode()).as(asAnother.body()).isEqualTo(403);
        assertThat(asAnother.headers().firstValue("content-type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(map(asAnother)).containsEntry("status", 403).containsEntry("other_agent_items", List.of(1))
                .containsEntry("detail", "agent " + agent + " may post its own alpha events only: item(s) [1] name another agent;"
                        + " nothing was published");
        assertThat(asOperator.statusCode()).as(asOperator.body()).isEqualTo(403);
        assertThat(map(asOperator).get("detail")).asString().contains("needs role AGENT");
        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(without.headers().firstValue("www-authenticate")).hasValue("Bearer");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.headers().firstValue("www-authenticate")).hasValue("Bearer error=\"invalid_token\"");

        assertThat(producedSince(before, run, agent, other)).doesNotContain("api-own-" + run, "api-forged-" + run);
        Map<String, Double> counted = refusals();
        for (String reason : List.of("other_agent", "wrong_role", "no_credential", "bad_credential")) {
            assertThat(counted.get(reason) - countedBefore.get(reason)).as(reason).isEqualTo(1.0);
        }
    }

    @Test
    void anUnreachableKafkaIs503WithAMessage() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, Object> config = serviceConfig("127.0.0.1:" + closedPort);
        config.put("reconciler.api.send-timeout", "PT2S");
        EmbeddedServer noKafka = ApplicationContext.run(EmbeddedServer.class, config);
        try (ApplicationContext ignored = noKafka.getApplicationContext()) {
            String run = UUID.randomUUID().toString();
            HttpResponse<String> response = post(noKafka, TestCredentials.agent("api-agent-d"), """
                    {"event_id":"api-nokafka-%s","agent":"api-agent-d","symbol":"BTC-USD","direction":1,"score_final":0.1,
                     "confidence":0.5,"regime":"RANGE","emitted_at":"2026-01-01T00:00:00Z"}""".formatted(run));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
            assertThat(map(response)).isEqualTo(Map.of("type", "about:blank", "title", "Service Unavailable", "status", 503, "detail",
                    "Kafka did not acknowledge the records within 2 s (0 of 1 acknowledged to alpha.events); publish the batch again later"
                            + " (event ids make a retry of the whole batch safe: the reconciler drops duplicates)"));
        }
    }

    private static Map<String, Object> serviceConfig(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", bootstrapServers);
        config.put("registry.url", platform.registry().url());
        config.put("micronaut.server.port", -1);
        config.put("kafka.streams.default.application.id", "alpha-api-it-" + UUID.randomUUID());
        // the reconciler topology is not under test here
        config.put("kafka.streams.default.start-kafka-streams", false);
        return TestCredentials.in(config);
    }

    private static KafkaConsumer<String, AlphaEvent> consumer() {
        Serde<AlphaEvent> serde = Topics.ALPHA_EVENTS.valueSerde(platform.registry());
        return new KafkaConsumer<>(platform.clientProperties(), new StringDeserializer(), serde.deserializer());
    }

    private static Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<String, AlphaEvent> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            return consumer.endOffsets(partitions);
        }
    }

    private static void seek(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> offsets) {
        consumer.assign(offsets.keySet());
        offsets.forEach(consumer::seek);
    }

    /** {@code body} posted with agent {@code agent}'s token. */
    private static HttpResponse<String> post(String agent, String body) throws Exception {
        return post(server, TestCredentials.agent(agent), body);
    }

    /** {@code body} posted with {@code token} (none when null). */
    private static HttpResponse<String> post(EmbeddedServer target, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + target.getPort() + "/alpha-events"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", TestCredentials.bearer(token));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The refusals counted so far, by reason, as the service's {@code /prometheus} shows them. */
    private static Map<String, Double> refusals() throws Exception {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + "/prometheus"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        Map<String, Double> counted = new HashMap<>();
        Matcher series = Pattern.compile("(?m)^ms_access_refused_total\\{reason=\"([a-z_]+)\"} (\\S+)$").matcher(metrics.body());
        while (series.find()) {
            counted.put(series.group(1), Double.parseDouble(series.group(2)));
        }
        assertThat(counted).containsOnlyKeys("no_credential", "bad_credential", "wrong_role", "other_agent");
        return counted;
    }

    /**
     * The event ids on {@code alpha.events} since {@code before} in the partitions of {@code agents}, up to a marker
     * produced for each agent now (same key, same partition: after anything a request produced).
     */
    private static List<String> producedSince(Map<TopicPartition, Long> before, String run, String... agents) throws Exception {
        Map<TopicPartition, Long> partitions = new HashMap<>();
        List<String> markers = new ArrayList<>();
        try (Serde<AlphaEvent> serde = Topics.ALPHA_EVENTS.valueSerde(platform.registry());
             KafkaProducer<String, AlphaEvent> producer = new KafkaProducer<>(platform.clientProperties(),
                     new StringSerializer(), serde.serializer())) {
            for (String agent : agents) {
                AlphaEvent marker = AlphaEvent.newBuilder().setEventId("api-marker-" + agent + "-" + run).setAgent(agent)
                        .setSymbol("BTC-USD").setDirection(1).setScoreFinal(0).setConfidence(0.5).setRegime("TREND")
                        .setEmittedAt(Instant.now()).build();
                TopicPartition partition = new TopicPartition(TOPIC, producer.send(new ProducerRecord<>(TOPIC, agent, marker)).get().partition());
                partitions.put(partition, before.get(partition));
                markers.add(marker.getEventId());
            }
        }
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, AlphaEvent> consumer = consumer()) {
            seek(consumer, partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value().getEventId()));
                return seen.containsAll(markers);
            });
        }
        return seen;
    }

    private static Map<String, Object> map(HttpResponse<String> response) throws Exception {
        return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
