package com.metasupervisor.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.platform.LocalPlatform;
import com.metasupervisor.platform.ServiceProcess;
import com.metasupervisor.reconciler.domain.PnlMath;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.testkit.TestCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/**
 * 10 000 calls × 3 horizons through the reconciler on the real broker and registry, with the
 * service killed (SIGKILL) mid-run and a new instance taking over: exactly 30 000 rows, each
 * (event_id, horizon) once, each priced as the synthetic market says. It runs on a platform of its
 * own: other tests' calls at today's time would move stream time past this market's days.
 */
class ReconcilerExactlyOnceIT {

    private static final int CALLS = 10_000;

    @Test
    void everyEventAndHorizonIsReconciledExactlyOnceAcrossAnAbruptRestart() throws Exception {
        try (LocalPlatform platform = LocalPlatform.start()) {
            run(platform);
        }
    }

    private void run(LocalPlatform platform) throws Exception {
        Instant start = Instant.now().minus(Duration.ofDays(4)).truncatedTo(ChronoUnit.HOURS);
        SyntheticMarket market = new SyntheticMarket(start, 20, Duration.ofMinutes(5), Duration.ofHours(24), Duration.ofHours(50));
        pricing = market;
        List<SyntheticMarket.Item> items = market.items(CALLS, 42);
        int half = items.size() / 2;
        Map<String, String> config = Map.of(
                "kafka.bootstrap.servers", platform.bootstrapServers(),
                "registry.url", platform.registry().url(),
                "kafka.streams.default.application.id", "reconciler-eos-it-" + UUID.randomUUID(),
                "micronaut.server.port", "-1",
                // half the market is loaded before the service starts: that is a catch-up of a day, and
                // calls may reach the matcher that far behind their ticks (see reconciler.price-history)
                "reconciler.price-history", "P3D");
        Path logs = Path.of("target", "it-logs");

        SyntheticMarket.produce(platform, items.subList(0, half));
        Map<String, Integer> seen = new HashMap<>();
        try (KafkaConsumer<String, ReconciledAlpha> rows = platform.committedFromNow(Topics.ALPHA_RECONCILED)) {
            try (ServiceProcess first = ServiceProcess.start("com.metasupervisor.reconciler.Application",
                    withStateDir(config, "first"), logs.resolve("reconciler-first.log"))) {
                await().atMost(Duration.ofMinutes(3)).until(() -> poll(rows, seen) >= 3_000);
                first.kill();
            }
            int atKill = total(seen);
            assertThat(atKill).as("killed mid-run").isLessThan(3 * CALLS);

            try (ServiceProcess second = ServiceProcess.start("com.metasupervisor.reconciler.Application",
                    withStateDir(config, "second"), logs.resolve("reconciler-second.log"))) {
                SyntheticMarket.produce(platform, items.subList(half, items.size()));
                await().atMost(Duration.ofMinutes(5)).until(() -> poll(rows, seen) >= 3 * CALLS);
                // nothing more comes: a duplicate would show up here
                await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> poll(rows, seen) >= 0);
            }
        }

        assertThat(seen).hasSize(3 * CALLS);
        assertThat(seen.values()).as("each (event_id, horizon) once").allMatch(n -> n == 1);
    }

    private int poll(KafkaConsumer<String, ReconciledAlpha> consumer, Map<String, Integer> seen) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
            ReconciledAlpha row = record.value();
            seen.merge(row.getEventId() + "@" + row.getHorizonHours(), 1, Integer::sum);
            checkPricing(row);
        }
        return total(seen);
    }

    private static int total(Map<String, Integer> seen) {
        return seen.values().stream().mapToInt(Integer::intValue).sum();
    }

    private SyntheticMarket pricing;

    private void checkPricing(ReconciledAlpha row) {
        if (pricing == null) {
            return;
        }
        Instant due = row.getEmittedAt().plus(Duration.ofHours(row.getHorizonHours()));
        Instant exitAt = pricing.firstTickAtOrAfter(due);
        assertThat(row.getMaturedAt()).isEqualTo(exitAt);
        assertThat(row.getExitPrice()).isCloseTo(pricing.price(row.getSymbol(), exitAt), within(1e-9));
        assertThat(row.getRealizedPnlBps()).isCloseTo(
                PnlMath.realizedPnlBps(row.getDirection(), row.getEntryPrice(), row.getExitPrice()), within(1e-9));
    }

    private static Map<String, String> withStateDir(Map<String, String> config, String instance) {
        Map<String, String> out = new HashMap<>(config);
        out.put("kafka.streams.default.state.dir", Path.of("target", "it-state", instance + "-" + UUID.randomUUID()).toAbsolutePath().toString());
        return TestCredentials.in(out);
    }

}
