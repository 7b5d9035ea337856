package com.metasupervisor.configrepo.github;

import static com.metasupervisor.configrepo.github.StandInGitHubTokens.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.metasupervisor.configrepo.ConfigRepositoryException;
import com.metasupervisor.configrepo.ProposedChange;
import com.metasupervisor.configrepo.PullRequest;
import com.metasupervisor.configrepo.RepoFile;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class GitHubRepositoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MANIFEST = "agents:\n  # a person's comment\n  - id: alpha-1\n    status: SHADOW\n";
    private static final Map<String, String> BASE_FILES = Map.of(
            "agents/manifest.yaml", MANIFEST,
            "meta_supervisor/kill_list.yaml", "kill: []\n",
            "README.md", "config repository\n");

    private final ManualTime time = new ManualTime(Instant.parse("2026-01-05T10:00:00Z"));
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }

    private StandInGitHub github(String prefix) throws Exception {
        StandInGitHub github = new StandInGitHub(prefix, "acme", "fleet-config", "main", BASE_FILES, time);
        open.add(github);
        return github;
    }

    private GitHubRepository repository(StandInGitHub github, String token) {
        GitHubRepository repository = new GitHubRepository(
                new GitHubSettings(github.baseUrl(), "acme", "fleet-config", "main", token), time, time);
        open.add(repository);
        return repository;
    }

    private static ProposedChange change(String branch) {
        return new ProposedChange(branch, "Meta-Supervisor: Promotions / Retirements", "### PROMOTIONS\n- alpha-1\n",
                Map.of("agents/manifest.yaml", MANIFEST.replace("SHADOW", "LIVE"),
                        "allocation/weights.json", "{\"alpha-1\": 0.25}\n"));
    }

    @Test
    void proposeWritesOneCommitWithExactlyTheFilesOnANewBranchAndOpensOnePullRequest() throws Exception {
        StandInGitHub github = github("");
        GitHubRepository repository = repository(github, TOKEN);
        String baseBefore = repository.baseHead();

        PullRequest pull = repository.propose(change("meta-supervisor/decisions-1a2b"));

        assertThat(pull).isEqualTo(new PullRequest(1, "meta-supervisor/decisions-1a2b",
                "Meta-Supervisor: Promotions / Retirements", "https://github.example/acme/fleet-config/pull/1", true));
        assertThat(github.refs.get("refs/heads/main")).isEqualTo(baseBefore);
        assertThat(github.filesAt("refs/heads/main")).isEqualTo(BASE_FILES);
        assertThat(github.filesAt("refs/heads/meta-supervisor/decisions-1a2b")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "agents/manifest.yaml", MANIFEST.replace("SHADOW", "LIVE"),
                "allocation/weights.json", "{\"alpha-1\": 0.25}\n",
                "meta_supervisor/kill_list.yaml", "kill: []\n",
                "README.md", "config repository\n"));
        JsonNode commit = github.commits.get(github.refs.get("refs/heads/meta-supervisor/decisions-1a2b"));
        assertThat(commit.path("parents").get(0).path("sha").asText()).isEqualTo(baseBefore);
        assertThat(commit.path("parents").size()).isEqualTo(1);
        assertThat(github.mutations()).extracting(StandInGitHub.Recorded::path).containsExactly(
                "/repos/acme/fleet-config/git/blobs", "/repos/acme/fleet-config/git/blobs",
                "/repos/acme/fleet-config/git/trees", "/repos/acme/fleet-config/git/commits",
                "/repos/acme/fleet-config/git/refs", "/repos/acme/fleet-config/pulls");
        JsonNode tree = JSON.readTree(github.mutations().get(2).body());
        assertThat(tree.path("base_tree").asText())
                .isEqualTo(github.commits.get(baseBefore).path("tree").path("sha").asText());
        JsonNode pullBody = JSON.readTree(github.mutations().get(5).body());
        assertThat(pullBody.path("head").asText()).isEqualTo("meta-supervisor/decisions-1a2b");
        assertThat(pullBody.path("base").asText()).isEqualTo("main");
        assertThat(github.pulls).hasSize(1);
    }

    @Test
    void aCommitsTimeIsItsCommitterDate() throws Exception {
        StandInGitHub github = github("");
        GitHubRepository repository = repository(github, TOKEN);
        String base = repository.baseHead();

        assertThat(repository.commitTime(base)).isEqualTo(java.time.Instant.parse(
                github.commits.get(base).path("committer").path("date").asText()));
        assertThat(github.requests).anySatisfy(request -> assertThat(request.path()).endsWith("/git/commits/" + base));
        assertThatThrownBy(() -> repository.commitTime("main")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repository.commitTime("f".repeat(40))).isInstanceOf(ConfigRepositoryException.class);
    }

    @Test
    void everyRequestCarriesGitHubsHeadersAndTheTokenOnlyInAuthorization() throws Exception {
        StandInGitHub github = github("");
        GitHubRepository repository = repository(github, TOKEN);
        repository.propose(change("meta-supervisor/decisions-h"));

        assertThat(github.requests).isNotEmpty().allSatisfy(request -> {
            assertThat(request.headers()).containsEntry("Authorization", "Bearer " + TOKEN)
                    .containsEntry("Accept", "application/vnd.github+json")
                    .containsEntry("X-GitHub-Api-Version", "2022-11-28");
            assertThat(request.headers().get("User-Agent")).isNotBlank();
            request.headers().forEach((name, value) -> {
                if (!name.equalsIgnoreCase("Authorization")) {
                    assertThat(value).doesNotContain(TOKEN);
                }
            });
            assertThat(request.path() + request.query() + request.body()).doesNotContain(TOKEN);
        });
    }

    @Test
    void aRetryAfterTheRefWasCreatedButItsAnswerLostEndsWithOneBranchAndOnePullRequest() throws Exception {
        StandInGitHub github = github("");
        GitHubRepository repository = repository(github, TOKEN);
        github.loseAnswerOf("POST", "/git/refs");

        assertThatThrownBy(() -> repository.propose(change("meta-supervisor/decisions-r1")))
                .isInstanceOf(ConfigRepositoryException.class).hasMessageContaining("502");
        int commitsBefore = github.commits.size();
        PullRequest retried = repository.propose(change("meta-supervisor/decisions-r1"));

        assertThat(retried.created()).isFalse();
        assertThat(retried.number()).isEqualTo(1);
        assertThat(github.pulls).hasSize(1);
        assertThat(github.refs.keySet()).containsExactly("refs/heads/main", "refs/heads/meta-supervisor/decisions-r1");
        assertThat(github.commits).hasSize(commitsBefore);
    }

    @Test
    void aRetryAfterThePullRequestWasOpenedButItsAnswerLostFindsItAndWritesNothing() throws Exception {
        StandInGitHub github = github("");
        GitHubRepository repository = repository(github, TOKEN);
        github.loseAnswerOf("POST", "/pulls");

        assertThatThrownBy(() -> repository.propose(change("meta-supervisor/decisions-r2")))
                .isInstanceOf(ConfigRepositoryException.class);
        int mutationsBefore = github.mutations().size();
        PullRequest retried = repository.propose(change("meta-supervisor/decisions-r2"));

        assertThat(retried).isEqualTo(new PullRequest(1, "meta-supervisor/decisions-r2",
                "Meta-Supervisor: Promotions / Retirements", "https://github.example/acme/fleet-config/pull/1", false));
        assertThat(github.mutations()).hasSize(mutationsBefore);
        assertThat(github.pulls).hasSize(1);
        assertThat(repository.propose(change("meta-supervisor/decisions-r2")).created()).isFalse();
        assertThat(github.pulls).hasSize(1);
    }

    @Test
    void referenceAlreadyExistsFromAConcurrentWriterMeansDoneNotAnError() throws Exception {
        StandInGitHub github = github("");
        GitHubRepository repository = repository(github, TOKEN);
        String base = repository.baseHead();
        github.raceBefore("POST", "/git/refs", () -> github.refs.put("refs/heads/meta-supervisor/decisions-race", base));

        PullRequest pull = repository.propose(change("meta-supervisor/decisions-race"));

        assertThat(pull.created()).isFalse();
        assertThat(github.pulls).hasSize(1);
        assertThat(github.refs.get("refs/heads/meta-supervisor/decisions-race")).isEqualTo(base);
    }

    @Test
    void aPullRequestAlreadyExistsFromAConcurrentWriterIsAnsweredNotDuplicated() throws Exception {
        StandInGitHub github = github("");
        GitHubRepository repository = repository(github, TOKEN);
        github.raceBefore("POST", "/pulls", () -> github.openPull("meta-supervisor/decisions-pr", "main", "opened elsewhere"));

        PullRequest pull = repository.propose(change("meta-supervisor/decisions-pr"));

        assertThat(pull).isEqualTo(new PullRequest(1, "meta-supervisor/decisions-pr", "opened elsewhere",
                "https://github.example/acme/fleet-config/pull/1", false));
        assertThat(github.pulls).hasSize(1);
    }

    @Test
    void aPlainForbiddenIsAnErrorNotARateLimit() throws Exception {
        StandInGitHub github = github("");
        GitHubRepository repository = repository(github, TOKEN);
        github.limitNext(1, StandInGitHub.Limit.FORBIDDEN, 0);

        assertThatThrownBy(repository::baseHead).isInstanceOf(ConfigRepositoryException.class)
                .hasMessageContaining("403").hasMessageContaining("Resource not accessible by integration");
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void aBranchNamedLikeTheBaseIsRefusedBeforeAnyRequest() throws Exception {
        StandInGitHub github = github("");
        GitHubRepository repository = repository(github, TOKEN);

        assertThatThrownBy(() -> repository.propose(change("main")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base branch");
        assertThat(github.requests).isEmpty();
    }

    @Test
    void readsAFileAtTheBaseHeadAndAnswersEmptyForAMissingOne() throws Exception {
        String longText = "weights:\n" + "  é-agent-with-a-long-name: 0.125 # ünïcode\n".repeat(20);
        StandInGitHub github = new StandInGitHub("", "acme", "fleet-config", "main",
                Map.of("agents/manifest.yaml", MANIFEST, "allocation/weights.yaml", longText), time);
        open.add(github);
        GitHubRepository repository = repository(github, TOKEN);
        String head = repository.baseHead();

        assertThat(repository.read("agents/manifest.yaml")).contains(new RepoFile("agents/manifest.yaml", MANIFEST, head));
        assertThat(repository.read("allocation/weights.yaml")).map(RepoFile::content).contains(longText);
        assertThat(repository.read("meta_supervisor/kill_list.yaml")).isEqualTo(Optional.empty());
        assertThat(github.requests).filteredOn(r -> r.path().contains("/contents/"))
                .allSatisfy(r -> assertThat(r.query()).isEqualTo("ref=" + head));
    }

    @Test
    void commentsOnAPullRequest() throws Exception {
        StandInGitHub github = github("");
        GitHubRepository repository = repository(github, TOKEN);
        PullRequest pull = repository.propose(change("meta-supervisor/decisions-c"));

        repository.comment(pull, "DIVERGENCE ALERT: alpha-1 (OPENED)");

        assertThat(github.comments.get(1L)).containsExactly("DIVERGENCE ALERT: alpha-1 (OPENED)");
        assertThatThrownBy(() -> repository.comment(new PullRequest(9, "x", "t", "u", false), "lost"))
                .isInstanceOf(ConfigRepositoryException.class).hasMessageContaining("404");
    }

    @Test
    void listsTheOpenPullRequestsOfAPrefixOldestFirst() throws Exception {
        StandInGitHub github = github("");
        GitHubRepository repository = repository(github, TOKEN);
        repository.propose(change("meta-supervisor/decisions-1"));
        repository.propose(change("someone/else"));
        repository.propose(change("meta-supervisor/decisions-2"));

        assertThat(repository.openPullRequests("meta-supervisor/"))
                .extracting(PullRequest::number, PullRequest::branch, PullRequest::created)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "meta-supervisor/decisions-1", false),
                        org.assertj.core.groups.Tuple.tuple(3L, "meta-supervisor/decisions-2", false));
        assertThat(repository.openPullRequests("nobody/")).isEmpty();
    }

    @Test
    void mutatingRequestsAreAtLeastOneSecondApart() throws Exception {
        StandInGitHub github = github("");
        GitHubRepository repository = repository(github, TOKEN);
        repository.propose(change("meta-supervisor/decisions-s"));
        repository.comment(new PullRequest(1, "meta-supervisor/decisions-s", "t", "u", false), "note");

        List<StandInGitHub.Recorded> mutations = github.mutations();
        assertThat(mutations).hasSize(7);
        for (int i = 1; i < mutations.size(); i++) {
            assertThat(Duration.between(mutations.get(i - 1).at(), mutations.get(i).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
        // the clock only moves when the repository waits: the spacing came from its sleeper, not from slow requests
        assertThat(time.sleeps).hasSize(6).allSatisfy(wait -> assertThat(wait).isEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void waitsForThePrimaryRateLimitResetThenRetries() throws Exception {
        StandInGitHub github = github("");
        GitHubRepository repository = repository(github, TOKEN);
        github.limitNext(1, StandInGitHub.Limit.PRIMARY, 0);
        Instant start = time.instant();

        assertThat(repository.read("agents/manifest.yaml")).isPresent();

        // the stand-in resets the limit 120 s after the refusal; the client waits for it (plus a second of margin)
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(121));
        assertThat(time.instant()).isAfterOrEqualTo(start.plusSeconds(120));
        assertThat(github.requests.get(1).at()).isAfterOrEqualTo(start.plusSeconds(120));
    }

    @Test
    void waitsRetryAfterOnASecondaryLimitDoublingOnEachRepeat() throws Exception {
        StandInGitHub github = github("");
        GitHubRepository repository = repository(github, TOKEN);
        github.limitNext(2, StandInGitHub.Limit.SECONDARY_RETRY_AFTER, 7);

        assertThat(repository.baseHead()).hasSize(40);
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(14));
    }

    @Test
    void waitsAtLeastAMinuteOnA429WithoutRetryAfterAndGivesUpWithAClearError() throws Exception {
        StandInGitHub github = github("");
        GitHubRepository repository = repository(github, TOKEN);
        github.limitNext(1, StandInGitHub.Limit.SECONDARY_429, 0);
        assertThat(repository.baseHead()).hasSize(40);
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(60));

        time.sleeps.clear();
        github.limitNext(100, StandInGitHub.Limit.SECONDARY_429, 0);
        assertThatThrownBy(repository::baseHead).isInstanceOf(ConfigRepositoryException.class)
                .hasMessageContaining("rate limit").hasMessageContaining("giving up").hasMessageContaining("429")
                .hasMessageNotContaining(TOKEN);
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(60), Duration.ofSeconds(120),
                Duration.ofSeconds(240), Duration.ofSeconds(480));
    }

    @Test
    void worksUnderAnEnterprisePathPrefix() throws Exception {
        StandInGitHub github = github("/api/v3");
        assertThat(github.baseUrl().getPath()).isEqualTo("/api/v3");
        GitHubRepository repository = repository(github, TOKEN);

        PullRequest pull = repository.propose(change("meta-supervisor/decisions-e"));
        assertThat(repository.read("agents/manifest.yaml")).isPresent();

        assertThat(pull.created()).isTrue();
        assertThat(github.requests).isNotEmpty()
                .allSatisfy(request -> assertThat(request.path()).startsWith("/api/v3/repos/acme/fleet-config/"));
    }

    @Test
    void theTokenIsInNoExceptionLogLineOrToString() throws Exception {
        StandInGitHub github = github("");
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        captured.start();
        root.addAppender(captured);
        Logger ours = (Logger) LoggerFactory.getLogger("com.metasupervisor");
        Logger micronaut = (Logger) LoggerFactory.getLogger("io.micronaut.http.client");
        Level oursBefore = ours.getLevel();
        Level micronautBefore = micronaut.getLevel();
        ours.setLevel(Level.DEBUG);
        micronaut.setLevel(Level.TRACE); // Micronaut's client logs request headers at TRACE (it masks Authorization)
        List<String> texts = new ArrayList<>();
        try {
            GitHubRepository repository = repository(github, TOKEN);
            texts.add(repository.toString());
            repository.propose(change("meta-supervisor/decisions-t"));
            github.limitNext(100, StandInGitHub.Limit.SECONDARY_RETRY_AFTER, 5);
            texts.add(messages(catchThrowable(repository::baseHead)));
            github.limitNext(0, StandInGitHub.Limit.PRIMARY, 0);

            String wrongToken = "ghp_WrongButSecret999";
            GitHubRepository refused = repository(github, wrongToken);
            Throwable badCredentials = catchThrowable(refused::baseHead);
            assertThat(badCredentials).hasMessageContaining("401").hasMessageContaining("Bad credentials");
            assertThat(messages(badCredentials)).doesNotContain(wrongToken);

            // nothing listens there any more: the HTTP client's own failure is reported without the request
            URI gone = github.baseUrl();
            github.close();
            GitHubRepository unreachable = new GitHubRepository(new GitHubSettings(gone, "acme", "fleet-config", "main", TOKEN), time, time);
            open.add(unreachable);
            Throwable connectFailure = catchThrowable(unreachable::baseHead);
            assertThat(connectFailure).isInstanceOf(ConfigRepositoryException.class);
            texts.add(messages(connectFailure));
        } finally {
            root.detachAppender(captured);
            ours.setLevel(oursBefore);
            micronaut.setLevel(micronautBefore);
        }
        assertThat(captured.list).isNotEmpty();
        captured.list.forEach(event -> texts.add(event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage())));
        assertThat(texts).isNotEmpty().allSatisfy(text -> assertThat(text).doesNotContain(TOKEN));
        assertThat(new GitHubSettings(null, "acme", "fleet-config", "main", TOKEN).toString())
                .doesNotContain(TOKEN).contains("https://api.github.com").contains("acme");
    }

    private static Throwable catchThrowable(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return org.assertj.core.api.Assertions.catchThrowable(call);
    }

    /** The messages of an exception and all its causes and suppressed ones. */
    private static String messages(Throwable thrown) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            text.append(t).append('\n');
            for (Throwable suppressed : t.getSuppressed()) {
                text.append(messages(suppressed));
            }
        }
        return text.toString();
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> new GitHubSettings(URI.create("ftp://host"), "a", "b", "main", TOKEN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GitHubSettings(null, "a/b", "c", "main", TOKEN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GitHubSettings(null, "a", "b", " ", TOKEN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GitHubSettings(null, "a", "b", "main", "ghp_Secret\nInjected: x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("ghp_Secret");
        GitHubSettings fromEnv = GitHubSettings.fromEnvironment(Map.of("GITHUB_TOKEN", TOKEN, "GITHUB_REPOSITORY", "acme/fleet-config",
                "GITHUB_API_URL", "https://ghe.example.com/api/v3"), "main");
        assertThat(fromEnv).isEqualTo(new GitHubSettings(URI.create("https://ghe.example.com/api/v3"), "acme", "fleet-config", "main", TOKEN));
        assertThat(fromEnv.pathPrefix()).isEqualTo("/api/v3");
        assertThat(GitHubSettings.fromEnvironment(Map.of("GITHUB_TOKEN", TOKEN, "GITHUB_REPOSITORY", "acme/c"), "main").baseUrl())
                .isEqualTo(GitHubSettings.PUBLIC_API);
        assertThatThrownBy(() -> GitHubSettings.fromEnvironment(Map.of("GITHUB_REPOSITORY", "acme/c"), "main"))
                .hasMessageContaining("GITHUB_TOKEN");
    }
}
