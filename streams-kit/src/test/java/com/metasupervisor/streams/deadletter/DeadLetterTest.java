package com.metasupervisor.streams.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.schemas.UnreconcilableHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void aDerivedLetterHasNoSourceBytesOrOffsetAndItsExtraHeadersFollowTheStandardOnes() {
        DeadLetter letter = DeadLetter.ofDerived("alpha.events", "reconcile", UnreconcilableHeaders.REASON, "no price", AT)
                .withHeader(UnreconcilableHeaders.HORIZON_HOURS, "4")
                .withHeader(UnreconcilableHeaders.EVENT_ID, "e-1");

        assertThat(letter.key()).isNull();
        assertThat(letter.value()).isNull();
        assertThat(letter.deadLetterTopic()).isEqualTo("alpha.events.dlq");
        assertThat(letter.headers().toArray()).extracting(Header::key).containsExactly(
                DeadLetter.REASON, DeadLetter.STAGE, DeadLetter.AT, DeadLetter.DETAIL,
                UnreconcilableHeaders.HORIZON_HOURS, UnreconcilableHeaders.EVENT_ID);
        assertThat(DeadLetter.header(letter.headers(), UnreconcilableHeaders.HORIZON_HOURS)).isEqualTo("4");
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.AT)).isEqualTo("2026-03-01T12:00:00Z");
    }

    @Test
    void anExtraHeaderIsAnErrorHeaderOfItsOwnAndSetOnce() {
        DeadLetter letter = DeadLetter.ofDerived("alpha.events", "reconcile", "unreconcilable", "", AT);
        assertThatThrownBy(() -> letter.withHeader(DeadLetter.REASON, "other")).hasMessageContaining("error.<name>");
        assertThatThrownBy(() -> letter.withHeader("trace-id", "x")).hasMessageContaining("error.<name>");
        assertThatThrownBy(() -> letter.withHeader("error.event_id", "a").withHeader("error.event_id", "b"))
                .hasMessageContaining("already set");
        assertThat(letter.extraHeaders()).as("a letter is not changed by withHeader").isEmpty();
    }

    @Test
    void aRecordReadInsideAProcessorKeepsItsBytesAndSaysWhereItWasRead() {
        Headers original = new RecordHeaders().add("trace-id", "t1".getBytes(StandardCharsets.UTF_8));
        var record = new Record<>("k".getBytes(StandardCharsets.UTF_8), new byte[] {0, 1, 2}, 5L, original);

        DeadLetter letter = DeadLetter.ofRecord(metadata("market.prices", 3, 41), record, DeadLetter.STAGE_VALIDATE,
                "price_not_positive", "price: price must be > 0, was -1.0", AT);

        assertThat(letter.toProducerRecord(7L).topic()).isEqualTo("market.prices.dlq");
        assertThat(letter.toProducerRecord(7L).key()).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
        assertThat(letter.toProducerRecord(7L).value()).containsExactly(0, 1, 2);
        assertThat(letter.toProducerRecord(5L).timestamp()).as("its source's event time, not error.at").isEqualTo(5L);
        assertThat(letter.toProducerRecord(-1L).timestamp()).as("unknown: the producer stamps it").isNull();
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.SOURCE)).isEqualTo("market.prices-3@41");
        assertThat(DeadLetter.header(letter.headers(), "trace-id")).isEqualTo("t1");
    }

    @Test
    void aLongDetailIsCutSoHeadersStaySmall() {
        DeadLetter letter = DeadLetter.ofDerived("t", "validate", "too_long", "x".repeat(5_000), AT);
        assertThat(letter.detail()).hasSize(1_001).endsWith("…");
    }

    private static RecordMetadata metadata(String topic, int partition, long offset) {
        return new RecordMetadata() {
            public String topic() { return topic; }
            public int partition() { return partition; }
            public long offset() { return offset; }
        };
    }
}
