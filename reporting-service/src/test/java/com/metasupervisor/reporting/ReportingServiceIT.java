package com.metasupervisor.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.metasupervisor.avro.AgentAllocation;
import com.metasupervisor.avro.AgentLifecycle;
import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AlertSubjectKind;
import com.metasupervisor.avro.AlertTransition;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.avro.DecisionEffect;
import com.metasupervisor.avro.DecisionSubjectKind;
import com.metasupervisor.avro.GovernanceAction;
import com.metasupervisor.avro.GovernanceDecision;
import com.metasupervisor.avro.ReportingAction;
import com.metasupervisor.avro.ReportingKind;
import com.metasupervisor.avro.ReportingStatus;
import com.metasupervisor.avro.Severity;
import com.metasupervisor.avro.StrategyState;
import com.metasupervisor.avro.StrategyStatus;
import com.metasupervisor.configrepo.files.KillList;
import com.metasupervisor.configrepo.files.LifecycleStatus;
import com.metasupervisor.configrepo.files.ManifestFile;
import com.metasupervisor.configrepo.files.StrategyClassStatus;
import com.metasupervisor.configrepo.localgit.LocalGitRepository;
import com.metasupervisor.platform.LocalPlatform;
import com.metasupervisor.platform.ServiceProcess;
import com.metasupervisor.platform.SharedPlatformExtension;
import com.metasupervisor.reporting.ledger.ActionRequest;
import com.metasupervisor.reporting.ledger.DecisionBatchRequest;
import com.metasupervisor.reporting.ledger.LedgerRecords;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.testkit.CatalogRecords;
import com.metasupervisor.testkit.ServiceInstances;
import com.metasupervisor.testkit.TestCredentials;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * reporting-service on the real broker and registry with a real local git repository as its config repository
 * (issue 13 acceptance 1 and 3): decisions, a DISABLED class and an allocation go in; a branch with one commit comes
 * out, recorded DONE on {@code reporting.ledger}. The shared platform's topics hold other tests' decisions, which the
 * planner replays from the beginning: this run's decision set is found through the ledger (the batch that holds its
 * decision ids), never assumed alone in its window.
 */
@ExtendWith(SharedPlatformExtension.class)
class ReportingServiceIT {

    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MANIFEST = "agents/manifest.yaml";
    private static final String KILL_LIST = "meta_supervisor/kill_list.yaml";
    private static final String WEIGHTS = "allocation/weights.json";
    private static final String PERSONS_COMMENT = "# desk-a's first agent: ask Ana before touching it";

    /** This run's names (no characters Markdown escapes, so they appear as they are in bodies). */
    private record Fleet(String run) {
        String agent(String role) {
            return role + run;
        }

        String disabledClass() {
            return "dis" + run;
        }

        String manifest() {
            StringBuilder m = new StringBuilder("# The fleet. A person edits this; Meta-Supervisor proposes changes.\nagents:\n");
            m.append("  - agent: ").append(agent("kill")).append("   ").append(PERSONS_COMMENT).append('\n')
                    .append("    strategy_class: arb\n    status: LIVE\n    owner: desk-a\n");
            for (String role : List.of("retire", "keep", "b", "c")) {
                m.append("  - agent: ").append(agent(role)).append("\n    strategy_class: arb\n    status: LIVE\n    owner: desk-b\n");
            }
            m.append("  - agent: ").append(agent("promote")).append("\n    strategy_class: macro\n    status: CANDIDATE\n    owner: desk-c\n");
            return m.toString();
        }

        String killList() {
            return "# Strategy kill list. A person edits this.\narb:\n  status: ACTIVE\n  max_drawdown_bps: -250\n";
        }

        String weights() {
            return "{\n  \"note\": \"a person's key\",\n  \"allocations\": {},\n  \"cash\": 1.0\n}\n";
        }
    }

