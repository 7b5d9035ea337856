package com.metasupervisor.governance.api;

import static com.metasupervisor.testkit.IdleStreamsService.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.metasupervisor.configrepo.localgit.LocalGitRepository;
import com.metasupervisor.governance.sync.ConfigRepositorySync;
import com.metasupervisor.testkit.IdleStreamsService;
import com.metasupervisor.testkit.RestProbe;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /config} over the real manifest sync reading a real local git repository (Kafka and the registry where
 * nothing answers, so a good revision stays unpublished): a refused head with file, line and key; a good head in force
 * whose publishing failed. No credential is needed; the answer comes from memory (the streams never run).
 */
class ConfigEndpointTest {

    private static final List<String> FIELDS = List.of("backend", "base_branch", "in_force", "publish_pending", "last_good",
            "published_commit", "published_at", "last_attempt_at", "last_attempt_commit", "problems", "last_publish_failure");
    private static final String MANIFEST = """
            agents:
              - agent: arb_1
                strategy_class: arb
                status: %s
                owner: desk-a
            """;

    private IdleStreamsService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aRefusedHeadIsReportedWithFileLineAndKeyAndNothingIsInForce(@TempDir Path repo) throws Exception {
        String head;
        try (LocalGitRepository git = LocalGitRepository.init(repo, "main", Map.of("agents/manifest.yaml", MANIFEST.formatted("ALIVE")))) {
            head = git.baseHead();
        }
        String base = start(repo);
        service.context().getBean(ConfigRepositorySync.class).tick();

        JsonNode config = RestProbe.json(base + "/config");
        assertThat(fieldNames(config)).containsExactlyElementsOf(FIELDS);
        assertThat(config.get("backend").asText()).isEqualTo("local-git");
        assertThat(config.get("base_branch").asText()).isEqualTo("main");
        assertThat(config.get("in_force").asBoolean()).isFalse();
        assertThat(config.get("last_good").isNull()).isTrue();
        assertThat(config.get("last_attempt_commit").asText()).isEqualTo(head);
        assertThat(Instant.parse(config.get("last_attempt_at").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(config.get("problems")).hasSize(1);
        JsonNode problem = config.get("problems").get(0);
        assertThat(fieldNames(problem)).containsExactly("file", "line", "key", "message", "text");
        assertThat(problem.get("file").asText()).isEqualTo("agents/manifest.yaml");
        assertThat(problem.get("line").asInt()).isEqualTo(4);
        assertThat(problem.get("key").asText()).isEqualTo("agents[0].status");
        assertThat(problem.get("message").asText()).contains("ALIVE");
        assertThat(problem.get("text").asText()).startsWith("agents/manifest.yaml line 4: agents[0].status: ");
    }

    @Test
    void aGoodHeadIsInForceWhilePublishingItFails(@TempDir Path repo) throws Exception {
        String head;
        try (LocalGitRepository git = LocalGitRepository.init(repo, "main", Map.of("agents/manifest.yaml", MANIFEST.formatted("LIVE")))) {
            head = git.baseHead();
        }
        String base = start(repo);
        service.context().getBean(ConfigRepositorySync.class).tick();

        JsonNode config = RestProbe.json(base + "/config");
        assertThat(config.get("in_force").asBoolean()).isTrue();
        assertThat(config.get("publish_pending").asBoolean()).isTrue();
        assertThat(config.get("published_commit").isNull()).isTrue();
        assertThat(config.get("problems")).isEmpty();
        JsonNode good = config.get("last_good");
        assertThat(fieldNames(good)).containsExactly("commit", "commit_time", "agents", "strategy_classes", "manifest_missing",
                "kill_list_defaulted", "read_at");
        assertThat(good.get("commit").asText()).isEqualTo(head);
        assertThat(good.get("agents").asInt()).isEqualTo(1);
        assertThat(good.get("manifest_missing").asBoolean()).isFalse();
        assertThat(good.get("kill_list_defaulted").asBoolean()).isTrue();
        Instant.parse(good.get("commit_time").asText());
        JsonNode failure = config.get("last_publish_failure");
        assertThat(fieldNames(failure)).containsExactly("at", "commit", "message");
        assertThat(failure.get("commit").asText()).isEqualTo(head);
        assertThat(failure.get("message").asText()).isNotBlank();
    }

    private String start(Path repo) {
        Map<String, Object> config = new HashMap<>(OperatorEndpointTest.config());
        config.put("governance.config-repo.path", repo.toString());
        service = OperatorEndpointTest.startService(config);
        return service.baseUrl();
    }
}
