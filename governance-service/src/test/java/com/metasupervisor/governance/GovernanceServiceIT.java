package com.metasupervisor.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.metasupervisor.avro.AgentLifecycle;
import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.AgentStatus;
import com.metasupervisor.avro.DecisionEffect;
import com.metasupervisor.avro.DecisionSubjectKind;
import com.metasupervisor.avro.GovernanceAction;
import com.metasupervisor.avro.GovernanceDecision;
import com.metasupervisor.avro.OpsAction;
import com.metasupervisor.avro.RegimeState;
import com.metasupervisor.avro.StrategyLimits;
import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.avro.StrategyState;
import com.metasupervisor.avro.StrategyStatus;
import com.metasupervisor.configrepo.ProposedChange;
import com.metasupervisor.configrepo.PullRequest;
import com.metasupervisor.configrepo.localgit.LocalGitRepository;
import com.metasupervisor.platform.LocalPlatform;
import com.metasupervisor.platform.SharedPlatformExtension;
import com.metasupervisor.platform.credentials.AccessTokens;
import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.testkit.CatalogRecords;
import com.metasupervisor.testkit.RestProbe;
import com.metasupervisor.testkit.ServiceInstances;
import com.metasupervisor.testkit.TestCredentials;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.awaitility.core.ConditionFactory;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * governance-service on the real broker and registry with a real local git repository as its config repository (SPEC §6,
 * issue 12 acceptance 5 and 7), started as it runs (its application.yml; the repository's path, a 1 s sync interval
 * and the operator secret as configuration). One scenario, each phase waiting on what the service publishes:
 * <ol>
 *   <li>the manifest a person wrote (comments, key order) is synced: {@code agents.registry} carries its agents and
 *       {@code governance.strategy-limits} the kill list, stamped with the base commit;</li>
 *   <li>a CVaR breach of the macro class in RANGE while RANGE is the current regime disables the class (reasons,
 *       metrics, regime) and retires every agent of it at once, read_committed;</li>
 *   <li>a CANDIDATE meeting PROMOTE on three evaluations 6 h apart (event time) gets a PROMOTE decision and stays
 *       CANDIDATE; a person merging the proposed manifest change into main makes it LIVE;</li>
 *   <li>an operator's KILL over REST acts at once, with who and why; without a token: 401 and nothing on control.ops;</li>
 *   <li>a malformed manifest committed on main is reported with file, line and key; nothing changes.</li>
 * </ol>
 * Each run has its own agents and classes (names suffixed by a run id): the shared platform's topics may hold other
 * tests' records, which the service reads from the beginning.
 */
