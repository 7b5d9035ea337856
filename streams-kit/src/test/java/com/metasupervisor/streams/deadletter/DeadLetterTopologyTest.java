package com.metasupervisor.streams.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.streams.StreamsConventions;
import com.metasupervisor.streams.SymbolAndPositivePrice;
import com.metasupervisor.streams.validation.Sourced;
import com.metasupervisor.streams.validation.ValidationStep;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dead-letter conventions on a topology: bad bytes and invalid values go to {@code <topic>.dlq}
 * with their original bytes and the reason headers; the next valid record still flows.
 */
class DeadLetterTopologyTest {

    private static final String OUT = "valid-prices";
    private static final String DLQ = Topics.MARKET_PRICES.deadLetterTopic();

    private final DeadLetterMetrics metrics = DeadLetterMetrics.standalone();
    private Topology topology;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> in;
    private TestOutputTopic<String, PriceTick> out;
    private TestOutputTopic<byte[], byte[]> dlq;

    @BeforeEach
    void topology() {
        Serde<PriceTick> avro = Serdes.serdeFrom((topic, tick) -> encode(tick), (topic, bytes) -> bytes == null ? null : decode(bytes));
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, Sourced<PriceTick>> ticks = builder.stream(Topics.MARKET_PRICES.name(),
                Consumed.with(Serdes.String(), Sourced.serde(avro)));
        new ValidationStep(metrics, Clock.systemUTC()).validate(ticks, Topics.MARKET_PRICES, new SymbolAndPositivePrice())
                .mapValues(tick -> {
                    if (tick.getSymbol().equals("BUG")) {
                        throw new IllegalStateException("a defect met on this record");
                    }
                    return tick;
                })
                .to(OUT, Produced.with(Serdes.String(), avro));
        Properties props = StreamsConventions.forApplication("dead-letter-test", "unused:9092", metrics);
        // TopologyTestDriver deserialises a record as it is enqueued, outside its exactly-once
        // transaction, and drops what is sent there; at-least-once shows the dead letters. The
        // exactly-once path is covered on the real broker (StreamsServiceIT).
        props.put(org.apache.kafka.streams.StreamsConfig.PROCESSING_GUARANTEE_CONFIG, org.apache.kafka.streams.StreamsConfig.AT_LEAST_ONCE);
        topology = builder.build();
        driver = new TopologyTestDriver(topology, props);
        in = driver.createInputTopic(Topics.MARKET_PRICES.name(), new StringSerializer(), new ByteArraySerializer());
        out = driver.createOutputTopic(OUT, new StringDeserializer(), avro.deserializer());
        dlq = driver.createOutputTopic(DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void malformedBytesGoToTheDeadLetterTopicAsTheyCameAndTheNextValidRecordFlows() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        in.pipeInput(new TestRecord<>("BTC", garbage, Instant.parse("2026-01-01T00:00:00Z")));
        in.pipeInput("ETH", encode(tick("ETH", 2_500)));

        TestRecord<byte[], byte[]> dead = dlq.readRecord();
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(dead.key()).isEqualTo("BTC".getBytes(StandardCharsets.UTF_8));
        assertThat(header(dead.headers(), DeadLetter.REASON)).isEqualTo("not_wire_format");
        assertThat(header(dead.headers(), DeadLetter.STAGE)).isEqualTo("deserialize");
        assertThat(Instant.parse(header(dead.headers(), DeadLetter.AT))).isBefore(Instant.now().plusSeconds(1));
        assertThat(header(dead.headers(), DeadLetter.SOURCE)).isEqualTo("market.prices-0@0");
        assertThat(out.readValuesToList()).containsExactly(tick("ETH", 2_500));
        assertThat(metrics.count("market.prices", "deserialize", "not_wire_format")).isEqualTo(1);
    }

    @Test
    void anInvalidValueIsDeadLetteredWithEveryViolationAndItsOriginalBytes() {
        byte[] invalid = encode(tick(" ", -3));
        in.pipeInput("X", invalid);
        in.pipeInput("SOL", encode(tick("SOL", 150)));

        TestRecord<byte[], byte[]> dead = dlq.readRecord();
        assertThat(dead.value()).isEqualTo(invalid);
        assertThat(header(dead.headers(), DeadLetter.REASON)).isEqualTo("missing_symbol");
        assertThat(header(dead.headers(), DeadLetter.STAGE)).isEqualTo("validate");
        assertThat(header(dead.headers(), DeadLetter.DETAIL))
                .contains("symbol: symbol is missing or blank")
                .contains("price: price must be > 0, was -3.0");
        assertThat(dlq.isEmpty()).isTrue();
        assertThat(out.readValuesToList()).containsExactly(tick("SOL", 150));
        assertThat(metrics.count("market.prices", "validate", "missing_symbol")).isEqualTo(1);
    }

    @Test
    void anInvalidValueKeepsItsKeyHeadersAndEventTimeAndSaysWhenItWasDeadLettered() {
        byte[] invalid = encode(tick("NEG", -1));
        TestRecord<String, byte[]> record = new TestRecord<>("NEG", invalid, Instant.parse("2026-02-01T09:30:00Z"));
        record.headers().add("trace-id", "t-9".getBytes(StandardCharsets.UTF_8));
        record.headers().add(DeadLetter.REASON, "stale".getBytes(StandardCharsets.UTF_8));
        in.pipeInput("OK", encode(tick("OK", 1)));
        in.pipeInput(record);

        TestRecord<byte[], byte[]> dead = dlq.readRecord();
        assertThat(dead.key()).isEqualTo("NEG".getBytes(StandardCharsets.UTF_8));
        assertThat(header(dead.headers(), "trace-id")).isEqualTo("t-9");
        assertThat(dead.headers().headers(DeadLetter.REASON)).hasSize(1);
        assertThat(header(dead.headers(), DeadLetter.REASON)).isEqualTo("price_not_positive");
        assertThat(header(dead.headers(), DeadLetter.SOURCE)).isEqualTo("market.prices-0@1");
        assertThat(dead.getRecordTime()).as("the source record's event time: a replayed past stays in the past")
                .isEqualTo(Instant.parse("2026-02-01T09:30:00Z"));
        assertThat(Instant.parse(header(dead.headers(), DeadLetter.AT))).as("when it was refused").isAfter(Instant.parse("2026-02-02T00:00:00Z"));
        assertThat(metrics.count("market.prices", "validate", "price_not_positive")).isEqualTo(1);
    }

    @Test
    void aRecordWithoutAValueIsDeadLetteredAsMissingValue() {
        in.pipeInput("EMPTY", (byte[]) null);

        TestRecord<byte[], byte[]> dead = dlq.readRecord();
        assertThat(dead.value()).isNull();
        assertThat(header(dead.headers(), DeadLetter.REASON)).isEqualTo("missing_value");
        assertThat(out.isEmpty()).isTrue();
    }

    @Test
    void theTopologyShowsTheValidationStepAndWhereInvalidValuesGo() {
        String described = topology.describe().toString();
        assertThat(described)
                .contains("Processor: validate-market-prices")
                .contains("Sink: validate-market-prices-dlq (topic: market.prices.dlq)");
    }

    @Test
    void aDefectMetOnOneRecordDeadLettersThatRecordOnlyAndKeepsItsOriginalHeaders() {
        byte[] bug = encode(tick("BUG", 1));
        TestRecord<String, byte[]> record = new TestRecord<>("BUG", bug);
        record.headers().add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));
        in.pipeInput(record);
        in.pipeInput("ETH", encode(tick("ETH", 2_600)));

