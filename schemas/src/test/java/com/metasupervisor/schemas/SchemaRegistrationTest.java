package com.metasupervisor.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.metasupervisor.schemas.SchemaRegistration.Compatibility;
import com.metasupervisor.schemas.SchemaRegistration.Subject;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The plan from the catalogs, and the calls to a stand-in of the Confluent-compatible API (the real registry: platform-kit ITs). */
class SchemaRegistrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Call(String method, String path, JsonNode body) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private HttpServer registry;

    @AfterEach
    void stop() {
        if (registry != null) {
            registry.stop(0);
        }
    }

    @Test
    void everyCatalogTopicHasItsValueSubjectFullTransitiveForInputsBackwardForTheProductsOwn() {
        List<Subject> plan = SchemaRegistration.plan(ServiceCatalog.bundled());

        assertThat(plan).extracting(Subject::name)
                .containsExactlyElementsOf(Topics.all().stream().map(t -> t.name() + "-value").toList());
        Map<Compatibility, List<String>> byRule = plan.stream().collect(Collectors.groupingBy(Subject::compatibility,
                Collectors.mapping(Subject::name, Collectors.toList())));
        assertThat(byRule.get(Compatibility.FULL_TRANSITIVE)).containsExactly("alpha.events-value", "market.prices-value",
                "market.regime-value", "control.guardian-value", "governance.config-patches-value", "control.ops-value");
        assertThat(byRule.get(Compatibility.BACKWARD)).hasSize(Topics.all().size() - 6)
                .contains("alpha.reconciled-value", "alerts-value", "agents.registry-value");
        assertThat(plan.getFirst().schema()).isEqualTo(Topics.ALPHA_EVENTS.valueSchema());
    }

    @Test
    void setsTheRuleThenRegistersTheSchemaOfEachSubjectAndReturnsItsId() throws IOException {
        Schema tick = Topics.MARKET_PRICES.valueSchema();
        startRegistry(200, 0);

        var registered = SchemaRegistration.to(RegistrySettings.of(url())).register(List.of(
                new Subject("market.prices-value", tick, Compatibility.FULL_TRANSITIVE),
                new Subject("alerts-value", Topics.ALERTS.valueSchema(), Compatibility.BACKWARD)));

        assertThat(registered).extracting(r -> r.subject().name() + "=" + r.id())
                .containsExactly("market.prices-value=1", "alerts-value=2");
        assertThat(calls).extracting(c -> c.method() + " " + c.path()).containsExactly(
                "PUT /apis/ccompat/v7/config/market.prices-value",
                "POST /apis/ccompat/v7/subjects/market.prices-value/versions",
                "PUT /apis/ccompat/v7/config/alerts-value",
                "POST /apis/ccompat/v7/subjects/alerts-value/versions");
        assertThat(calls.get(0).body().get("compatibility").asText()).isEqualTo("FULL_TRANSITIVE");
        assertThat(new Schema.Parser().parse(calls.get(1).body().get("schema").asText())).isEqualTo(tick);
        assertThat(calls.get(1).body().get("schemaType").asText()).isEqualTo("AVRO");
        assertThat(calls.get(2).body().get("compatibility").asText()).isEqualTo("BACKWARD");
    }

    @Test
    void aRefusalNamesTheSubjectTheStatusAndTheRegistrysMessageAndStopsThere() throws IOException {
        startRegistry(409, 1); // the second subject's schema is refused

        assertThatThrownBy(() -> SchemaRegistration.to(RegistrySettings.of(url())).register(List.of(
                new Subject("market.prices-value", Topics.MARKET_PRICES.valueSchema(), Compatibility.FULL_TRANSITIVE),
                new Subject("alpha.events-value", Topics.ALPHA_EVENTS.valueSchema(), Compatibility.FULL_TRANSITIVE),
                new Subject("alerts-value", Topics.ALERTS.valueSchema(), Compatibility.BACKWARD))))
                .isInstanceOf(SchemaRegistrationException.class)
                .hasMessageContaining("alpha.events-value")
                .hasMessageContaining("HTTP 409")
                .hasMessageContaining("Incompatible artifact: [symbol at /fields/2]");
        assertThat(calls).extracting(Call::path).noneMatch(p -> p.contains("alerts-value"));
    }

    @Test
    void noRegistryIsAnErrorNamingTheSubjectAndTheUrl() throws IOException {
        startRegistry(200, 0);
        String gone = url();
        registry.stop(0);
        registry = null;

        assertThatThrownBy(() -> SchemaRegistration.to(RegistrySettings.of(gone)).register(List.of(
                new Subject("alerts-value", Topics.ALERTS.valueSchema(), Compatibility.BACKWARD))))
                .isInstanceOf(SchemaRegistrationException.class)
                .hasMessageContaining("alerts-value: no answer from the registry at " + gone);
    }

    @Test
    void aSubjectNeedsANameASchemaAndARule() {
        assertThatThrownBy(() -> new Subject(" ", Topics.ALERTS.valueSchema(), Compatibility.BACKWARD))
                .hasMessageContaining("subject name is blank");
        assertThatThrownBy(() -> new Subject("alerts-value", null, Compatibility.BACKWARD)).hasMessageContaining("schema of alerts-value");
    }

    /**
     * A stand-in answering {@code PUT /config/...} with the rule and {@code POST .../versions} with ids 1, 2, ...;
     * the registration number {@code refused} (0-based) is answered {@code refusal} with a registry-like message.
     */
    private void startRegistry(int refusal, int refused) throws IOException {
        registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int[] registrations = {0};
        registry.createContext("/apis/ccompat/v7/", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body));
            String answer;
            int status = 200;
            if (exchange.getRequestMethod().equals("PUT")) {
                answer = "{\"compatibility\":\"" + body.get("compatibility").asText() + "\"}";
            } else if (refusal != 200 && registrations[0] == refused) {
                status = refusal;
                answer = "{\"message\":\"Incompatible artifact: [symbol at /fields/2]\",\"error_code\":409}";
            } else {
                answer = "{\"id\":" + ++registrations[0] + "}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        registry.start();
    }

    private String url() {
        return "http://127.0.0.1:" + registry.getAddress().getPort();
    }
}
