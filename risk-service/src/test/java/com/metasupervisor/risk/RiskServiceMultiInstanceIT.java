package com.metasupervisor.risk;

import static com.metasupervisor.testkit.ReconciledRowBuilder.reconciledRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.platform.LocalPlatform;
import com.metasupervisor.platform.SharedPlatformExtension;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.testkit.CatalogRecords;
import com.metasupervisor.testkit.RestProbe;
import com.metasupervisor.testkit.ServiceInstances;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.ServerSocket;
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
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances of one application (each with {@code application.server}): whichever instance is asked
 * answers every agent (forwarded to the key's active host) and every strategy and open alert (gathered).
 */
@ExtendWith(SharedPlatformExtension.class)
class RiskServiceMultiInstanceIT {

    private static final int AGENTS = 16;
    private static final int ROWS = 30;

    @Test
    void eitherInstanceAnswersForEveryKey(LocalPlatform platform) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (EmbeddedServer a = start(platform, run, "a"); EmbeddedServer b = start(platform, run, "b")) {
            List<EmbeddedServer> servers = List.of(a, b);
            servers.forEach(ServiceInstances::awaitRunning);
            produce(platform, run);

            List<String> bases = servers.stream().map(s -> "http://localhost:" + s.getPort()).toList();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                for (String base : bases) {
                    for (int i = 0; i < AGENTS; i++) {
                        HttpResponse<String> r = RestProbe.get(base + "/agents/agent-" + run + "-" + i + "/stats");
                        assertThat(r.statusCode()).as("%s agent %d: %s", base, i, r.body()).isEqualTo(200);
                        assertThat(RestProbe.json(r).get("n").asLong()).isEqualTo(ROWS);
                    }
                    for (int k = 0; k < 3; k++) {
                        final int strategy = k;
                        HttpResponse<String> r = RestProbe.get(base + "/strategies/strat-" + run + "-" + k + "/risk?regime=TREND");
                        assertThat(r.statusCode()).as("%s strategy %d: %s", base, k, r.body()).isEqualTo(200);
                        JsonNode figures = RestProbe.json(r);
                        assertThat(figures).hasSize(1);
                        long agentsOfStrategy = java.util.stream.IntStream.range(0, AGENTS).filter(i -> i % 3 == strategy).count();
                        assertThat(figures.get(0).get("n").asLong()).isEqualTo(agentsOfStrategy * ROWS);
                    }
                    HttpResponse<String> open = RestProbe.get(base + "/alerts/open");
                    assertThat(open.statusCode()).isEqualTo(200);
                    Set<String> ids = new TreeSet<>();
                    RestProbe.json(open).forEach(n -> ids.add(n.get("alert_id").asText()));
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
        return ServiceInstances.start(platform, "risk-multi-it-" + run, "risk-multi-" + run + "-" + name, Map.of(
                "kafka.streams.default.application.server", "localhost:" + port,
                "micronaut.server.port", port));
    }

    /** AGENTS agents, strategy i % 3, each ROWS rows off by +100 bps: every agent opens an alert. */
    private static void produce(LocalPlatform platform, String run) throws Exception {
        Instant start = Instant.now().minus(Duration.ofDays(5)).truncatedTo(ChronoUnit.HOURS);
        List<ReconciledAlpha> rows = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            String agent = "agent-" + run + "-" + i;
            for (int r = 0; r < ROWS; r++) {
                rows.add(reconciledRow().eventId(agent + "-" + r).agent(agent).strategy("strat-" + run + "-" + (i % 3)).regime("TREND")
                        .horizonHours(24).maturedAt(start.plus(Duration.ofHours(r))).realizedBps(100).expectedBps(0).build());
            }
        }
        CatalogRecords.produce(platform, Topics.ALPHA_RECONCILED, ReconciledAlpha::getAgent, rows);
    }
}
