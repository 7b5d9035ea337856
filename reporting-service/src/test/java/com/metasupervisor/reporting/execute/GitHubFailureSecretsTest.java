package com.metasupervisor.reporting.execute;

import static com.metasupervisor.reporting.execute.ExecuteFixtures.T0;
import static com.metasupervisor.reporting.execute.ExecuteFixtures.allocation;
import static com.metasupervisor.reporting.execute.ExecuteFixtures.decision;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.metasupervisor.avro.ReportingAction;
import com.metasupervisor.avro.ReportingStatus;
import com.metasupervisor.configrepo.ConfigRepositoryBackend;
import com.metasupervisor.reporting.config.ExecutorSettings;
import com.metasupervisor.reporting.domain.DecisionKind;
import com.metasupervisor.reporting.ledger.DecisionBatchRequest;
import com.metasupervisor.reporting.ledger.LedgerRecords;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 13 acceptance 6 through the service's own path: pull requests performed against a GitHub that refuses the
 * token (401) and one that cannot be reached, every log line captured (Micronaut's HTTP client at TRACE, ours at
 * DEBUG): the token is in no log line, exception message, ledger detail or record.
 */
class GitHubFailureSecretsTest {

    private static final String TOKEN = "ghp_RecognisableSecret0123456789abcdef";
    private static final ExecutorSettings SETTINGS = new ExecutorSettings(Duration.ofSeconds(1), Duration.ofSeconds(4), 3, Duration.ZERO);

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger ours = (Logger) LoggerFactory.getLogger("com.metasupervisor");
    private final Logger client = (Logger) LoggerFactory.getLogger("io.micronaut.http.client");
    private Level oursBefore;
    private Level clientBefore;
    private HttpServer github;

    @BeforeEach
    void capture() {
        captured.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        captured.start();
        root.addAppender(captured);
        oursBefore = ours.getLevel();
        clientBefore = client.getLevel();
        ours.setLevel(Level.DEBUG);
        client.setLevel(Level.TRACE);
    }

    @AfterEach
    void release() {
        root.detachAppender(captured);
        ours.setLevel(oursBefore);
        client.setLevel(clientBefore);
        if (github != null) {
            github.stop(0);
        }
    }

    @Test
    void aRefusedTokenFailsThePullRequestAtOnceNamingTheRefusalNeverTheToken() throws Exception {
        github = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        github.createContext("/", exchange -> {
            byte[] body = "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        github.start();

        ReportingAction outcome = performUntilOutcome("http://127.0.0.1:" + github.getAddress().getPort());

        assertThat(outcome.getStatus()).isEqualTo(ReportingStatus.FAILED);
        assertThat(outcome.getAttempts()).as("a refused credential is not retried").isEqualTo(1);
        assertThat(outcome.getDetail()).contains("401").contains("Bad credentials");
        assertNoTokenAnywhere(outcome);
    }

    @Test
    void anUnreachableGitHubIsRetriedThenGivenUpWithoutTheToken() throws Exception {
        String gone;
        try (ServerSocket free = new ServerSocket(0)) {
            gone = "http://127.0.0.1:" + free.getLocalPort();
        }

        ReportingAction outcome = performUntilOutcome(gone);

        assertThat(outcome.getStatus()).isEqualTo(ReportingStatus.FAILED);
        assertThat(outcome.getAttempts()).isEqualTo(SETTINGS.maxAttempts());
        assertThat(outcome.getDetail()).startsWith("gave up after " + SETTINGS.maxAttempts() + " attempts");
        assertNoTokenAnywhere(outcome);
    }

    /** One decision batch performed on the github backend at {@code apiUrl}, time moved to each retry, until its outcome. */
    private ReportingAction performUntilOutcome(String apiUrl) {
        ConfigRepositoryBackend backend = ConfigRepositoryBackend.of(ConfigRepositoryBackend.GITHUB, Path.of("unused"), "main",
                Map.of("GITHUB_TOKEN", TOKEN, "GITHUB_REPOSITORY", "acme/fleet-config", "GITHUB_API_URL", apiUrl), Map.of());
        try (ConfigRepositoryConnection repository = new ConfigRepositoryConnection(backend)) {
            LedgerExecution execution = new LedgerExecution(Map.of(DecisionBatchRequest.class, new PullRequestPerformer(repository)), SETTINGS);
            DecisionBatchRequest request = new DecisionBatchRequest(List.of(decision("arb_1", "arb", DecisionKind.KILL, T0)),
                    allocation(), List.of(), List.of());
            execution.read(request.actionKey(), LedgerRecords.started(request, T0), 0);
            Instant now = T0;
            for (int step = 0; step < 20; step++) {
                Optional<LedgerExecution.Step> done = execution.performNext(now);
                if (done.isPresent() && done.get().outcome().getStatus() != ReportingStatus.STARTED) {
                    return done.get().outcome();
                }
                now = execution.nextDue().orElse(now.plusSeconds(1));
            }
            throw new AssertionError("no outcome after 20 steps");
        }
    }

    private void assertNoTokenAnywhere(ReportingAction outcome) {
        List<String> texts = new ArrayList<>();
        texts.add(outcome.toString());
        captured.list.forEach(event -> {
            texts.add(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                texts.add(t.getClassName() + ": " + t.getMessage());
            }
        });
        assertThat(captured.list).as("the failure is logged").isNotEmpty();
        assertThat(texts).allSatisfy(text -> assertThat(text).doesNotContain(TOKEN).doesNotContain(TOKEN.substring(4, 20)));
    }
}
