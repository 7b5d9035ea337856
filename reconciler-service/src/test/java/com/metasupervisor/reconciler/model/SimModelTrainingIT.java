package com.metasupervisor.reconciler.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.platform.LocalPlatform;
import com.metasupervisor.platform.SharedPlatformExtension;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.testkit.TestCredentials;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The model loop on the real broker and registry: too few rows → insufficient_rows; enough rows →
 * {@code POST /models/1/train} publishes ridge_h1_v1 to models.sim, {@code GET /models} shows it,
 * and calls reconciled afterwards are expected by it.
 */
@ExtendWith(SharedPlatformExtension.class)
class SimModelTrainingIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void insufficientRowsThenATrainedModelThatPricesLaterRows(LocalPlatform platform) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, TestCredentials.in(new HashMap<>(Map.of(
                "kafka.bootstrap.servers", platform.bootstrapServers(),
                "registry.url", platform.registry().url(),
                "kafka.streams.default.application.id", "sim-model-it-" + run,
                "kafka.streams.default.state.dir", "target/it-state/sim-model-" + run,
                "reconciler.tick-lateness", "PT0S",
                "micronaut.server.port", -1))))) {
            ApplicationContext context = server.getApplicationContext();
            KafkaStreams streams = context.getBean(KafkaStreams.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
            String base = "http://localhost:" + server.getPort();

            // 100 rows: not enough
            produceCalls(platform, run, start, 0, 100);
            await().atMost(Duration.ofSeconds(60)).until(() -> get(base + "/models/1/rows").path("rows").asLong() >= 100);
            JsonNode insufficient = post(base + "/models/1/train");
            assertThat(insufficient.get("status").asText()).isEqualTo("insufficient_rows");
            assertThat(insufficient.get("n").asLong()).isEqualTo(100);
            assertThat(insufficient.get("required_rows").asInt()).isEqualTo(250);

            // 300 rows: trained, published, visible
            produceCalls(platform, run, start, 100, 300);
            await().atMost(Duration.ofSeconds(60)).until(() -> get(base + "/models/1/rows").path("rows").asLong() >= 300);
            JsonNode trained = post(base + "/models/1/train");
            assertThat(trained.get("status").asText()).isEqualTo("trained");
            assertThat(trained.get("version").asText()).isEqualTo("ridge_h1_v1");
            assertThat(trained.get("n").asLong()).isEqualTo(300);
            await().atMost(Duration.ofSeconds(30)).until(() -> get(base + "/models").toString().contains("ridge_h1_v1"));

            // a call reconciled now is expected by the new model
            try (KafkaConsumer<String, ReconciledAlpha> rows = platform.committedFromNow(Topics.ALPHA_RECONCILED)) {
                produceCalls(platform, run, start, 300, 301);
                List<ReconciledAlpha> after = new ArrayList<>();
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    rows.poll(Duration.ofMillis(200)).forEach(r -> {
                        if (r.value().getEventId().startsWith(run)) {
                            after.add(r.value());
                        }
                    });
                    return !after.isEmpty();
                });
                assertThat(after.getFirst().getSimVersion()).isEqualTo("ridge_h1_v1");
                assertThat(after.getFirst().getExpectedSigmaBps()).isEqualTo(trained.get("holdout_rmse_bps").asDouble());
            }
            assertThat(post(base + "/models/7/train").toString()).contains("no sim model for horizon 7");
        }
    }

    /** Calls [from, to) on their own symbol, each with a 1 h horizon and its entry and exit ticks. */
    private static void produceCalls(LocalPlatform platform, String run, Instant start, int from, int to) throws Exception {
        Random random = new Random(from);
        String symbol = "TRN-" + run;
        try (Serde<AlphaEvent> events = Topics.ALPHA_EVENTS.valueSerde(platform.registry());
             Serde<PriceTick> ticks = Topics.MARKET_PRICES.valueSerde(platform.registry());
             KafkaProducer<String, AlphaEvent> calls = new KafkaProducer<>(platform.clientProperties(), Topics.ALPHA_EVENTS.keySerde().serializer(), events.serializer());
             KafkaProducer<String, PriceTick> prices = new KafkaProducer<>(platform.clientProperties(), Topics.MARKET_PRICES.keySerde().serializer(), ticks.serializer())) {
            for (int i = from; i < to; i++) {
                Instant at = start.plusSeconds(i);
                double score = random.nextDouble() * 2 - 1;
                double exit = 100 * (1 + (30 * score + random.nextGaussian() * 5) / 10_000);
                calls.send(new ProducerRecord<>(Topics.ALPHA_EVENTS.name(), "agent-" + run, AlphaEvent.newBuilder()
                        .setEventId(run + "-" + i).setAgent("agent-" + run).setSymbol(symbol).setDirection(1)
                        .setScoreFinal(score).setConfidence(random.nextDouble()).setRegime("TREND").setEmittedAt(at)
                        .setEntryPrice(100.0).setHorizonsHours(List.of(1)).setStrategyClass(null).build())).get();
                prices.send(new ProducerRecord<>(Topics.MARKET_PRICES.name(), symbol, PriceTick.newBuilder().setSymbol(symbol)
                        .setTs(at.plus(Duration.ofHours(1))).setPrice(exit).build())).get();
            }
        }
    }


    private static JsonNode post(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", TestCredentials.bearer(TestCredentials.operator("ops-1")))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
