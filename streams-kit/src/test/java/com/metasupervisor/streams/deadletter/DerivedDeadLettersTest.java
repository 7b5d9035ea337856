package com.metasupervisor.streams.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.streams.StreamsConventions;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** What a processor derived, dead-lettered: the letter's headers on the record, the value written, counted. */
class DerivedDeadLettersTest {

    private static final Instant GIVEN_UP = Instant.parse("2026-03-02T13:00:00Z");

    @Test
    void eachValueBecomesADerivedLetterStampedWithTheRecordsTime() {
        DeadLetterMetrics metrics = DeadLetterMetrics.standalone();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("pairs", Consumed.with(Serdes.String(), Serdes.String()))
                .processValues(DerivedDeadLetters.of(metrics,
                        (pair, at) -> DeadLetter.ofDerived("alpha.events", "reconcile", "unreconcilable", "no price for " + pair, at)
                                .withHeader("error.horizon_hours", pair.substring(pair.indexOf('@') + 1)),
                        pair -> pair.substring(0, pair.indexOf('@'))), Named.as("unreconcilable-headers"))
                .to("alpha.events.dlq", Produced.with(Serdes.String(), Serdes.String()));
        Properties props = StreamsConventions.forApplication("derived-test", "unused:9092", DeadLetterMetrics.standalone());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            driver.createInputTopic("pairs", new StringSerializer(), new StringSerializer())
                    .pipeInput(new TestRecord<>("agent-a", "e1@4", GIVEN_UP));
            TestRecord<String, String> dead = driver.createOutputTopic("alpha.events.dlq", new StringDeserializer(),
                    new StringDeserializer()).readRecord();

            assertThat(dead.key()).isEqualTo("agent-a");
            assertThat(dead.value()).isEqualTo("e1");
            assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON)).isEqualTo("unreconcilable");
            assertThat(DeadLetter.header(dead.headers(), DeadLetter.DETAIL)).isEqualTo("no price for e1@4");
            assertThat(DeadLetter.header(dead.headers(), DeadLetter.AT)).isEqualTo(GIVEN_UP.toString());
            assertThat(DeadLetter.header(dead.headers(), "error.horizon_hours")).isEqualTo("4");
            assertThat(dead.headers().lastHeader(DeadLetter.SOURCE)).as("derived: no source offset").isNull();
            assertThat(metrics.count("alpha.events", "reconcile", "unreconcilable")).isEqualTo(1);
        }
    }
}