        TestRecord<byte[], byte[]> dead = dlq.readRecord();
        assertThat(dead.value()).isEqualTo(bug);
        assertThat(header(dead.headers(), DeadLetter.REASON)).isEqualTo("processing_failed");
        assertThat(header(dead.headers(), DeadLetter.DETAIL)).contains("a defect met on this record");
        assertThat(header(dead.headers(), "trace-id")).isEqualTo("abc");
        assertThat(out.readValuesToList()).containsExactly(tick("ETH", 2_600));
    }

    @Test
    void validRecordsNeverReachTheDeadLetterTopic() {
        for (int i = 1; i <= 50; i++) {
            in.pipeInput("S" + i, encode(tick("S" + i, i)));
        }
        assertThat(out.readValuesToList()).hasSize(50);
        assertThat(dlq.isEmpty()).isTrue();
    }

    private static PriceTick tick(String symbol, double price) {
        return PriceTick.newBuilder().setSymbol(symbol).setTs(Instant.parse("2026-02-01T09:30:00Z")).setPrice(price).build();
    }

    private static String header(Headers headers, String key) {
        var header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] encode(PriceTick tick) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
            new SpecificDatumWriter<>(PriceTick.class).write(tick, encoder);
            encoder.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PriceTick decode(byte[] bytes) {
        try {
            return new SpecificDatumReader<>(PriceTick.class).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
