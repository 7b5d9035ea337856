package com.metasupervisor.streams.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchException;

import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.schemas.RegistrySerdes;
import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.schemas.Topics;
import com.sun.net.httpserver.HttpServer;
import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.avro.AvroSerde;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * A registry that does not answer while a record is serialised (inside a processor, or on the way out) fails the
 * task, so the record is retried from the last commit and never dead-lettered or dropped. The exceptions are the ones
 * the catalog's Apicurio serde throws against a registry that refuses connections or answers 503.
 */
class RegistryOutageHandlersTest {

    private final DeadLetterMetrics metrics = DeadLetterMetrics.standalone();
    private final DeadLetterProcessingHandler processing = new DeadLetterProcessingHandler();
    private final RegistryOutageProductionHandler production = new RegistryOutageProductionHandler();

    RegistryOutageHandlersTest() {
        processing.configure(Map.of(DeadLetterMetrics.CONFIG_KEY, metrics));
        production.configure(Map.of());
    }

    @Test
    void aSerialiserInAProcessorThatCannotConnectToTheRegistryFailsTheTaskAndDeadLettersNothing() {
        Exception refused = serialiseAgainst("http://127.0.0.1:1");
        assertThat(DeadLetterDeserializationHandler.isOutage(refused)).as(chain(refused)).isTrue();

        var response = processing.handleError(context(), record(), refused);

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(metrics.count("market.prices", "process-prices", "processing_failed")).isZero();
    }

    @Test
    void aRegistryAnswering503IsAnOutageToo() throws IOException {
        HttpServer registry = registryAnswering(503);
        try {
            Exception unavailable = serialiseAgainst("http://127.0.0.1:" + registry.getAddress().getPort());
            assertThat(DeadLetterDeserializationHandler.isOutage(unavailable)).as(chain(unavailable)).isTrue();
            assertThat(processing.handleError(context(), record(), unavailable).result())
                    .isEqualTo(ProcessingExceptionHandler.Result.FAIL);
            assertThat(production.handleSerializationError(context(), produced(), unavailable, SerializationExceptionOrigin.VALUE)
                    .result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
        } finally {
            registry.stop(0);
        }
    }

    @Test
    void anOutageOnTheWayOutFailsAndWhatStreamsWrapsItInStillFailsInTheProcessingHandler() {
        Exception refused = serialiseAgainst("http://127.0.0.1:1");

        var out = production.handleSerializationError(context(), produced(), refused, SerializationExceptionOrigin.VALUE);
        assertThat(out.result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
        assertThat(out.deadLetterQueueRecords()).isEmpty();

        // the sink's failure reaches the processor that forwarded the record, wrapped as Kafka Streams wraps it
        StreamsException fromTheSink = new StreamsException("Unable to serialize record. ProducerRecord(topic=[market.prices]", refused);
        var response = processing.handleError(context(), record(), fromTheSink);
        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void aBrokerAwayIsStillRetriedAndADefectIsStillDeadLettered() {
        // not the registry: Kafka's default on the way out (a retriable send error is retried, not failed)
        assertThat(production.handleError(context(), bytes(), new TimeoutException("Expiring 3 record(s)")).result())
                .isEqualTo(ProductionExceptionHandler.Result.RETRY);

        var response = processing.handleError(context(), record(), new IllegalStateException("a bug"));
        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement()
                .satisfies(letter -> assertThat(letter.topic()).isEqualTo("market.prices.dlq"));
        assertThat(metrics.count("market.prices", "process-prices", "processing_failed")).isEqualTo(1);
    }

    /** What the catalog's serde throws serialising a price tick with the registry at {@code url}. */
    private static Exception serialiseAgainst(String url) {
        Map<String, Object> config = RegistrySerdes.valueSerdeConfig(RegistrySettings.of(url));
        config.put(SchemaResolverConfig.RETRY_BACKOFF_MS, 1L); // the serde retries 3 times; quickly here
        try (AvroSerde<PriceTick> serde = new AvroSerde<>()) {
            serde.configure(config, false);
            Exception thrown = catchException(() -> serde.serializer().serialize(Topics.MARKET_PRICES.name(), tick()));
            assertThat(thrown).as("the serialiser with the registry at " + url).isNotNull();
            return thrown;
        }
    }

    private static HttpServer registryAnswering(int status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("{\"status\":" + status + ",\"title\":\"unavailable\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String chain(Throwable e) {
        StringBuilder out = new StringBuilder("exception chain:");
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            out.append("\n  ").append(t);
        }
        return out.toString();
    }

    private static PriceTick tick() {
        return PriceTick.newBuilder().setSymbol("BTC").setTs(Instant.parse("2026-02-01T09:30:00Z")).setPrice(64_000).build();
    }

    private static Record<String, PriceTick> record() {
        return new Record<>("BTC", tick(), 0L);
    }

    private static ProducerRecord<String, PriceTick> produced() {
        return new ProducerRecord<>("kit-test.valid-prices", "BTC", tick());
    }

    private static ProducerRecord<byte[], byte[]> bytes() {
        return new ProducerRecord<>("kit-test.valid-prices", "BTC".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 1, 2});
    }

    private static ErrorHandlerContext context() {
        return new ErrorHandlerContext() {
            public String topic() { return "market.prices"; }
            public int partition() { return 0; }
            public long offset() { return 5; }
            public Headers headers() { return new RecordHeaders(); }
            public String processorNodeId() { return "process-prices"; }
            public TaskId taskId() { return new TaskId(0, 0); }
            public long timestamp() { return 0; }
            public byte[] sourceRawKey() { return "BTC".getBytes(StandardCharsets.UTF_8); }
            public byte[] sourceRawValue() { return new byte[] {0, 0, 0, 0, 7, 2}; }
        };
    }
}