    @Test
    void aBatchOfDecisionsBecomesOneBranchWithOneCommitOfTheThreeFiles(LocalPlatform platform, @TempDir Path dir) throws Exception {
        Fleet fleet = new Fleet(UUID.randomUUID().toString().substring(0, 8));
        Path repoPath = seed(dir, fleet);
        ObjectId baseBefore = resolve(repoPath, "refs/heads/main");

        try (LedgerWatch ledger = new LedgerWatch(platform);
             EmbeddedServer server = ServiceInstances.start(platform, "reporting-it-" + fleet.run, "reporting-" + fleet.run, Map.of(
                     "reporting.config-repo.path", repoPath.toString(),
                     "reporting.pull-requests.debounce", "PT1S"))) {
            ServiceInstances.awaitRunning(server);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            CatalogRecords.produce(platform, Topics.ALLOCATIONS, s -> "fleet", List.of(allocation(fleet, now)));
            CatalogRecords.produce(platform, Topics.GOVERNANCE_STRATEGY_STATUS, StrategyStatus::getStrategyClass,
                    List.of(disabledStatus(fleet.disabledClass(), now)));
            // a divergence alert open on the agent killed: the batch carries it, the executor comments it on the pull request
            Alert divergence = divergenceAlert(fleet.agent("kill"), now);
            CatalogRecords.produce(platform, Topics.ALERTS, Alert::getSubject, List.of(divergence));
            List<GovernanceDecision> decisions = List.of(
                    decision(fleet.agent("kill"), GovernanceAction.KILL, now),
                    decision(fleet.agent("retire"), GovernanceAction.RETIRE, now.plusMillis(1)),
                    decision(fleet.agent("promote"), GovernanceAction.PROMOTE, now.plusMillis(2)));
            CatalogRecords.produce(platform, Topics.GOVERNANCE_DECISIONS, GovernanceDecision::getAgent, decisions);

            // the ledger: STARTED with the batch, then DONE with the branch in the reference
            Set<String> ids = ids(decisions);
            ReportingAction started = ledger.await("the batch STARTED", l -> l.batchOf(ids, ReportingStatus.STARTED));
            DecisionBatchRequest request = (DecisionBatchRequest) LedgerRecords.request(started);
            String branch = request.batch().branchName();
            assertThat(started.getActionKey()).isEqualTo("pr:" + branch);
            ReportingAction done = ledger.await("the batch DONE", l -> l.latest(started.getActionKey(), ReportingStatus.DONE));
            assertThat(done.getReference()).isEqualTo(repoPath.toAbsolutePath().normalize() + "#" + branch);
            assertThat(done.getRequest()).isEqualTo(started.getRequest());
            assertThat(ledger.keysHolding(ids)).as("one pull request action for the decision set").containsExactly(started.getActionKey());

            // the repository: the base branch unchanged; the branch = one commit on the base head touching exactly the three files
            assertThat(resolve(repoPath, "refs/heads/main")).isEqualTo(baseBefore);
            RevCommit commit = commit(repoPath, "refs/heads/" + branch);
            assertThat(commit.getParentCount()).isEqualTo(1);
            assertThat(commit.getParent(0).getId()).isEqualTo(baseBefore);
            assertThat(changedPaths(repoPath, commit)).containsExactlyInAnyOrder(MANIFEST, KILL_LIST, WEIGHTS);
            assertThat(commit.getShortMessage()).isEqualTo("Meta-Supervisor: Promotions / Retirements");
            assertThat(commit.getFullMessage()).contains("### PROMOTIONS", "### RETIREMENTS", "### KILLS", fleet.agent("kill"));

            String manifest = fileAt(repoPath, commit, MANIFEST);
            ManifestFile parsed = ManifestFile.parse(manifest);
            assertThat(parsed.agent(fleet.agent("kill")).orElseThrow().status()).isEqualTo(LifecycleStatus.KILLED);
            assertThat(parsed.agent(fleet.agent("retire")).orElseThrow().status()).isEqualTo(LifecycleStatus.RETIRED);
            assertThat(parsed.agent(fleet.agent("promote")).orElseThrow().status()).isEqualTo(LifecycleStatus.LIVE);
            assertThat(parsed.agent(fleet.agent("keep")).orElseThrow().status()).isEqualTo(LifecycleStatus.LIVE);
            assertThat(manifest).contains(PERSONS_COMMENT).startsWith("# The fleet. A person edits this");
            KillList killList = KillList.parse(fileAt(repoPath, commit, KILL_LIST));
            assertThat(killList.strategyClass(fleet.disabledClass()).orElseThrow().status()).isEqualTo(StrategyClassStatus.DISABLED);
            assertThat(killList.strategyClass(fleet.disabledClass()).orElseThrow().reason()).contains("class_cvar: RANGE breach");
            assertThat(killList.strategyClass("arb").orElseThrow().status()).isEqualTo(StrategyClassStatus.ACTIVE);
            JsonNode weights = JSON.readTree(fileAt(repoPath, commit, WEIGHTS));
            assertThat(weights.get("note").asText()).isEqualTo("a person's key");
            assertThat(weights.get("allocations").has(fleet.agent("kill"))).isFalse();
            assertThat(weights.get("allocations").has(fleet.agent("retire"))).isFalse();
            assertThat(weights.get("allocations").get(fleet.agent("keep")).asDouble()).isEqualTo(0.25);
            assertThat(weights.get("cash").asDouble()).isCloseTo(0.25 + 0.3 + 0.2, org.assertj.core.data.Offset.offset(1e-9));

            // the alert as a comment (a ledger action of its own) on the pull request: a git note on the branch's head
            String commentKey = "comment:" + branch + ":" + divergence.getAlertId() + ":OPENED";
            ReportingAction commented = ledger.await("the alert commented", l -> l.latest(commentKey, ReportingStatus.DONE));
            assertThat(commented.getKind()).isEqualTo(ReportingKind.PR_COMMENT);
            assertThat(commented.getReference()).isEqualTo(done.getReference());
            assertThat(note(repoPath, commit)).isEqualTo("Divergence alert " + divergence.getAlertId() + " OPENED for "
                    + fleet.agent("kill") + ": live Sharpe 0.4 vs paper 2.1, see \\[chart\\]\\(http:\u200B//charts.example/x\\)");

            // the REST view of the ledger
            JsonNode entry = JSON.readTree(get(ServiceInstances.baseUrl(server) + "/ledger/" + started.getActionKey()));
            assertThat(entry.get("status").asText()).isEqualTo("DONE");
            assertThat(entry.get("reference").asText()).endsWith("#" + branch);
            assertThat(entry.get("request").get("type").asText()).isEqualTo("decision-batch");
            JsonNode list = JSON.readTree(get(ServiceInstances.baseUrl(server) + "/ledger?kind=PULL_REQUEST&status=DONE&limit=1000"));
            assertThat(list.findValuesAsText("action_key")).contains(started.getActionKey());
            JsonNode health = JSON.readTree(body(ServiceInstances.baseUrl(server) + "/health")).path("details").path("reporting-executor");
            assertThat(health.path("status").asText()).as("%s", health).isEqualTo("UP");
            assertThat(health.path("details").path("ledger_read_to_end").asBoolean()).isTrue();

            // the ledger and /health need no credential (above); log levels are an operator's (issue 16, acceptance 2)
            String loggers = ServiceInstances.baseUrl(server) + "/loggers/com.metasupervisor.reporting";
            assertThat(status(loggers, null)).isEqualTo(401);
            assertThat(status(loggers, TestCredentials.agent(fleet.agent("b")))).isEqualTo(403);
            assertThat(status(loggers, TestCredentials.operator("ops-1"))).isEqualTo(200);
        }
    }

