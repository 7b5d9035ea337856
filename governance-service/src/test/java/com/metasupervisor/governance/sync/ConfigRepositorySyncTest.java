package com.metasupervisor.governance.sync;

import com.metasupervisor.configrepo.ConfigRepositoryBackend;

import com.metasupervisor.testkit.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.avro.AgentLifecycle;
import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.avro.StrategyLimits;
import com.metasupervisor.configrepo.ConfigRepository;
import com.metasupervisor.configrepo.ProposedChange;
import com.metasupervisor.configrepo.PullRequest;
import com.metasupervisor.configrepo.RepoFile;
import com.metasupervisor.configrepo.localgit.LocalGitRepository;
import com.metasupervisor.governance.config.ConfigRepoSettings;
import com.metasupervisor.governance.sync.ConfigRepositorySync.Outcome;
import com.metasupervisor.streams.publish.CatalogPublisher.Keyed;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sync against real git repositories in temporary directories, changed by commits as a person makes them (JGit on
 * the working tree); {@link ConfigRepositorySync#tick()} is called directly, the publication recorded.
 */
class ConfigRepositorySyncTest {

    private static final String MANIFEST = "agents/manifest.yaml";
    private static final String KILL_LIST = "meta_supervisor/kill_list.yaml";
    private static final Instant T0 = Instant.parse("2026-11-30T05:00:00Z");

    /** A person's file: comments, an unusual key order, a flow mapping, a quoted name. */
    private static final String MANIFEST_V1 = """
            # The fleet. Ann edits this by hand; keep the desks together.
            agents:
              - agent: arb_binance_1      # the first one
                status: LIVE
                strategy_class: arb
                owner: desk-a
              - owner: desk-b
                agent: macro_rates_2
                strategy_class: macro
                status: CANDIDATE
              - {agent: "sentiment: reddit", strategy_class: sentiment, status: RETIRED, owner: desk-b}
            """;
    private static final String KILL_LIST_V1 = """
            # limits Bob agreed with risk
            arb:
              max_drawdown_bps: -250
              status: ACTIVE
            macro:
              by_regime:
                RANGE: {max_cvar_error_bps: 90}
            """;

    @TempDir
    Path tmp;

    private Path repoDir;
    private final RecordingPublication publication = new RecordingPublication();
    private final ManualClock clock = new ManualClock(T0);
    private ConfigSyncStatus status;
    private ConfigRepositorySync sync;
    private ConfigRepoSettings settings;

    @BeforeEach
    void setUp() {
        repoDir = tmp.resolve("config-repo");
        settings = new ConfigRepoSettings("local-git", repoDir.toString(), "main", Duration.ofSeconds(30), MANIFEST, KILL_LIST);
        status = new ConfigSyncStatus(settings);
        sync = new ConfigRepositorySync(settings, settings.backend(Map.of()), publication, status, clock, null);
    }

    @AfterEach
    void tearDown() {
        sync.close();
    }

    @Test
    void the_first_sync_publishes_the_manifest_and_the_kill_list_of_the_base_head() throws Exception {
        initRepository(Map.of(MANIFEST, MANIFEST_V1, KILL_LIST, KILL_LIST_V1));
        String head = commit(T0.minusSeconds(60), Map.of(MANIFEST, MANIFEST_V1 + "\n# reviewed\n"));

        assertThat(sync.tick()).isEqualTo(Outcome.PUBLISHED);

        Instant committed = T0.minusSeconds(60);
        assertThat(publication.takeAgents()).containsExactly(
                new Keyed<>("arb_binance_1", new AgentManifest("arb_binance_1", "arb", AgentLifecycle.LIVE, "desk-a", committed)),
                new Keyed<>("macro_rates_2", new AgentManifest("macro_rates_2", "macro", AgentLifecycle.CANDIDATE, "desk-b", committed)),
                new Keyed<>("sentiment: reddit", new AgentManifest("sentiment: reddit", "sentiment", AgentLifecycle.RETIRED, "desk-b", committed)));
        List<Keyed<StrategyLimits>> limits = publication.takeLimits();
        assertThat(limits).extracting(Keyed::key).containsExactly("arb", "macro");
        assertThat(limits).allSatisfy(record -> {
            assertThat(record.value().getSourceCommit()).isEqualTo(head);
            assertThat(record.value().getUpdatedAt()).isEqualTo(committed);
        });
        assertThat(limits.get(1).value().getMaxCvarErrorBps()).containsExactly(Map.entry("RANGE", 90.0));

        ConfigSyncState state = status.state();
        assertThat(state.lastGood().commit()).isEqualTo(head);
        assertThat(state.lastGood().commitTime()).isEqualTo(committed);
        assertThat(state.lastGood().agents()).isEqualTo(3);
        assertThat(state.lastGood().classes()).isEqualTo(2);
        assertThat(state.publishedCommit()).isEqualTo(head);
        assertThat(state.lastAttemptAt()).isEqualTo(T0);
        assertThat(state.problems()).isEmpty();
        assertThat(state.publishPending()).isFalse();
        assertThat(health().getStatus()).isEqualTo(HealthStatus.UP);

        clock.advance(Duration.ofSeconds(30));
        assertThat(sync.tick()).isEqualTo(Outcome.UNCHANGED);
        assertThat(publication.takeAgents()).isEmpty();
        assertThat(publication.batches).isEqualTo(1);
    }

    @Test
    void a_commit_changing_one_agents_status_publishes_exactly_that_agent() throws Exception {
        initRepository(Map.of(MANIFEST, MANIFEST_V1, KILL_LIST, KILL_LIST_V1));
        sync.tick();
        publication.takeAgents();
        publication.takeLimits();

        Instant merged = T0.plusSeconds(300);
        String head = commit(merged, Map.of(MANIFEST, MANIFEST_V1.replace("status: CANDIDATE", "status: LIVE")));
        clock.advance(Duration.ofMinutes(10));

        assertThat(sync.tick()).isEqualTo(Outcome.PUBLISHED);
        assertThat(publication.takeAgents()).containsExactly(
                new Keyed<>("macro_rates_2", new AgentManifest("macro_rates_2", "macro", AgentLifecycle.LIVE, "desk-b", merged)));
        assertThat(publication.takeLimits()).isEmpty();
        assertThat(status.state().publishedCommit()).isEqualTo(head);
    }

    @Test
    void removing_an_agent_or_a_class_publishes_its_tombstone() throws Exception {
        initRepository(Map.of(MANIFEST, MANIFEST_V1, KILL_LIST, KILL_LIST_V1));
        sync.tick();
        publication.takeAgents();
        publication.takeLimits();

        String withoutMacro = MANIFEST_V1.replace("""
                  - owner: desk-b
                    agent: macro_rates_2
                    strategy_class: macro
                    status: CANDIDATE
                """, "");
        commit(T0.plusSeconds(60), Map.of(MANIFEST, withoutMacro, KILL_LIST, KILL_LIST_V1.substring(0, KILL_LIST_V1.indexOf("macro:"))));

        assertThat(sync.tick()).isEqualTo(Outcome.PUBLISHED);
        assertThat(publication.takeAgents()).containsExactly(new Keyed<>("macro_rates_2", null));
        assertThat(publication.takeLimits()).containsExactly(new Keyed<>("macro", null));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("unknown status", MANIFEST_V1.replace("status: CANDIDATE", "status: LIVEE"),
                        10, "agents[1].status", "unknown status 'LIVEE' (CANDIDATE, LIVE, RETIRED, KILLED)"),
                Arguments.of("duplicate agent", MANIFEST_V1 + "  - {agent: arb_binance_1, strategy_class: arb, status: LIVE, owner: desk-c}\n",
                        12, "agents[3].agent", "duplicate agent 'arb_binance_1' (first at line 3)"),
                Arguments.of("bad YAML", MANIFEST_V1.replace("strategy_class: macro", "strategy_class: [macro"),
                        10, "", "invalid YAML: while parsing a flow sequence"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void a_malformed_manifest_is_reported_with_file_line_and_key_and_the_previous_revision_stays_in_force(
            String what, String manifest, int line, String key, String message) throws Exception {
        initRepository(Map.of(MANIFEST, MANIFEST_V1, KILL_LIST, KILL_LIST_V1));
        assertThat(sync.tick()).isEqualTo(Outcome.PUBLISHED);
        String good = status.state().publishedCommit();
        publication.takeAgents();
        publication.takeLimits();

        String bad = commit(T0.plusSeconds(60), Map.of(MANIFEST, manifest, KILL_LIST, KILL_LIST_V1.replace("-250", "-300")));
        clock.advance(Duration.ofSeconds(30));

        assertThat(sync.tick()).isEqualTo(Outcome.REJECTED);
        assertThat(publication.batches).isEqualTo(1); // nothing published, not even the valid kill list's change
        ConfigSyncState state = status.state();
        assertThat(state.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo(MANIFEST);
            assertThat(problem.line()).isEqualTo(line);
            assertThat(problem.key()).isEqualTo(key);
            assertThat(problem.message()).startsWith(message);
        });
        assertThat(state.lastAttemptCommit()).isEqualTo(bad);
        assertThat(state.lastAttemptAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(state.lastGood().commit()).isEqualTo(good);
        assertThat(state.publishedCommit()).isEqualTo(good);
        HealthResult health = health();
        assertThat(health.getStatus()).isEqualTo(HealthStatus.UP);
        assertThat(details(health)).containsEntry("commit", good)
                .containsEntry("in_force", "the last good revision " + good + " stays in force")
                .containsKey("problems");

        // the same bad head is not read again, and still nothing is published
        clock.advance(Duration.ofSeconds(30));
        assertThat(sync.tick()).isEqualTo(Outcome.UNCHANGED);
        assertThat(publication.batches).isEqualTo(1);
        assertThat(status.state().problems()).hasSize(1);

        // fixing the file publishes again: what changed since the last published revision
        Instant fixedAt = T0.plusSeconds(120);
        String fixed = commit(fixedAt, Map.of(MANIFEST, MANIFEST_V1.replace("status: CANDIDATE", "status: LIVE")));
        assertThat(sync.tick()).isEqualTo(Outcome.PUBLISHED);
        assertThat(publication.takeAgents()).containsExactly(
                new Keyed<>("macro_rates_2", new AgentManifest("macro_rates_2", "macro", AgentLifecycle.LIVE, "desk-b", fixedAt)));
        assertThat(publication.takeLimits()).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("arb");
            assertThat(record.value().getMaxDrawdownBps()).isEqualTo(-300.0);
            assertThat(record.value().getSourceCommit()).isEqualTo(fixed);
        });
        assertThat(status.state().problems()).isEmpty();
        assertThat(status.state().lastGood().commit()).isEqualTo(fixed);
        assertThat(details(health())).doesNotContainKey("problems");
    }

    @Test
    void a_repository_invalid_from_the_start_is_down_until_a_good_commit() throws Exception {
        initRepository(Map.of(MANIFEST, "agents:\n  - agent: a\n    strategy_class: arb\n    status: ALIVE\n    owner: o\n", KILL_LIST, "arb: [1]\n"));

        assertThat(sync.tick()).isEqualTo(Outcome.REJECTED);
        assertThat(status.state().problems()).extracting(SyncProblem::toString).containsExactly(
                "agents/manifest.yaml line 4: agents[0].status: unknown status 'ALIVE' (CANDIDATE, LIVE, RETIRED, KILLED)",
                "meta_supervisor/kill_list.yaml line 1: arb: expected a mapping (status, reason, max_drawdown_bps, min_hit_rate, by_regime), found a list");
        assertThat(status.state().inForce()).isFalse();
        assertThat(health().getStatus()).isEqualTo(HealthStatus.DOWN);
        assertThat(publication.batches).isZero();

        commit(T0.plusSeconds(60), Map.of(MANIFEST, MANIFEST_V1, KILL_LIST, KILL_LIST_V1));
        assertThat(sync.tick()).isEqualTo(Outcome.PUBLISHED);
        assertThat(publication.takeAgents()).hasSize(3);
        assertThat(health().getStatus()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void an_unreachable_repository_is_down_and_read_once_it_exists() throws IOException {
        java.nio.file.Files.createDirectories(repoDir);
        java.nio.file.Files.writeString(repoDir.resolve("notes.txt"), "a directory that is not a repository");
        assertThat(sync.tick()).isEqualTo(Outcome.UNREACHABLE);
        assertThat(status.state().problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo(SyncProblem.REPOSITORY);
            assertThat(problem.message()).contains("no git repository at");
        });
        assertThat(health().getStatus()).isEqualTo(HealthStatus.DOWN);

        java.nio.file.Files.delete(repoDir.resolve("notes.txt"));
        initRepository(Map.of(MANIFEST, MANIFEST_V1, KILL_LIST, KILL_LIST_V1));
        assertThat(sync.tick()).isEqualTo(Outcome.PUBLISHED);
        assertThat(publication.takeAgents()).hasSize(3);
        assertThat(status.state().problems()).isEmpty();
    }

    @Test
    void where_no_repository_is_yet_one_is_created_with_no_agents_and_the_spec_kill_list() throws IOException {
        assertThat(sync.tick()).isEqualTo(Outcome.PUBLISHED);
        assertThat(publication.takeAgents()).isEmpty();
        assertThat(publication.takeLimits()).extracting(Keyed::key).containsExactly("macro", "arb", "funding", "sentiment");
        assertThat(status.state().lastGood().killListDefaulted()).as("the file is there, not defaulted").isFalse();
        // the seed is the file a person edits next: SPEC §6's defaults, comments and all
        assertThat(com.metasupervisor.configrepo.files.KillList.parse(new String(blobAtMain(KILL_LIST), java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo(com.metasupervisor.configrepo.files.KillList.specDefaults());
        assertThat(new String(blobAtMain(MANIFEST), java.nio.charset.StandardCharsets.UTF_8)).contains("# The fleet's agents", "agents: []");
        assertThat(sync.tick()).isEqualTo(Outcome.UNCHANGED);
    }

    @Test
    void a_failed_publish_is_retried_on_the_next_tick_until_acknowledged() throws Exception {
        initRepository(Map.of(MANIFEST, MANIFEST_V1, KILL_LIST, KILL_LIST_V1));
        publication.failuresToCome = 2;

        assertThat(sync.tick()).isEqualTo(Outcome.PUBLISH_FAILED);
        clock.advance(Duration.ofSeconds(30));
        assertThat(sync.tick()).isEqualTo(Outcome.PUBLISH_FAILED);
        ConfigSyncState failed = status.state();
        assertThat(failed.lastPublishFailure().message()).isEqualTo("Kafka did not acknowledge the records within 10 s");
        assertThat(failed.lastPublishFailure().at()).isEqualTo(T0.plusSeconds(30));
        assertThat(failed.publishPending()).isTrue();
        assertThat(failed.publishedCommit()).isNull();
        assertThat(health().getStatus()).isEqualTo(HealthStatus.UP); // good, in force once Kafka takes it

        clock.advance(Duration.ofSeconds(30));
        assertThat(sync.tick()).isEqualTo(Outcome.PUBLISHED);
        assertThat(publication.takeAgents()).hasSize(3);
        assertThat(publication.takeLimits()).hasSize(2);
        assertThat(status.state().publishPending()).isFalse();
        assertThat(sync.tick()).isEqualTo(Outcome.UNCHANGED);
    }

    @Test
    void a_missing_kill_list_publishes_the_spec_defaults_and_the_status_says_so() throws Exception {
        initRepository(Map.of(MANIFEST, MANIFEST_V1));

        assertThat(sync.tick()).isEqualTo(Outcome.PUBLISHED);
        assertThat(publication.takeLimits()).extracting(Keyed::key).containsExactly("macro", "arb", "funding", "sentiment");
        assertThat(status.state().lastGood().killListDefaulted()).isTrue();
        assertThat(details(health())).containsKey("kill_list");

        // the person writes a kill list with arb as the defaults have it: the other classes are withdrawn
        commit(T0.plusSeconds(60), Map.of(KILL_LIST, """
                arb:
                  status: ACTIVE
                  max_drawdown_bps: -250
                  min_hit_rate: 0.42
                  by_regime:
                    TREND: {max_cvar_error_bps: 140}
                    RANGE: {max_cvar_error_bps: 110}
                """));
        assertThat(sync.tick()).isEqualTo(Outcome.PUBLISHED);
        assertThat(publication.takeLimits()).containsExactly(new Keyed<>("macro", null), new Keyed<>("funding", null),
                new Keyed<>("sentiment", null));
        assertThat(status.state().lastGood().killListDefaulted()).isFalse();
    }

    @Test
    void a_missing_manifest_is_no_agents() throws Exception {
        initRepository(Map.of(KILL_LIST, KILL_LIST_V1));

        assertThat(sync.tick()).isEqualTo(Outcome.PUBLISHED);
        assertThat(publication.takeAgents()).isEmpty();
        assertThat(status.state().lastGood().manifestMissing()).isTrue();
        assertThat(status.state().lastGood().agents()).isZero();
    }

    @Test
    void commits_off_the_base_branch_are_not_read() throws Exception {
        initRepository(Map.of(MANIFEST, MANIFEST_V1, KILL_LIST, KILL_LIST_V1));
        sync.tick();
        publication.takeAgents();
        publication.takeLimits();

        // reporting-service's proposal, and a person's own branch: open pull requests, not the base branch
        try (ConfigRepository repository = LocalGitRepository.open(repoDir, "main")) {
            repository.propose(new ProposedChange("meta/promote-macro", "Meta-Supervisor: Promotions", "### PROMOTIONS\n- macro_rates_2\n",
                    Map.of(MANIFEST, MANIFEST_V1.replace("status: CANDIDATE", "status: LIVE"))));
        }
        try (Git git = Git.open(repoDir.toFile())) {
            git.checkout().setCreateBranch(true).setName("ann/kill-arb").call();
        }
        commit(T0.plusSeconds(60), Map.of(MANIFEST, MANIFEST_V1.replace("status: LIVE", "status: KILLED")));

        assertThat(sync.tick()).isEqualTo(Outcome.UNCHANGED);
        assertThat(publication.batches).isEqualTo(1);
    }

    @Test
    void the_persons_file_is_read_never_rewritten() throws Exception {
        initRepository(Map.of(MANIFEST, MANIFEST_V1, KILL_LIST, KILL_LIST_V1));
        String edited = MANIFEST_V1.replace("status: CANDIDATE", "status: LIVE   # merged after review");
        String head = commit(T0.plusSeconds(60), Map.of(MANIFEST, edited));
        List<String> refsBefore = refs();

        for (int i = 0; i < 3; i++) {
            sync.tick();
            clock.advance(Duration.ofSeconds(30));
        }
        assertThat(publication.takeAgents()).hasSize(3);

        assertThat(blobAtMain(MANIFEST)).isEqualTo(edited.getBytes(StandardCharsets.UTF_8));
        assertThat(blobAtMain(KILL_LIST)).isEqualTo(KILL_LIST_V1.getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readAllBytes(repoDir.resolve(MANIFEST))).isEqualTo(edited.getBytes(StandardCharsets.UTF_8));
        assertThat(refs()).isEqualTo(refsBefore);
        try (Git git = Git.open(repoDir.toFile())) {
            assertThat(git.getRepository().resolve(Constants.HEAD).name()).isEqualTo(head);
            assertThat(git.status().call().isClean()).isTrue();
        }
    }

    @Test
    void a_head_that_moves_while_the_files_are_read_is_read_again() throws Exception {
        initRepository(Map.of(MANIFEST, MANIFEST_V1, KILL_LIST, KILL_LIST_V1));
        String[] moved = new String[1];
        ConfigRepositoryBackend local = settings.backend(Map.of());
        ConfigRepositoryBackend merging = new MergingBackend(local, () -> moved[0] = commitUnchecked(T0.plusSeconds(5),
                Map.of(MANIFEST, MANIFEST_V1.replace("status: CANDIDATE", "status: RETIRED"))));
        try (ConfigRepositorySync racing = new ConfigRepositorySync(settings, merging, publication, status, clock, null)) {
            assertThat(racing.tick()).isEqualTo(Outcome.MOVED);
            assertThat(publication.batches).isZero();

            assertThat(racing.tick()).isEqualTo(Outcome.PUBLISHED);
            assertThat(status.state().publishedCommit()).isEqualTo(moved[0]);
            assertThat(publication.takeAgents()).filteredOn(record -> record.key().equals("macro_rates_2"))
                    .singleElement().satisfies(record -> assertThat(record.value().getStatus()).isEqualTo(AgentLifecycle.RETIRED));
        }
    }

    @Test
    void the_github_backend_without_its_environment_is_unreachable_naming_the_variable() {
        ConfigRepoSettings github = new ConfigRepoSettings("github", "unused", "main", Duration.ofSeconds(30), MANIFEST, KILL_LIST);
        ConfigRepositoryBackend backend = github.backend(Map.of("GITHUB_REPOSITORY", "desk/config"));
        ConfigSyncStatus githubStatus = new ConfigSyncStatus(github);

        try (ConfigRepositorySync githubSync = new ConfigRepositorySync(github, backend, publication, githubStatus, clock, null)) {
            assertThat(githubSync.tick()).isEqualTo(Outcome.UNREACHABLE);
        }
        assertThat(backend.name()).isEqualTo("github");
        assertThat(githubStatus.state().backend()).isEqualTo("github");
        assertThat(githubStatus.state().problems()).extracting(SyncProblem::toString)
                .containsExactly("config repository: GITHUB_TOKEN is not set");
        assertThat(github.backend(Map.of("GITHUB_TOKEN", "ghp_secret", "GITHUB_REPOSITORY", "desk/config")).toString())
                .doesNotContain("ghp_secret");
    }

    // ---- fixtures ----

    private void initRepository(Map<String, String> files) {
        LocalGitRepository.init(repoDir, "main", files).close();
    }

    /** A person's commit on the checked-out branch: files written in the working tree, added, committed at {@code when}. */
    private String commit(Instant when, Map<String, String> files) throws IOException, GitAPIException {
        try (Git git = Git.open(repoDir.toFile())) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = repoDir.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
                git.add().addFilepattern(file.getKey()).call();
            }
            PersonIdent ann = new PersonIdent("Ann Operator", "ann@desk.example", when, ZoneOffset.UTC);
            RevCommit commit = git.commit().setAuthor(ann).setCommitter(ann).setSign(false).setNoVerify(true)
                    .setMessage("Edit by hand\n").call();
            return commit.name();
        }
    }

    private String commitUnchecked(Instant when, Map<String, String> files) {
        try {
            return commit(when, files);
        } catch (IOException | GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] blobAtMain(String path) throws IOException {
        try (Git git = Git.open(repoDir.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            ObjectId main = git.getRepository().resolve("refs/heads/main");
            try (TreeWalk tree = TreeWalk.forPath(git.getRepository(), path, walk.parseCommit(main).getTree())) {
                return git.getRepository().open(tree.getObjectId(0), Constants.OBJ_BLOB).getBytes();
            }
        }
    }

    private List<String> refs() throws IOException {
        try (Git git = Git.open(repoDir.toFile())) {
            List<String> refs = new ArrayList<>();
            for (Ref ref : git.getRepository().getRefDatabase().getRefs()) {
                refs.add(ref.getName() + " " + ref.getObjectId().name());
            }
            return refs;
        }
    }

    private HealthResult health() {
        return new ConfigRepoHealthIndicator(status).result();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(HealthResult health) {
        return (Map<String, Object>) health.getDetails();
    }

    /** Records what the sync publishes; fails the next {@code failuresToCome} publishes as Kafka would time out. */
    private static final class RecordingPublication implements ConfigPublication {
        int failuresToCome;
        int batches;
        private final List<Keyed<AgentManifest>> agents = new ArrayList<>();
        private final List<Keyed<StrategyLimits>> limits = new ArrayList<>();

        @Override
        public void publish(List<Keyed<AgentManifest>> agentBatch, List<Keyed<StrategyLimits>> limitBatch) throws Failure {
            if (failuresToCome > 0) {
                failuresToCome--;
                throw new Failure("Kafka did not acknowledge the records within 10 s", null);
            }
            batches++;
            agents.addAll(agentBatch);
            limits.addAll(limitBatch);
        }

        List<Keyed<AgentManifest>> takeAgents() {
            List<Keyed<AgentManifest>> taken = List.copyOf(agents);
            agents.clear();
            return taken;
        }

        List<Keyed<StrategyLimits>> takeLimits() {
            List<Keyed<StrategyLimits>> taken = List.copyOf(limits);
            limits.clear();
            return taken;
        }
    }

    /** The local backend whose repository lets a person merge while the sync reads it. */
    private record MergingBackend(ConfigRepositoryBackend local, Runnable merge) implements ConfigRepositoryBackend {
        @Override
        public String name() {
            return local.name();
        }

        @Override
        public ConfigRepository open() {
            return new MergeWhileReading(local.open(), merge);
        }
    }

    /** Delegates; a person merges right after the sync read the head (before the first file is read), once. */
    private static final class MergeWhileReading implements ConfigRepository {
        private final ConfigRepository delegate;
        private Runnable merge;

        MergeWhileReading(ConfigRepository delegate, Runnable merge) {
            this.delegate = delegate;
            this.merge = merge;
        }

        @Override
        public String baseBranch() {
            return delegate.baseBranch();
        }

        @Override
        public String baseHead() {
            return delegate.baseHead();
        }

        @Override
        public Instant commitTime(String commit) {
            return delegate.commitTime(commit);
        }

        @Override
        public Optional<RepoFile> read(String path) {
            if (merge != null) {
                merge.run();
                merge = null;
            }
            return delegate.read(path);
        }

        @Override
        public PullRequest propose(ProposedChange change) {
            return delegate.propose(change);
        }

        @Override
        public List<PullRequest> openPullRequests(String branchPrefix) {
            return delegate.openPullRequests(branchPrefix);
        }

        @Override
        public void comment(PullRequest pullRequest, String body) {
            delegate.comment(pullRequest, body);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
