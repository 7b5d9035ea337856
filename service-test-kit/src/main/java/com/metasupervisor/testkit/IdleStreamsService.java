package com.metasupervisor.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.metasupervisor.streams.StreamsConventions;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.apache.avro.Schema;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;

/**
 * A service as it runs (Micronaut, its controllers, streams-kit's error handling) with no broker: its Kafka Streams
 * application is built from its topology and never started, so every store question answers 503 until the test
 * enables a bean that answers from a TopologyTestDriver's stores instead (each service's {@code DriverStores}). What
 * the REST contract tests of every service stand on.
 *
 * <pre>{@code
 * try (IdleStreamsService service = IdleStreamsService.start("risk-rest",
 *         (builder, deadLetters) -> RiskTopology.build(builder, TopologyDriver.SERDES, settings, clock, deadLetters), Map.of())) {
 *     RestProbe.problem(RestProbe.get(service.baseUrl() + "/alerts/open"), 503);
 * }
 * }</pre>
 */
public final class IdleStreamsService implements AutoCloseable {

    private final KafkaStreams streams;
    private final ApplicationContext context;
    private final int port;

    private IdleStreamsService(KafkaStreams streams, ApplicationContext context, int port) {
        this.streams = streams;
        this.context = context;
        this.port = port;
    }

    /**
     * Builds the topology ({@code topology} adds it to the builder) into a KafkaStreams that is never started, then the
     * service's context on a free port with Kafka off, the test token secret ({@link TestCredentials}) and
     * {@code config} on top.
     */
    public static IdleStreamsService start(String application, BiConsumer<StreamsBuilder, DeadLetterMetrics> topology,
                                           Map<String, Object> config) {
        StreamsBuilder builder = new StreamsBuilder();
        DeadLetterMetrics deadLetters = DeadLetterMetrics.standalone();
        topology.accept(builder, deadLetters);
        Properties props = StreamsConventions.forApplication(application + "-" + UUID.randomUUID(), "localhost:1", deadLetters);
        props.put(StreamsConfig.STATE_DIR_CONFIG, "target/rest-state/" + UUID.randomUUID());
        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        Map<String, Object> properties = new HashMap<>(Map.of("kafka.enabled", false, "registry.url", "http://localhost:1",
                "micronaut.server.port", -1));
        TestCredentials.in(properties);
        properties.putAll(config);
        ApplicationContext context = null;
        try {
            context = ApplicationContext.builder().properties(properties).singletons(streams).start();
            EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
            return new IdleStreamsService(streams, context, server.getPort());
        } catch (RuntimeException e) {
            if (context != null) {
                context.close();
            }
            streams.close(Duration.ofSeconds(5));
            throw e;
        }
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    /** The running service's beans (e.g. its DriverStores). */
    public ApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
        streams.close(Duration.ofSeconds(5));
    }

    /** The names of a JSON object's fields, in order. */
    public static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The names of an Avro record's fields, in order: what a view of that record must answer. */
    public static List<String> fieldNames(Schema schema) {
        return schema.getFields().stream().map(Schema.Field::name).toList();
    }
}
