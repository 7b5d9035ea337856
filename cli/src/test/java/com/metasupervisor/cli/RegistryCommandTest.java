package com.metasupervisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.schemas.Topics;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./ms registry init} against a stand-in of the registry's Confluent-compatible API: what it sends, prints
 * and exits with (the real registry: platform-kit's ITs run the same {@code SchemaRegistration}).
 */
class RegistryCommandTest {

    private static final Pattern COMPATIBILITY = Pattern.compile("\"compatibility\"\\s*:\\s*\"([A-Z_]+)\"");

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> rules = new ConcurrentHashMap<>();
    private HttpServer registry;

    @AfterEach
    void stop() {
        if (registry != null) {
            registry.stop(0);
        }
    }

    @Test
    void initRegistersEveryCatalogSubjectWithItsRuleAndPrintsItsId() throws IOException {
        startRegistry(null);

        CommandRun run = CommandRun.of("registry", "init", "--url", url());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(calls).filteredOn(c -> c.startsWith("POST")).hasSize(Topics.all().size());
        assertThat(rules).hasSize(Topics.all().size())
                .containsEntry("alpha.events-value", "FULL_TRANSITIVE")
                .containsEntry("market.prices-value", "FULL_TRANSITIVE")
                .containsEntry("control.guardian-value", "FULL_TRANSITIVE")
                .containsEntry("governance.config-patches-value", "FULL_TRANSITIVE")
                .containsEntry("control.ops-value", "FULL_TRANSITIVE")
                .containsEntry("alpha.reconciled-value", "BACKWARD")
                .containsEntry("risk.agent-stats-value", "BACKWARD");
        assertThat(run.out()).containsPattern("alpha.events-value\\s+FULL_TRANSITIVE\\s+id 1\\b")
                .containsPattern("alpha.reconciled-value\\s+BACKWARD\\s+id \\d+")
                .contains("registry init: " + Topics.all().size() + " subjects registered at " + url());
    }

    @Test
    void aRefusedSchemaExitsOneNamingTheSubjectAndTheRegistrysReason() throws IOException {
        startRegistry("market.prices-value");

        CommandRun run = CommandRun.of("registry", "init", "--url", url());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("registry init: market.prices-value").contains("HTTP 409")
                .contains("Incompatible artifact");
    }

    @Test
    void noRegistryExitsOneNamingTheUrl() throws IOException {
        String url = CommandRun.urlNobodyAnswers();
        CommandRun run = CommandRun.of("registry", "init", "--url", url);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no answer from the registry at " + url);
    }

    @Test
    void aUrlThatIsNotOneIsAUsageError() {
        CommandRun run = CommandRun.of("registry", "init", "--url", "schema-registry:8080");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--url").contains("http(s)://host[:port]");
    }

    @Test
    void theHelpNamesTheCommandItsOptionAndItsExitStatus() {
        CommandRun list = CommandRun.of("--help");
        assertThat(list.out()).contains("registry");

        CommandRun help = CommandRun.of("registry", "init", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--url").contains("REGISTRY_URL").contains("FULL_TRANSITIVE").contains("Exit status");

        CommandRun registryAlone = CommandRun.of("registry");
        assertThat(registryAlone.out()).contains("init");
    }

    /** PUT /config/{subject} keeps the rule; POST .../versions answers ids 1, 2, ... or 409 for {@code refused}. */
    private void startRegistry(String refused) throws IOException {
        registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int[] ids = {0};
        registry.createContext("/apis/ccompat/v7/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(exchange.getRequestMethod() + " " + path);
            int status = 200;
            String answer;
            if (path.startsWith("/apis/ccompat/v7/config/")) {
                Matcher rule = COMPATIBILITY.matcher(body);
                rules.put(path.substring(path.lastIndexOf('/') + 1), rule.find() ? rule.group(1) : "?");
                answer = body;
            } else if (path.equals("/apis/ccompat/v7/subjects/" + refused + "/versions")) {
                status = 409;
                answer = "{\"message\":\"Incompatible artifact: " + refused + " [AVRO]\",\"error_code\":409}";
            } else {
                answer = "{\"id\":" + ++ids[0] + "}";
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
