package com.metasupervisor.testkit;

import static com.metasupervisor.testkit.ReconciledRowBuilder.reconciledRow;
import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.streams.deadletter.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class TopologyDriverTest {

    private static final String COPY = "copy-of-reconciled";

    @Test
    void catalogTopicsInAndOutWithTheDeadLetterConventionsApplied() {
        try (TopologyDriver driver = TopologyDriver.start("driver-test", Instant.parse("2026-01-01T00:00:00Z"), (builder, deadLetters) -> builder
                .stream(Topics.ALPHA_RECONCILED.name(), Consumed.with(Topics.ALPHA_RECONCILED.keySerde(),
                        TopologyDriver.SERDES.value(Topics.ALPHA_RECONCILED)))
                .to(COPY, Produced.with(Topics.ALPHA_RECONCILED.keySerde(), TopologyDriver.SERDES.value(Topics.ALPHA_RECONCILED))))) {
            ReconciledAlpha row = reconciledRow().agent("agent-a").build();
            TestOutputTopic<String, byte[]> dlq = driver.rawOutput(Topics.ALPHA_RECONCILED.deadLetterTopic());
            TestOutputTopic<String, byte[]> copy = driver.rawOutput(COPY);

            driver.rawInput(Topics.ALPHA_RECONCILED.name()).pipeInput("agent-a", "not avro".getBytes(StandardCharsets.UTF_8));
            driver.input(Topics.ALPHA_RECONCILED).pipeInput("agent-a", row);

            // the deserialisation handler of the conventions dead-lettered the bytes (at-least-once: the driver keeps them)
            TestRecord<String, byte[]> dead = dlq.readRecord();
            assertThat(dead.key()).isEqualTo("agent-a");
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("not avro");
            assertThat(dead.headers().lastHeader(DeadLetter.REASON)).isNotNull();
            assertThat(driver.deadLetterMetrics().count(Topics.ALPHA_RECONCILED.name(), DeadLetter.STAGE_DESERIALIZE,
                    new String(dead.headers().lastHeader(DeadLetter.REASON).value(), StandardCharsets.UTF_8))).isEqualTo(1);
            assertThat(TopologyDriver.SERDES.value(Topics.ALPHA_RECONCILED).deserializer().deserialize(COPY, copy.readValue()))
                    .isEqualTo(row);
            assertThat(copy.isEmpty()).isTrue();
        }
    }
}
