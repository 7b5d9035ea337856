package com.metasupervisor.streams.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class DeadLetterDeserializationHandlerTest {

    private final DeadLetterMetrics metrics = DeadLetterMetrics.standalone();
    private final DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();

    DeadLetterDeserializationHandlerTest() {
        handler.configure(Map.of(DeadLetterMetrics.CONFIG_KEY, metrics));
    }

    @Test
    void aRegistryOutageFailsTheTaskSoTheRecordIsRetriedNotDeadLettered() {
        byte[] framed = {0, 0, 0, 0, 7, 2, 4};
        var response = handler.handleError(context(), record(framed), new RuntimeException(new ConnectException("refused")));
        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(metrics.count("alpha.events", "deserialize", "malformed")).isZero();
    }

    @Test
    void bytesInTheWireFormatThatDoNotDecodeAreMalformed() {
        byte[] framed = {0, 0, 0, 0, 7, -1, -1, -1};
        var response = handler.handleError(context(), record(framed), new IllegalStateException("bad varint"));
        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        var dead = response.deadLetterQueueRecords().getFirst();
        assertThat(dead.topic()).isEqualTo("alpha.events.dlq");
        assertThat(dead.value()).isEqualTo(framed);
        assertThat(new String(dead.headers().lastHeader(DeadLetter.REASON).value(), StandardCharsets.UTF_8)).isEqualTo("malformed");
        assertThat(metrics.count("alpha.events", "deserialize", "malformed")).isEqualTo(1);
    }

    @Test
    void emptyOrUnframedBytesAreNotInTheWireFormat() {
        assertThat(DeadLetterDeserializationHandler.classify(null, new RuntimeException())).isEqualTo("not_wire_format");
        assertThat(DeadLetterDeserializationHandler.classify(new byte[] {0, 0, 1}, new RuntimeException())).isEqualTo("not_wire_format");
        assertThat(DeadLetterDeserializationHandler.classify("{}{}{}".getBytes(), new RuntimeException())).isEqualTo("not_wire_format");
    }

    @Test
    void aDeadLetterRefusesFreeTextAsItsReason() {
        assertThatThrownBy(() -> DeadLetter.ofDerived("t", "validate", "Price was -1!", "", Instant.EPOCH))
                .hasMessageContaining("snake_case code");
    }

    @Test
    void theDeadLetterKeepsOriginalHeadersButReplacesStaleErrorHeaders() {
        Headers original = new RecordHeaders().add("trace", "t1".getBytes()).add(DeadLetter.REASON, "old".getBytes());
        var consumed = new ConsumerRecord<>("alpha.events", 2, 9, 0L, TimestampType.CREATE_TIME, 1, 1, "k".getBytes(), "v".getBytes(),
                original, Optional.empty());
        var record = DeadLetter.ofRecord(consumed, "validate", "confidence_out_of_range", "confidence: 1.5",
                Instant.parse("2026-01-01T00:00:00Z")).toProducerRecord();
        assertThat(record.headers().headers(DeadLetter.REASON)).hasSize(1);
        assertThat(new String(record.headers().lastHeader(DeadLetter.REASON).value())).isEqualTo("confidence_out_of_range");
        assertThat(new String(record.headers().lastHeader("trace").value())).isEqualTo("t1");
        assertThat(new String(record.headers().lastHeader(DeadLetter.AT).value())).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(new String(record.headers().lastHeader(DeadLetter.SOURCE).value())).isEqualTo("alpha.events-2@9");
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>("alpha.events", 0, 5L, "agent-7".getBytes(), value);
    }

    private static ErrorHandlerContext context() {
        return new ErrorHandlerContext() {
            public String topic() { return "alpha.events"; }
            public int partition() { return 0; }
            public long offset() { return 5; }
            public Headers headers() { return new RecordHeaders(); }
            public String processorNodeId() { return "KSTREAM-SOURCE-0000000000"; }
            public TaskId taskId() { return new TaskId(0, 0); }
            public long timestamp() { return 0; }
            public byte[] sourceRawKey() { return "agent-7".getBytes(); }
            public byte[] sourceRawValue() { return null; }
        };
    }
}
