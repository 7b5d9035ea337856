package com.metasupervisor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.Topics;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedPlatformExtension.class)
class LocalPlatformIT {

    @Test
    void createsEveryCatalogTopicAndItsDeadLetterTopicWithTheCatalogsSettings(LocalPlatform platform) throws Exception {
        assertThat(platform.topicNames()).containsAll(Topics.allNamesWithDeadLetters());
        try (Admin admin = platform.admin()) {
            Map<String, TopicDescription> described = admin.describeTopics(Topics.allNamesWithDeadLetters()).allTopicNames().get();
            var configs = admin.describeConfigs(Topics.allNamesWithDeadLetters().stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get();
            for (Topic<?> topic : Topics.all()) {
                assertThat(described.get(topic.name()).partitions()).as(topic.name()).hasSize(topic.partitions());
                assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()))
                        .get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).as(topic.name()).isEqualTo(topic.cleanup().kafkaValue());
                assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.deadLetterTopic()))
                        .get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).as(topic.deadLetterTopic()).isEqualTo("delete");
            }
        }
    }

    @Test
    void theEmbeddedDefaultNeedsNoDocker(LocalPlatform platform) {
        if (!ContainerKafkaBroker.dockerAvailable()) {
            assertThat(platform.broker()).isInstanceOf(EmbeddedKafkaBroker.class);
        }
        assertThat(RegistryProbe.answers(platform.registry())).isTrue();
    }

    @Test
    void stopsCleanlyLeavingNoProcessOrListener() throws Exception {
        LocalPlatform own = LocalPlatform.start(LocalPlatform.KafkaMode.EMBEDDED);
        ProcessHandle registryProcess = own.registryProcess().processHandle();
        int registryPort = java.net.URI.create(own.registry().url()).getPort();
        String bootstrap = own.bootstrapServers();
        int kafkaPort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        assertThat(registryProcess.isAlive()).isTrue();

        own.close();

        registryProcess.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(registryProcess.isAlive()).isFalse();
        assertThatThrownBy(() -> new Socket("localhost", kafkaPort).close()).as("broker port").isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new Socket("127.0.0.1", registryPort).close()).as("registry port").isInstanceOf(IOException.class);
    }

    @Test
    void reportsItsStartupTime(LocalPlatform platform) {
        assertThat(platform.startupTime()).isPositive().isLessThan(Duration.ofMinutes(3));
    }
}
