package com.metasupervisor.reporting.execute;

import static com.metasupervisor.reporting.execute.ExecuteFixtures.T0;
import static com.metasupervisor.reporting.execute.ExecuteFixtures.alert;
import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.reporting.config.WebhookSettings;
import com.metasupervisor.reporting.domain.report.ProposalFacts;
import com.metasupervisor.reporting.ledger.LedgerRecords;
import com.metasupervisor.reporting.ledger.WebhookRequest;
import com.metasupervisor.reporting.notify.WebhookSender;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class WebhookPerformerTest {

    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @Test
    void postsTheNotificationAndAnswersWebhookAsTheReference() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks/T000/SECRET", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try (WebhookSender sender = new WebhookSender(
                WebhookSettings.of("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/T000/SECRET"), CLOCK)) {
            WebhookRequest request = new WebhookRequest(null, alert("al-9", "arb_binance_1"), null);
            PerformedAction done = new WebhookPerformer(sender).perform(LedgerRecords.started(request, T0), request);
            assertThat(done.reference()).isEqualTo("webhook");
            assertThat(done.detail()).isNull();
            assertThat(received).hasSize(1);
            assertThat(received.getFirst()).contains("al-9");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aProposalIsPostedAsItsProposalNotification() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks/T000/SECRET", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try (WebhookSender sender = new WebhookSender(
                WebhookSettings.of("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/T000/SECRET"), CLOCK)) {
            WebhookRequest request = WebhookRequest.of(new ProposalFacts(T0, "20261130T080000Z_ab12", "MANUAL_ONLY",
                    List.of(new ProposalFacts.Patch("p1", "portfolio.leverage", "PENDING", List.of("awaiting review"), "1.0",
                            "1.2", null)), null));
            PerformedAction done = new WebhookPerformer(sender).perform(LedgerRecords.started(request, T0), request);
            assertThat(done.detail()).isNull();
            assertThat(received).singleElement().satisfies(body -> assertThat(body)
                    .contains("Promotion-loop proposal 20261130T080000Z_ab12 (MANUAL_ONLY)",
                            "portfolio.leverage: 1.0 → 1.2 (PENDING, awaiting review)", "Meta-Supervisor* · proposal"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void withoutAWebhookTheActionIsDoneNotSent() {
        try (WebhookSender sender = new WebhookSender(WebhookSettings.defaults(), CLOCK)) {
            WebhookRequest request = new WebhookRequest(null, alert("al-9", "arb"), null);
            PerformedAction done = new WebhookPerformer(sender).perform(LedgerRecords.started(request, T0), request);
            assertThat(done.reference()).isEqualTo("webhook");
            assertThat(done.detail()).startsWith("not sent");
        }
    }
}
