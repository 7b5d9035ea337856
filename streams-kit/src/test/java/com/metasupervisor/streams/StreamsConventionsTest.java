package com.metasupervisor.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.streams.deadletter.DeadLetterDeserializationHandler;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import com.metasupervisor.streams.deadletter.DeadLetterProcessingHandler;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsConventionsTest {

    @Test
    void everyApplicationRunsExactlyOnceWithDeadLetterHandlers() {
        DeadLetterMetrics metrics = DeadLetterMetrics.standalone();
        StreamsConfig config = new StreamsConfig(StreamsConventions.forApplication("app", "localhost:9092", metrics));
        assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
        assertThat(config.deserializationExceptionHandler()).isInstanceOf(DeadLetterDeserializationHandler.class);
        assertThat(config.processingExceptionHandler()).isInstanceOf(DeadLetterProcessingHandler.class);
        assertThat(config.originals().get(DeadLetterMetrics.CONFIG_KEY)).isSameAs(metrics);
    }

    @Test
    void internalTopicsTakeTheBrokersReplicationSoOneAndThreeBrokersBothWork() {
        StreamsConfig config = new StreamsConfig(StreamsConventions.forApplication("app", "localhost:9092", DeadLetterMetrics.standalone()));
        assertThat(config.getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(-1);
    }

    @Test
    void aServiceMayTuneButNotWeakenTheGuarantee() {
        Properties props = new Properties();
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        StreamsConventions.apply(props, DeadLetterMetrics.standalone());
        assertThat(props.get(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(3);
        assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    }
}