    /**
     * Acceptance 3: the service as a process of its own, killed (SIGKILL) once right after a batch's STARTED record is
     * visible (the config repository not created yet, so the executor is still retrying to open it) and once after its branch exists but before its DONE (held there by the test-only
     * reporting.executor.pause-before-done); each restart ends with one branch of one commit and the ledger DONE.
     */
    @Test
    void aServiceKilledInTheMiddleOfABatchOpensNoDuplicateOnRestart(LocalPlatform platform, @TempDir Path dir) throws Exception {
        Fleet fleet = new Fleet(UUID.randomUUID().toString().substring(0, 8));
        // not there yet: round 1's executor retries opening it, so the kill lands between STARTED and performing
        Path repoPath = dir.resolve("config-repo");
        Map<String, String> config = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", platform.bootstrapServers(),
                "registry.url", platform.registry().url(),
                "kafka.streams.default.application.id", "reporting-kill-it-" + fleet.run,
                "kafka.streams.default.state.dir", Path.of("target", "it-state", "reporting-kill-" + fleet.run).toAbsolutePath().toString(),
                "micronaut.server.port", "-1",
                "reporting.config-repo.path", repoPath.toString(),
                "reporting.pull-requests.debounce", "PT1S"));
        TestCredentials.in(config);
        Path logs = Path.of("target", "it-logs");
        try (LedgerWatch ledger = new LedgerWatch(platform)) {
            // round 1: killed as soon as the batch's STARTED is on the ledger, while the executor waits for the repository
            List<GovernanceDecision> first = List.of(decision(fleet.agent("b"), GovernanceAction.KILL, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
            String firstKey;
            try (ServiceProcess service = ServiceProcess.start(Application.class.getName(), config, logs.resolve("reporting-" + fleet.run + "-1.log"))) {
                CatalogRecords.produce(platform, Topics.GOVERNANCE_DECISIONS, GovernanceDecision::getAgent, first);
                firstKey = ledger.await("round 1 STARTED", l -> l.batchOf(ids(first), ReportingStatus.STARTED)).getActionKey();
                service.kill();
                ledger.drain();
                assertThat(ledger.latestOf(firstKey).getStatus()).as("killed before DONE").isEqualTo(ReportingStatus.STARTED);
            }
            seed(dir, fleet); // what governance-service does on its first start
            try (ServiceProcess service = ServiceProcess.start(Application.class.getName(), config, logs.resolve("reporting-" + fleet.run + "-2.log"))) {
                ReportingAction done = ledger.await("round 1 DONE after the restart", l -> l.latest(firstKey, ReportingStatus.DONE));
                assertThat(ledger.keysHolding(ids(first))).containsExactly(firstKey);
                assertOneCommitBranch(repoPath, firstKey.substring("pr:".length()));
                assertThat(done.getReference()).endsWith("#" + firstKey.substring("pr:".length()));
            }

            // round 2: the branch exists, DONE not written (the executor pauses before it), killed there
            Map<String, String> pausing = new HashMap<>(config);
            pausing.put("reporting.executor.pause-before-done", "PT10M");
            List<GovernanceDecision> second = List.of(decision(fleet.agent("c"), GovernanceAction.RETIRE, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
            String secondKey;
            try (ServiceProcess service = ServiceProcess.start(Application.class.getName(), pausing, logs.resolve("reporting-" + fleet.run + "-3.log"))) {
                CatalogRecords.produce(platform, Topics.GOVERNANCE_DECISIONS, GovernanceDecision::getAgent, second);
                secondKey = ledger.await("round 2 STARTED", l -> l.batchOf(ids(second), ReportingStatus.STARTED)).getActionKey();
                String branch = secondKey.substring("pr:".length());
                await("round 2's branch in the repository").atMost(WAIT).until(() -> resolve(repoPath, "refs/heads/" + branch) != null);
                service.kill();
                ledger.drain();
                assertThat(ledger.latestOf(secondKey).getStatus()).as("killed before DONE").isEqualTo(ReportingStatus.STARTED);
            }
            try (ServiceProcess service = ServiceProcess.start(Application.class.getName(), config, logs.resolve("reporting-" + fleet.run + "-4.log"))) {
                ReportingAction done = ledger.await("round 2 DONE after the restart", l -> l.latest(secondKey, ReportingStatus.DONE));
                assertThat(done.getDetail()).as("the restart found the branch").isEqualTo("existed already");
                assertThat(ledger.keysHolding(ids(second))).containsExactly(secondKey);
                assertOneCommitBranch(repoPath, secondKey.substring("pr:".length()));
            }
            assertThat(branches(repoPath, "refs/heads/meta-supervisor/decisions-").stream()
                    .filter(b -> b.equals("refs/" + "heads/" + firstKey.substring(3)) || b.equals("refs/heads/" + secondKey.substring(3))))
                    .hasSize(2);
        }
    }

    // --- the ledger as the test reads it (read_committed, from when the watch starts)

    private static final class LedgerWatch implements AutoCloseable {
        private final KafkaConsumer<String, ReportingAction> consumer;
        private final List<ReportingAction> records = new ArrayList<>();

        LedgerWatch(LocalPlatform platform) {
            consumer = platform.committedFromNow(Topics.REPORTING_LEDGER);
        }

        void drain() {
            for (var r : consumer.poll(Duration.ofMillis(200))) {
                if (r.value() != null) {
                    records.add(r.value());
                }
            }
        }

        ReportingAction await(String what, java.util.function.Function<LedgerWatch, Optional<ReportingAction>> found) {
            return org.awaitility.Awaitility.await(what).atMost(WAIT).until(() -> {
                drain();
                return found.apply(this);
            }, Optional::isPresent).orElseThrow();
        }

        /** The pull request action whose batch holds every one of {@code ids}, with that status. */
        Optional<ReportingAction> batchOf(Set<String> ids, ReportingStatus status) {
            return records.stream().filter(r -> r.getKind() == ReportingKind.PULL_REQUEST && r.getStatus() == status)
                    .filter(r -> holds(r, ids)).findFirst();
        }

        Optional<ReportingAction> latest(String key, ReportingStatus status) {
            ReportingAction latest = latestOf(key);
            return latest != null && latest.getStatus() == status ? Optional.of(latest) : Optional.empty();
        }

        ReportingAction latestOf(String key) {
            return records.stream().filter(r -> r.getActionKey().equals(key)).reduce((a, b) -> b).orElse(null);
        }

        /** Every pull request action key whose batch holds any of {@code ids}. */
        List<String> keysHolding(Set<String> ids) {
            return records.stream().filter(r -> r.getKind() == ReportingKind.PULL_REQUEST)
                    .filter(r -> LedgerRecords.request(r) instanceof DecisionBatchRequest b
                            && b.decisions().stream().anyMatch(d -> ids.contains(d.decisionId())))
                    .map(ReportingAction::getActionKey).distinct().toList();
        }

        private static boolean holds(ReportingAction r, Set<String> ids) {
            ActionRequest request = LedgerRecords.request(r);
            return request instanceof DecisionBatchRequest b
                    && b.decisions().stream().map(d -> d.decisionId()).toList().containsAll(ids);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    // --- inputs

    private static Path seed(Path dir, Fleet fleet) {
        Path repoPath = dir.resolve("config-repo");
        LocalGitRepository.init(repoPath, "main", Map.of(MANIFEST, fleet.manifest(), KILL_LIST, fleet.killList(),
                WEIGHTS, fleet.weights())).close();
        return repoPath;
    }

    private static GovernanceDecision decision(String agent, GovernanceAction action, Instant at) {
        return GovernanceDecision.newBuilder()
                .setDecisionId(agent + "@" + at.toEpochMilli() + ":" + action)
                .setAgent(agent)
                .setStrategyClass(action == GovernanceAction.PROMOTE ? "macro" : "arb")
                .setAction(action)
                .setPreviousStatus(action == GovernanceAction.PROMOTE ? AgentLifecycle.CANDIDATE : AgentLifecycle.LIVE)
                .setReasons(List.of(action.name().toLowerCase() + "_rule: the IT decided it"))
                .setMetrics(Map.of("sharpe_30d", 1.5))
                .setDecidedAt(at)
                .setSubjectKind(DecisionSubjectKind.AGENT)
                .setPreviousStrategyStatus(null)
                .setEffect(DecisionEffect.THROUGH_CONFIG_REPO)
                .setDryRun(false)
                .setRegime("TREND")
                .build();
    }

    private static Alert divergenceAlert(String agent, Instant at) {
        return Alert.newBuilder().setAlertId("div-" + agent).setSubject(agent).setSubjectKind(AlertSubjectKind.AGENT)
                .setKind("DIVERGENCE").setTransition(AlertTransition.OPENED).setSeverity(Severity.HIGH).setAction("review")
                .setTriggers(List.of()).setMetrics(Map.of()).setOpenedAt(at).setAt(at)
                .setMessage("live Sharpe 0.4 vs paper 2.1, see [chart](http://charts.example/x)").build();
    }

    private static StrategyStatus disabledStatus(String strategyClass, Instant at) {
        return StrategyStatus.newBuilder().setStrategyClass(strategyClass).setStatus(StrategyState.DISABLED)
                .setReasons(List.of("class_cvar: RANGE breach")).setMetrics(Map.of()).setRegime("RANGE").setUpdatedAt(at)
                .setDecisionId(strategyClass + "@" + at.toEpochMilli() + ":DISABLE_CLASS").setSource("decision").build();
    }

    private static AllocationSnapshot allocation(Fleet fleet, Instant at) {
        String id = "snap-" + fleet.run;
        List<AgentAllocation> agents = List.of(
                agentAllocation(fleet.agent("kill"), 0.3, id, at),
                agentAllocation(fleet.agent("retire"), 0.2, id, at),
                agentAllocation(fleet.agent("keep"), 0.25, id, at));
        return AllocationSnapshot.newBuilder().setSnapshotId(id).setPolicy("risk_parity").setAllocations(agents).setCash(0.25)
                .setMinAllocation(0.0).setMaxAllocation(0.4).setRegime("TREND").setRegimeMultiplier(1.0).setGuardianPaused(false)
                .setSource("allocator").setReasonForPublish("scheduled").setWarnings(List.of()).setAsOf(at).build();
    }

    private static AgentAllocation agentAllocation(String agent, double weight, String snapshot, Instant at) {
        return AgentAllocation.newBuilder().setAgent(agent).setWeight(weight).setPolicy("risk_parity").setAsOf(at)
                .setSnapshotId(snapshot).setStrategyClass("arb").setStatus("LIVE").build();
    }

    private static Set<String> ids(List<GovernanceDecision> decisions) {
        return Set.copyOf(decisions.stream().map(GovernanceDecision::getDecisionId).toList());
    }

    // --- the repository as a reviewer sees it

    /**
     * One commit on the base head; of the three files it writes, a file whose text does not change is the same blob (no
     * allocation and no disabled class in these rounds: only the manifest differs), and nothing else is touched.
     */
    private static void assertOneCommitBranch(Path repoPath, String branch) throws Exception {
        RevCommit commit = commit(repoPath, "refs/heads/" + branch);
        assertThat(commit.getParentCount()).isEqualTo(1);
        assertThat(commit.getParent(0).getId()).isEqualTo(resolve(repoPath, "refs/heads/main"));
        assertThat(changedPaths(repoPath, commit)).contains(MANIFEST).isSubsetOf(MANIFEST, KILL_LIST, WEIGHTS);
    }

    private static ObjectId resolve(Path repoPath, String ref) throws Exception {
        try (Git git = Git.open(repoPath.toFile())) {
            return git.getRepository().resolve(ref);
        }
    }

    private static List<String> branches(Path repoPath, String prefix) throws Exception {
        try (Git git = Git.open(repoPath.toFile())) {
            return git.branchList().call().stream().map(Ref::getName).filter(n -> n.startsWith(prefix)).toList();
        }
    }

    private static RevCommit commit(Path repoPath, String ref) throws Exception {
        try (Git git = Git.open(repoPath.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            RevCommit commit = walk.parseCommit(git.getRepository().resolve(ref));
            walk.parseHeaders(commit.getParent(0));
            return commit;
        }
    }

    private static List<String> changedPaths(Path repoPath, RevCommit commit) throws Exception {
        try (Git git = Git.open(repoPath.toFile()); RevWalk walk = new RevWalk(git.getRepository());
             var reader = git.getRepository().newObjectReader()) {
            CanonicalTreeParser parent = new CanonicalTreeParser();
            parent.reset(reader, walk.parseCommit(commit.getParent(0)).getTree());
            CanonicalTreeParser tree = new CanonicalTreeParser();
            tree.reset(reader, walk.parseCommit(commit).getTree());
            return git.diff().setOldTree(parent).setNewTree(tree).call().stream().map(DiffEntry::getNewPath).toList();
        }
    }

    private static String fileAt(Path repoPath, RevCommit commit, String path) throws Exception {
        try (Git git = Git.open(repoPath.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            Repository r = git.getRepository();
            try (var tw = org.eclipse.jgit.treewalk.TreeWalk.forPath(r, path, walk.parseCommit(commit).getTree())) {
                return new String(r.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /** The git notes (comments) on {@code commit}, as {@code git notes --ref=meta-supervisor show} prints them. */
    private static String note(Path repoPath, RevCommit commit) throws Exception {
        try (Git git = Git.open(repoPath.toFile())) {
            org.eclipse.jgit.notes.Note note = git.notesShow().setNotesRef(LocalGitRepository.NOTES_REF).setObjectId(commit).call();
            return new String(git.getRepository().open(note.getData()).getBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    /** The body whatever the status (/health answers 503 while any indicator is DOWN). */
    private static String body(String url) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    /** The status of GET {@code url} with {@code token} (none when null). */
    private static int status(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            request.header("Authorization", TestCredentials.bearer(token));
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        }
    }

    private static String get(String url) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
            return response.body();
        }
    }
}
