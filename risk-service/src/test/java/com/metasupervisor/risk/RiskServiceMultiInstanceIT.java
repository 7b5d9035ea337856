package com.metasupervisor.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.platform.LocalPlatform;
import com.metasupervisor.platform.SharedPlatformExtension;
import com.metasupervisor.schemas.Topics;
import io.micronaut.context.ApplicationContext;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances of one application (each with {@code application.server}): whichever instance is asked
 * answers every agent (forwarded to the key's active host) and every strategy and open alert (gathered).
 */
@ExtendWith(SharedPlatformExtension.class)
class RiskServiceMultiInstanceIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int AGENTS = 16;
    private static final int ROWS = 30;

    @Test
    void eitherInstanceAnswersForEveryKey(LocalPlatform platform) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (EmbeddedServer a = start(platform, run, "a"); EmbeddedServer b = start(platform, run, "b")) {
            List<EmbeddedServer> servers = List.of(a, b);
            for (EmbeddedServer s : servers) {
                KafkaStreams streams = s.getApplicationContext().getBean(KafkaStreams.class);
                await().atMost(Duration.ofSeconds(90)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
            }
            produce(platform, run);

            List<String> bases = servers.stream().map(s -> "http://localhost:" + s.getPort()).toList();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                for (String base : bases) {
                    for (int i = 0; i < AGENTS; i++) {
                        HttpResponse<String> r = get(base + "/agents/agent-" + run + "-" + i + "/stats");
                        assertThat(r.statusCode()).as("%s agent %d: %s", base, i, r.body()).isEqualTo(200);
                        assertThat(JSON.readTree(r.body()).get("n").asLong()).isEqualTo(ROWS);
                    }
                    for (int k = 0; k < 3; k++) {
                        final int strategy = k;
                        HttpResponse<String> r = get(base + "/strategies/strat-" + run + "-" + k + "/risk?regime=TREND");
                        assertThat(r.statusCode()).as("%s strategy %d: %s", base, k, r.body()).isEqualTo(200);
                        JsonNode figures = JSON.readTree(r.body());
                        assertThat(figures).hasSize(1);
                        long agentsOfStrategy = java.util.stream.IntStream.range(0, AGENTS).filter(i -> i % 3 == strategy).count();
                        assertThat(figures.get(0).get("n").asLong()).isEqualTo(agentsOfStrategy * ROWS);
                    }
                    HttpResponse<String> open = get(base + "/alerts/open");
                    assertThat(open.statusCode()).isEqualTo(200);
                    Set<String> ids = new TreeSet<>();
                    JSON.readTree(open.body()).forEach(n -> ids.add(n.get("alertId").asText()));
                    for (int i = 0; i < AGENTS; i++) {
                        assertThat(ids).contains("agent-" + run + "-" + i + "#1");
                    }
                }
            });
            // the agents' tasks really are spread over both instances
            Set<Integer> hosts = new TreeSet<>();
            KafkaStreams streamsA = a.getApplicationContext().getBean(KafkaStreams.class);
            for (int i = 0; i < AGENTS; i++) {
                hosts.add(streamsA.queryMetadataForKey("agent-stats-published", "agent-" + run + "-" + i,
                        org.apache.kafka.common.serialization.Serdes.String().serializer()).activeHost().port());
            }
            assertThat(hosts).containsExactlyInAnyOrder(a.getPort(), b.getPort());
        }
    }

    private static EmbeddedServer start(LocalPlatform platform, String run, String name) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return ApplicationContext.run(EmbeddedServer.class, Map.of(
                "kafka.bootstrap.servers", platform.bootstrapServers(),
                "registry.url", platform.registry().url(),
                "kafka.streams.default.application.id", "risk-multi-it-" + run,
                "kafka.streams.default.state.dir", "target/it-state/risk-multi-" + run + "-" + name,
                "kafka.streams.default.application.server", "localhost:" + port,
                "micronaut.server.port", port));
    }

    /** AGENTS agents, strategy i % 3, each ROWS rows off by +100 bps: every agent opens an alert. */
    private static void produce(LocalPlatform platform, String run) throws Exception {
        Instant start = Instant.now().minus(Duration.ofDays(5)).truncatedTo(ChronoUnit.HOURS);
        try (Serde<ReconciledAlpha> values = Topics.ALPHA_RECONCILED.valueSerde(platform.registry());
             KafkaProducer<String, ReconciledAlpha> producer = new KafkaProducer<>(platform.clientProperties(),
                     Topics.ALPHA_RECONCILED.keySerde().serializer(), values.serializer())) {
            for (int i = 0; i < AGENTS; i++) {
                String agent = "agent-" + run + "-" + i;
                for (int r = 0; r < ROWS; r++) {
                    Instant t = start.plus(Duration.ofHours(r));
                    producer.send(new ProducerRecord<>(Topics.ALPHA_RECONCILED.name(), agent, ReconciledAlpha.newBuilder()
                            .setEventId(agent + "-" + r).setAgent(agent).setStrategyClass("strat-" + run + "-" + (i % 3))
                            .setSymbol("BTC").setRegime("TREND").setHorizonHours(24).setEmittedAt(t.minus(Duration.ofHours(24)))
                            .setMaturedAt(t).setDirection(1).setScoreFinal(0.5).setConfidence(0.5).setEntryPrice(100.0)
                            .setExitPrice(101.0).setRealizedPnlBps(100.0).setExpectedPnlBps(0.0).setExpectedSigmaBps(null)
                            .setPnlErrorBps(100.0).setAbsErrorBps(100.0).setSimVersion("fallback_zero").setHit(true).build()));
                }
            }
            producer.flush();
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