@ExtendWith(SharedPlatformExtension.class)
class GovernanceServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MANIFEST = "agents/manifest.yaml";
    private static final String KILL_LIST = "meta_supervisor/kill_list.yaml";
    private static final double RANGE_LIMIT_BPS = 90;
    private static final double BREACH_BPS = 150;

    @Test
    void syncBreachPromotionManualKillAndAMalformedManifest(LocalPlatform platform, @TempDir Path dir) throws Exception {
        Fleet fleet = new Fleet(UUID.randomUUID().toString().substring(0, 8));
        Path repoPath = dir.resolve("config-repo");
        try (LocalGitRepository seeded = LocalGitRepository.init(repoPath, "main",
                Map.of(MANIFEST, fleet.manifest(AgentLifecycle.CANDIDATE), KILL_LIST, fleet.killList()))) {
            assertThat(seeded.read(MANIFEST)).isPresent();
        }
        RevCommit seed = head(repoPath);

        try (Outputs out = new Outputs(platform);
             FutureTimestamps futureTimestamps = new FutureTimestamps(platform);
             EmbeddedServer server = ServiceInstances.start(platform, "governance-it-" + fleet.run, "governance-" + fleet.run, Map.of(
                     "governance.config-repo.path", repoPath.toString(),
                     "governance.config-repo.sync-interval", "PT1S"))) { // the token secret: TestCredentials'
            ServiceInstances.awaitRunning(server);
            String base = ServiceInstances.baseUrl(server);

            // (a) the person's manifest and kill list on agents.registry and governance.strategy-limits, stamped with the commit
            out.registry.await(fleet.agents().size() + " agents of the manifest", r -> r.latestOfAll(fleet.agents()));
            for (String agent : fleet.agents()) {
                AgentManifest entry = out.registry.latest(agent);
                assertThat(entry.getStrategyClass()).as("class of %s", agent).isEqualTo(fleet.classOf(agent));
                assertThat(entry.getStatus()).as("status of %s", agent)
                        .isEqualTo(agent.equals(fleet.candidate) ? AgentLifecycle.CANDIDATE : AgentLifecycle.LIVE);
                assertThat(entry.getOwner()).isEqualTo(fleet.ownerOf(agent));
                assertThat(entry.getUpdatedAt()).as("updated_at = the base commit's time").isEqualTo(commitTime(seed));
            }
            StrategyLimits macroLimits = out.limits.await("the macro class's limits", r -> r.latestOfAll(List.of(fleet.macro)))
                    .latest(fleet.macro);
            assertThat(macroLimits.getStatus()).isEqualTo(StrategyState.ACTIVE);
            assertThat(macroLimits.getMaxCvarErrorBps()).containsExactlyInAnyOrderEntriesOf(Map.of("TREND", 120.0, "RANGE", RANGE_LIMIT_BPS));
            assertThat(macroLimits.getSourceCommit()).isEqualTo(seed.getName());
            // the governor has taken the manifest in: every agent has an effective status
            out.statuses.await("a status of every agent from the manifest", r -> r.latestOfAll(fleet.agents()));
            await("the governor knows every agent").atMost(WAIT).ignoreExceptions().until(() -> fleet.agents().stream()
                    .allMatch(a -> status(base, a).equals(a.equals(fleet.candidate) ? "CANDIDATE" : "LIVE")));

            // (b) a CVaR breach of macro in RANGE, RANGE current: macro DISABLED, its agents RETIRED at once
            Instant breachAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            CatalogRecords.produce(platform, Topics.MARKET_REGIME, r -> "current", List.of(RegimeState.newBuilder().setRegime("RANGE")
                    .setRiskMultiplier(null).setSource("ops").setAsOf(breachAt).build()));
            CatalogRecords.produce(platform, Topics.RISK_STRATEGY_CVAR,
                    r -> r.getStrategyClass() + "|" + r.getRegime() + "|" + r.getHorizonHours(), List.of(cvar(fleet.macro, "RANGE", breachAt)));
            StrategyStatus disabled = out.strategies.await("macro DISABLED",
                    r -> r.latestMatches(fleet.macro, s -> s.getStatus() == StrategyState.DISABLED)).latest(fleet.macro);
            assertThat(disabled.getRegime()).isEqualTo("RANGE");
            assertThat(disabled.getReasons()).anySatisfy(reason -> assertThat(reason).startsWith("class_cvar").contains("RANGE"));
            assertThat(disabled.getMetrics()).containsValue(BREACH_BPS);
            assertThat(disabled.getDecisionId()).isNotNull();
            GovernanceDecision disable = out.decisions.await("DISABLE_CLASS of macro",
                    r -> r.anyMatches(fleet.macro, d -> d.getAction() == GovernanceAction.DISABLE_CLASS)).first(fleet.macro,
                    d -> d.getAction() == GovernanceAction.DISABLE_CLASS);
            assertThat(disable.getDecisionId()).isEqualTo(disabled.getDecisionId()).endsWith(":DISABLE_CLASS")
                    .startsWith(fleet.macro + "@");
            assertThat(disable.getSubjectKind()).isEqualTo(DecisionSubjectKind.STRATEGY_CLASS);
            assertThat(disable.getEffect()).isEqualTo(DecisionEffect.AT_ONCE);
            assertThat(disable.getDryRun()).isFalse();
            assertThat(disable.getRegime()).isEqualTo("RANGE");
            assertThat(disable.getPreviousStrategyStatus()).isEqualTo(StrategyState.ACTIVE);
            assertThat(disable.getReasons()).anySatisfy(reason -> assertThat(reason).startsWith("class_cvar"));
            assertThat(disable.getMetrics()).containsValue(BREACH_BPS);
            out.statuses.await("every macro agent RETIRED", r -> fleet.macroAgents.stream()
                    .allMatch(a -> r.latestMatches(a, s -> s.getStatus() == AgentLifecycle.RETIRED)));
            for (String agent : fleet.macroAgents) {
                AgentStatus retired = out.statuses.latest(agent);
                assertThat(retired.getSource()).isEqualTo("decision");
                assertThat(retired.getReason()).isNotBlank();
                GovernanceDecision retire = out.decisions.await("RETIRE of " + agent,
                        r -> r.anyMatches(agent, d -> d.getAction() == GovernanceAction.RETIRE)).first(agent,
                        d -> d.getAction() == GovernanceAction.RETIRE);
                assertThat(retired.getDecisionId()).isEqualTo(retire.getDecisionId());
                assertThat(retire.getPreviousStatus()).isEqualTo(AgentLifecycle.LIVE);
                assertThat(retire.getStrategyClass()).isEqualTo(fleet.macro);
                assertThat(retire.getEffect()).isEqualTo(DecisionEffect.AT_ONCE);
                assertThat(retire.getReasons()).anySatisfy(reason -> assertThat(reason).startsWith("retire_class_disabled"));
                assertThat(status(base, agent)).isEqualTo("RETIRED");
            }
            out.statuses.drain();
            assertThat(out.statuses.latest(fleet.victim).getStatus()).as("another class's agent").isEqualTo(AgentLifecycle.LIVE);
            assertThat(strategyStatus(base, fleet.macro)).isEqualTo("DISABLED");

            // (c) PROMOTE after three evaluations 6 h apart in event time; the agent stays CANDIDATE until main says LIVE.
            // The governor's "now" is the newest record timestamp it has seen (about the wall clock here), so the three
            // evaluations lie ahead of it: from a minute ahead to 12 h ahead
            futureTimestamps.allow();
            Instant first = Instant.now().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MILLIS);
            Instant third = first.plus(Duration.ofHours(12));
            List<Instant> evaluations = List.of(first, first.plus(Duration.ofHours(6)), third);
            produceAt(platform, Topics.RISK_AGENT_STATS, fleet.candidate,
                    evaluations.stream().map(t -> promotable(fleet.candidate, fleet.arb, t)).toList(), evaluations);
            GovernanceDecision promote = out.decisions.await("PROMOTE of the candidate",
                    r -> r.anyMatches(fleet.candidate, d -> d.getAction() == GovernanceAction.PROMOTE)).first(fleet.candidate,
                    d -> d.getAction() == GovernanceAction.PROMOTE);
            assertThat(promote.getDecidedAt()).as("decided on the third evaluation").isEqualTo(third);
            assertThat(promote.getPreviousStatus()).isEqualTo(AgentLifecycle.CANDIDATE);
            assertThat(promote.getEffect()).isEqualTo(DecisionEffect.THROUGH_CONFIG_REPO);
            assertThat(promote.getDryRun()).isFalse();
            assertThat(promote.getReasons()).anySatisfy(reason -> assertThat(reason).startsWith("promote"));
            assertThat(out.decisions.all(fleet.candidate)).as("one PROMOTE").filteredOn(d -> d.getAction() == GovernanceAction.PROMOTE)
                    .hasSize(1);
            out.statuses.drain(); // every status of the PROMOTE's transaction is read
            assertThat(out.statuses.latest(fleet.candidate).getStatus()).as("PROMOTE acts through the repository only")
                    .isEqualTo(AgentLifecycle.CANDIDATE);
            assertThat(status(base, fleet.candidate)).isEqualTo("CANDIDATE");

            String promoted = fleet.manifest(AgentLifecycle.LIVE);
            PullRequest pr;
            try (LocalGitRepository repo = LocalGitRepository.open(repoPath, "main")) {
                pr = repo.propose(new ProposedChange("meta/promote-" + fleet.run, "Meta-Supervisor: Promotions",
                        "### PROMOTIONS\n- " + fleet.candidate + "\n", Map.of(MANIFEST, promoted)));
            }
            assertThat(head(repoPath)).as("a proposal leaves main alone").isEqualTo(seed);
            RevCommit merge = personMerges(repoPath, pr.branch());
            out.statuses.await("the candidate LIVE from the repository",
                    r -> r.latestMatches(fleet.candidate, s -> s.getStatus() == AgentLifecycle.LIVE));
            assertThat(out.statuses.latest(fleet.candidate).getSource()).isEqualTo("config_repo");
            assertThat(out.registry.await("the merged manifest", r -> r.latestMatches(fleet.candidate,
                    m -> m.getStatus() == AgentLifecycle.LIVE)).latest(fleet.candidate).getUpdatedAt()).isEqualTo(commitTime(merge));
            await("REST: the candidate LIVE").atMost(WAIT).ignoreExceptions().until(() -> status(base, fleet.candidate).equals("LIVE"));

            // (d) manual KILL: refused without a token (nothing on control.ops), done at once with one
            String killUrl = base + "/ops/agents/" + encode(fleet.victim) + "/kill";
            String why = "positions out of mandate (run " + fleet.run + ")";
            RestProbe.problem(post(killUrl, null, why), 401);
            RestProbe.problem(post(killUrl, AccessTokens.issue(AccessTokens.newSecret(), "ops-eve", AccessTokens.OPERATOR, Instant.now(),
                    Duration.ofMinutes(10)), why), 401);
            RestProbe.problem(post(killUrl, TestCredentials.agent(fleet.victim), why), 403);
            HttpResponse<String> accepted = post(killUrl, TestCredentials.operator("ops-alice"), why);
            assertThat(accepted.statusCode()).as("POST %s: %s", killUrl, accepted.body()).isEqualTo(202);
            AgentStatus killed = out.statuses.await("the victim KILLED",
                    r -> r.latestMatches(fleet.victim, s -> s.getStatus() == AgentLifecycle.KILLED)).latest(fleet.victim);
            assertThat(killed.getSource()).isEqualTo("operator");
            assertThat(killed.getReason()).contains("ops-alice").contains(why);
            out.ops.drain();
            assertThat(out.ops.all(fleet.victim)).as("control.ops: only the authenticated request").singleElement().satisfies(op -> {
                assertThat(op.getAction().name()).isEqualTo("KILL_AGENT");
                assertThat(op.getRequestedBy()).isEqualTo("ops-alice");
                assertThat(op.getReason()).isEqualTo(why);
            });
            GovernanceDecision kill = out.decisions.await("KILL of the victim",
                    r -> r.anyMatches(fleet.victim, d -> d.getAction() == GovernanceAction.KILL)).first(fleet.victim,
                    d -> d.getAction() == GovernanceAction.KILL);
            assertThat(kill.getDecisionId()).isEqualTo(killed.getDecisionId());
            assertThat(kill.getReasons()).anySatisfy(reason -> assertThat(reason).startsWith("manual").contains("ops-alice").contains(why));
            assertThat(status(base, fleet.victim)).isEqualTo("KILLED");

            // (e) a malformed manifest on main: reported with file, line and key; the last good one stays in force
            String malformed = promoted.replace(fleet.statusLine(fleet.macroAgents.getFirst(), "LIVE"),
                            fleet.statusLine(fleet.macroAgents.getFirst(), "LIVEE"))
                    .replace(fleet.statusLine(fleet.candidate, "LIVE"), fleet.statusLine(fleet.candidate, "RETIRED"));
            assertThat(malformed).isNotEqualTo(promoted);
            int badLine = lineOf(malformed, "LIVEE");
            out.registry.drain();
            out.statuses.drain();
            int registryBefore = out.registry.count();
            int statusesBefore = out.statuses.count();
            RevCommit bad = personCommits(repoPath, malformed, "fleet: macro desk status");
            JsonNode problem = await("GET /config reporting the malformed manifest").atMost(WAIT).ignoreExceptions()
                    .until(() -> problemOf(RestProbe.json(base + "/config"), bad.getName()), p -> p != null);
            assertThat(problem.get("file").asText()).isEqualTo(MANIFEST);
            assertThat(problem.get("line").asInt()).isEqualTo(badLine);
            assertThat(problem.get("key").asText()).isEqualTo("agents[0].status");
            assertThat(problem.get("message").asText()).contains("LIVEE");
            JsonNode config = RestProbe.json(base + "/config");
            assertThat(config.at("/last_good/commit").asText()).as("the last good revision stays in force").isEqualTo(merge.getName());
            out.registry.drain();
            out.statuses.drain();
            assertThat(out.registry.count()).as("nothing published for the malformed manifest").isEqualTo(registryBefore);
            assertThat(out.statuses.count()).as("no status changed").isEqualTo(statusesBefore);
            assertThat(status(base, fleet.candidate)).isEqualTo("LIVE");
            assertThat(status(base, fleet.macroAgents.getFirst())).isEqualTo("RETIRED");
            assertThat(status(base, fleet.victim)).isEqualTo("KILLED");
        }
    }

    /** The agents and classes of one run: two macro agents, a candidate and a LIVE agent of class arb. */
    private static final class Fleet {
        final String run;
        final String macro;
        final String arb;
        final List<String> macroAgents;
        final String candidate;
        final String victim;

        Fleet(String run) {
            this.run = run;
            macro = "macro-" + run;
            arb = "arb-" + run;
            macroAgents = List.of("macro-rates-" + run, "macro-fx-" + run);
            candidate = "arb-candidate-" + run;
            victim = "arb-live-" + run;
        }

        List<String> agents() {
            List<String> all = new ArrayList<>(macroAgents);
            all.add(candidate);
            all.add(victim);
            return all;
        }

        String classOf(String agent) {
            return macroAgents.contains(agent) ? macro : arb;
        }

        String ownerOf(String agent) {
            return macroAgents.contains(agent) ? "desk-macro" : "desk-arb";
        }

        /** The status line of {@code agent}'s entry as the person writes it (unique: it carries a comment naming the agent). */
        String statusLine(String agent, String status) {
            return "    status: " + status + "   # " + agent;
        }

        /** The manifest as a person writes it: comments, their own key order, a flow-style entry. */
        String manifest(AgentLifecycle candidateStatus) {
            return """
                    # The fleet (run %1$s). A person edits this; Meta-Supervisor proposes changes by pull request.
                    agents:
                      # macro desk: both go if the class is disabled
                      - agent: %2$s
                        strategy_class: %3$s
                    %4$s
                        owner: desk-macro
                      - strategy_class: %3$s      # key order is the person's
                        agent: %5$s
                    %6$s
                        owner: desk-macro

                      # arb desk
                      - agent: %7$s
                        strategy_class: %8$s
                    %9$s
                        owner: desk-arb
                      - {agent: %10$s, strategy_class: %8$s, status: LIVE, owner: desk-arb}
                    """.formatted(run, macroAgents.get(0), macro, statusLine(macroAgents.get(0), "LIVE"), macroAgents.get(1),
                    statusLine(macroAgents.get(1), "LIVE"), candidate, arb, statusLine(candidate, candidateStatus.name()), victim);
        }

        /** SPEC §6's macro limits for this run's macro class; arb only by regime (no rows are attributed to it here). */
        String killList() {
            return """
                    # Strategy kill list (run %1$s). A person edits this; governance only reads it.
                    %2$s:
                      by_regime:
                        TREND:
                          max_cvar_error_bps: 120
                        RANGE:
                          max_cvar_error_bps: %3$.0f   # tightened after March
                    %4$s:
                      status: ACTIVE
                      by_regime:
                        TREND:
                          max_cvar_error_bps: 140
                    """.formatted(run, macro, RANGE_LIMIT_BPS, arb);
        }
    }

    private static StrategyRegimeRisk cvar(String strategyClass, String regime, Instant at) {
        return StrategyRegimeRisk.newBuilder().setStrategyClass(strategyClass).setRegime(regime).setHorizonHours(24).setN(40)
                .setCvar95ShortfallBps(BREACH_BPS).setVar95Bps(80).setMeanErrorBps(-12).setHitRate(0.47).setPnlSumBps(-300)
                .setWindowStart(at.minus(Duration.ofDays(20))).setWindowEnd(at).setUpdatedAt(at).build();
    }

    /** Figures meeting every PROMOTE criterion (n ≥ 100, Sharpe ≥ 1, win rate ≥ 0.5, drawdown ≥ −200) and no other rule. */
    private static AgentStats promotable(String agent, String strategyClass, Instant at) {
        return AgentStats.newBuilder().setAgent(agent).setStrategyClass(strategyClass).setHorizonHours(24).setN(150)
                .setPnl7dBps(80).setPnl30dBps(320).setPnlSumBps(600).setSharpe30d(1.6).setWinrate30d(0.58).setHitRate(0.57)
                .setMaxDrawdown30dBps(-60).setErrorRate(0.01).setUnpricedRate(0).setAvgAbsErrorBps(22.0).setRmseBps(30.0)
                .setConfidenceMultiplier(0.95).setLastMaturedAt(at).setUpdatedAt(at).build();
    }

    /**
     * Record timestamps ahead of the broker's clock, while the test needs them: Kafka 4 refuses those more than 1 h ahead
     * ({@code log.message.timestamp.after.max.ms}), and an event-time test must move hours ahead of the records already
     * read. The governor stamps what it writes (its repartition, changelogs, outputs) with its event time, so the limit is
     * lifted for every topic (the cluster-wide default) and put back when closed, after the service has stopped.
     */
    private static final class FutureTimestamps implements AutoCloseable {
        private static final String BROKER_KEY = "log.message.timestamp.after.max.ms";
        private static final ConfigResource CLUSTER_DEFAULT = new ConfigResource(ConfigResource.Type.BROKER, "");
        private final LocalPlatform platform;
        private boolean allowed;

        FutureTimestamps(LocalPlatform platform) {
            this.platform = platform;
        }

        void allow() throws Exception {
            String unbounded = Long.toString(Long.MAX_VALUE);
            ConfigResource stats = new ConfigResource(ConfigResource.Type.TOPIC, Topics.RISK_AGENT_STATS.name());
            try (Admin admin = platform.admin()) {
                admin.incrementalAlterConfigs(Map.of(CLUSTER_DEFAULT, List.of(new AlterConfigOp(new ConfigEntry(BROKER_KEY, unbounded),
                        AlterConfigOp.OpType.SET)))).all().get();
                allowed = true;
                await("the broker applying " + BROKER_KEY).atMost(WAIT).until(() -> unbounded.equals(
                        admin.describeConfigs(List.of(stats)).all().get().get(stats).get(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG).value()));
            }
        }

        @Override
        public void close() throws Exception {
            if (allowed) {
                try (Admin admin = platform.admin()) {
                    admin.incrementalAlterConfigs(Map.of(CLUSTER_DEFAULT, List.of(new AlterConfigOp(new ConfigEntry(BROKER_KEY, null),
                            AlterConfigOp.OpType.DELETE)))).all().get();
                }
            }
        }
    }

    /** Writes {@code values} keyed {@code key}, each with its record timestamp (event time), in order. */
    private static <V extends SpecificRecord> void produceAt(LocalPlatform platform, Topic<V> topic, String key, List<V> values,
                                                             List<Instant> timestamps) throws Exception {
        try (Serde<V> serde = topic.valueSerde(platform.registry());
             KafkaProducer<String, V> producer = new KafkaProducer<>(platform.clientProperties(), topic.keySerde().serializer(),
                     serde.serializer())) {
            for (int i = 0; i < values.size(); i++) {
                ProducerRecord<String, V> record = new ProducerRecord<>(topic.name(), null, timestamps.get(i).toEpochMilli(), key, values.get(i));
                // a refused timestamp (the topic's new limit not yet applied) writes nothing: sent again until taken
                await("record " + i + " of " + key + " taken").atMost(WAIT).ignoreExceptions().until(() -> producer.send(record).get() != null);
            }
        }
    }

    private static RevCommit head(Path repo) throws Exception {
        try (Git git = Git.open(repo.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            return walk.parseCommit(git.getRepository().resolve("refs/heads/main"));
        }
    }

    private static Instant commitTime(RevCommit commit) {
        return Instant.ofEpochSecond(commit.getCommitTime());
    }

    /** A person merges the proposed branch into main (the working tree has main checked out), as {@code git merge} does. */
    private static RevCommit personMerges(Path repo, String branch) throws Exception {
        try (Git git = Git.open(repo.toFile())) {
            assertThat(git.getRepository().getBranch()).isEqualTo("main");
            MergeResult merged = git.merge().include(git.getRepository().exactRef("refs/heads/" + branch)).call();
            assertThat(merged.getMergeStatus().isSuccessful()).as("merge of %s: %s", branch, merged).isTrue();
        }
        return head(repo);
    }

    /** A person edits the manifest in the working tree and commits it on main. */
    private static RevCommit personCommits(Path repo, String manifest, String message) throws Exception {
        Files.writeString(repo.resolve(MANIFEST), manifest, StandardCharsets.UTF_8);
        try (Git git = Git.open(repo.toFile())) {
            git.add().addFilepattern(MANIFEST).call();
            PersonIdent person = new PersonIdent("Dana Desk", "dana@desk.example"); // stamped now
            return git.commit().setAuthor(person).setCommitter(person).setSign(false).setNoVerify(true).setMessage(message).call();
        }
    }

    private static int lineOf(String text, String needle) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in " + text);
    }

    /** The problem GET /config reports for the manifest once it has tried {@code commit}; null before. */
    private static JsonNode problemOf(JsonNode config, String commit) {
        if (!commit.equals(config.path("last_attempt_commit").asText())) {
            return null;
        }
        for (JsonNode problem : config.path("problems")) {
            if (problem.path("file").asText().equals(MANIFEST)) {
                return problem;
            }
        }
        return null;
    }

    /** GET /agents/{agent}/status's status (a failed request or another answer than 200 throws). */
    private static String status(String base, String agent) {
        try {
            return RestProbe.json(base + "/agents/" + encode(agent) + "/status").get("status").asText();
        } catch (IOException e) {
            throw new IllegalStateException("GET the status of " + agent + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * GET /strategies/{class}/status's status; its fields snake_case but for the keys of {@code max_cvar_error_bps}, which are
     * regimes (data, as the kill list spells them).
     */
    private static String strategyStatus(String base, String strategyClass) throws Exception {
        String url = base + "/strategies/" + encode(strategyClass) + "/status";
        HttpResponse<String> response = RestProbe.get(url);
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        JsonNode json = RestProbe.json(response);
        JsonNode fieldsOnly = json.deepCopy();
        fieldsOnly.findParents("max_cvar_error_bps").forEach(parent -> ((ObjectNode) parent).set("max_cvar_error_bps", JSON.createObjectNode()));
        RestProbe.assertSnakeCase(fieldsOnly);
        return json.get("status").asText();
    }

    private static HttpResponse<String> post(String url, String bearer, String reason) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("reason", reason))));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return RestProbe.send(request.build());
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** What the service published on its output topics, read_committed from before it started, every record in order. */
    private static final class Outputs implements AutoCloseable {
        final Published<AgentManifest> registry;
        final Published<StrategyLimits> limits;
        final Published<AgentStatus> statuses;
        final Published<StrategyStatus> strategies;
        final Published<GovernanceDecision> decisions;
        final Published<OpsAction> ops;

        Outputs(LocalPlatform platform) {
            registry = new Published<>(platform.committedFromNow(Topics.AGENTS_REGISTRY));
            limits = new Published<>(platform.committedFromNow(Topics.GOVERNANCE_STRATEGY_LIMITS));
            statuses = new Published<>(platform.committedFromNow(Topics.GOVERNANCE_AGENT_STATUS));
            strategies = new Published<>(platform.committedFromNow(Topics.GOVERNANCE_STRATEGY_STATUS));
            decisions = new Published<>(platform.committedFromNow(Topics.GOVERNANCE_DECISIONS));
            ops = new Published<>(platform.committedFromNow(Topics.CONTROL_OPS));
        }

        @Override
        public void close() {
            List.of(registry, limits, statuses, strategies, decisions, ops).forEach(p -> p.consumer.close());
        }
    }

    /** One output topic: every record read so far (a tombstone is a null value), by key in the order read. */
    private static final class Published<V extends SpecificRecord> {
        private final KafkaConsumer<String, V> consumer;
        private final List<ConsumerRecord<String, V>> records = new ArrayList<>();

        Published(KafkaConsumer<String, V> consumer) {
            this.consumer = consumer;
        }

        void poll() {
            consumer.poll(Duration.ofMillis(50)).forEach(records::add);
        }

        /** Polls until {@code wanted} holds of what was read; returns this. */
        Published<V> await(String what, Predicate<Published<V>> wanted) {
            until(what).until(() -> {
                poll();
                return wanted.test(this);
            });
            return this;
        }

        /** Reads up to the end of every partition as it is now (read_committed: the last stable offset). */
        void drain() {
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            until("the end of " + consumer.assignment()).until(() -> {
                poll();
                return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
        }

        List<V> all(String key) {
            return records.stream().filter(r -> key.equals(r.key())).map(ConsumerRecord::value).toList();
        }

        int count() {
            return records.size();
        }

        V latest(String key) {
            List<V> values = all(key);
            return values.isEmpty() ? null : values.getLast();
        }

        V first(String key, Predicate<V> wanted) {
            return all(key).stream().filter(v -> v != null && wanted.test(v)).findFirst().orElseThrow();
        }

        boolean latestOfAll(List<String> keys) {
            return keys.stream().allMatch(k -> latest(k) != null);
        }

        boolean latestMatches(String key, Predicate<V> wanted) {
            V value = latest(key);
            return value != null && wanted.test(value);
        }

        boolean anyMatches(String key, Predicate<V> wanted) {
            return all(key).stream().anyMatch(v -> v != null && wanted.test(v));
        }

        private static ConditionFactory until(String what) {
            return org.awaitility.Awaitility.await(what).atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20));
        }
    }
}
