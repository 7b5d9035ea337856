package com.metasupervisor.governance.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.avro.AgentLifecycle;
import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.avro.AgentStatus;
import com.metasupervisor.avro.AlertTransition;
import com.metasupervisor.avro.DecisionEffect;
import com.metasupervisor.avro.DecisionSubjectKind;
import com.metasupervisor.avro.GovernanceAction;
import com.metasupervisor.avro.GovernanceDecision;
import com.metasupervisor.avro.OpsActionKind;
import com.metasupervisor.avro.StrategyLimits;
import com.metasupervisor.avro.StrategyState;
import com.metasupervisor.avro.StrategyStatus;
import com.metasupervisor.governance.config.DryRunSettings;
import com.metasupervisor.governance.config.RegimeSettings;
import com.metasupervisor.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class GovernanceTopologyTest {

    private static Map<String, AgentStatus> latest(GovernanceDriver d) {
        return d.status.readKeyValuesToMap();
    }

    @Test
    void theManifestGivesEachAgentItsFirstStatusAndAKillActsAtOnceAndOnce() {
        try (GovernanceDriver d = new GovernanceDriver()) {
            d.manifest("arb_1", "arb", AgentLifecycle.LIVE);
            assertThat(d.status.readValue()).satisfies(s -> {
                assertThat(s.getStatus()).isEqualTo(AgentLifecycle.LIVE);
                assertThat(s.getSource()).isEqualTo("config_repo");
            });
            d.stats(GovernanceDriver.sound("arb_1", "arb"));
            assertThat(d.decisions.isEmpty()).isTrue();
            assertThat(d.status.isEmpty()).isTrue();

            d.stats(GovernanceDriver.sound("arb_1", "arb").setMaxDrawdown30dBps(-500)); // the boundary: <= -500 kills
            GovernanceDecision kill = d.decisions.readValue();
            assertThat(kill.getAction()).isEqualTo(GovernanceAction.KILL);
            assertThat(kill.getEffect()).isEqualTo(DecisionEffect.AT_ONCE);
            assertThat(kill.getPreviousStatus()).isEqualTo(AgentLifecycle.LIVE);
            assertThat(kill.getReasons()).anySatisfy(r -> assertThat(r).startsWith("kill_drawdown: max_drawdown_30d -500.0 bps <= -500.0"));
            assertThat(kill.getMetrics()).containsEntry("max_drawdown_30d_bps", -500.0);
            assertThat(kill.getDecisionId()).isEqualTo("arb_1@" + kill.getDecidedAt().toEpochMilli() + ":KILL");
            AgentStatus killed = d.status.readValue();
            assertThat(killed.getStatus()).isEqualTo(AgentLifecycle.KILLED);
            assertThat(killed.getSource()).isEqualTo("decision");
            assertThat(killed.getDecisionId()).isEqualTo(kill.getDecisionId());
            assertThat(killed.getReason()).contains("kill_drawdown");

            // the same figures again: no repeated decision, no status record
            d.stats(GovernanceDriver.sound("arb_1", "arb").setMaxDrawdown30dBps(-520));
            assertThat(d.decisions.isEmpty()).isTrue();
            assertThat(d.status.isEmpty()).isTrue();
            // the manifest sync republishing the same file changes nothing either
            d.manifest("arb_1", "arb", AgentLifecycle.LIVE);
            assertThat(d.status.isEmpty()).isTrue();
        }
    }

    @Test
    void aCvarBreachInRangeDisablesTheClassOnlyWhileRangeIsCurrentAndRetiresEveryAgentOfIt() {
        try (GovernanceDriver d = new GovernanceDriver()) {
            d.limits("macro", StrategyState.ACTIVE, null, null, Map.of("TREND", 120.0, "RANGE", 90.0));
            d.manifest("macro_1", "macro", AgentLifecycle.LIVE);
            d.manifest("macro_2", "macro", AgentLifecycle.CANDIDATE);
            d.manifest("arb_1", "arb", AgentLifecycle.LIVE);
            d.regime("TREND");
            d.cvar("macro", "RANGE", 150, 40);
            d.cvar("macro", "TREND", 100, 40); // within TREND's 120
            assertThat(d.decisions.readValuesToList()).isEmpty();
            assertThat(d.topology.<StrategyStatus>store(GovernanceTopology.STRATEGY_STATUS_STORE).get("macro").getStatus())
                    .isEqualTo(StrategyState.ACTIVE);
            d.status.readValuesToList();
            d.strategies.readValuesToList();

            d.regime("RANGE");
            List<GovernanceDecision> decisions = d.decisions.readValuesToList();
            assertThat(decisions).first().satisfies(disable -> {
                assertThat(disable.getAction()).isEqualTo(GovernanceAction.DISABLE_CLASS);
                assertThat(disable.getSubjectKind()).isEqualTo(DecisionSubjectKind.STRATEGY_CLASS);
                assertThat(disable.getAgent()).isEqualTo("macro");
                assertThat(disable.getRegime()).isEqualTo("RANGE");
                assertThat(disable.getPreviousStrategyStatus()).isEqualTo(StrategyState.ACTIVE);
                assertThat(disable.getReasons()).anySatisfy(r -> assertThat(r).startsWith("class_cvar: cvar95_shortfall_bps 150.0 > 90.0"));
            });
            assertThat(decisions.subList(1, decisions.size())).extracting(GovernanceDecision::getAgent, GovernanceDecision::getAction)
                    .containsExactlyInAnyOrder(new org.assertj.core.groups.Tuple("macro_1", GovernanceAction.RETIRE),
                            new org.assertj.core.groups.Tuple("macro_2", GovernanceAction.RETIRE));
            StrategyStatus disabled = d.strategies.readValue();
            assertThat(disabled.getStatus()).isEqualTo(StrategyState.DISABLED);
            assertThat(disabled.getRegime()).isEqualTo("RANGE");
            assertThat(disabled.getMetrics()).containsEntry("cvar95_shortfall_bps", 150.0).containsEntry("limit_max_cvar_error_bps", 90.0);
            assertThat(latest(d)).containsOnlyKeys("macro_1", "macro_2")
                    .allSatisfy((agent, s) -> assertThat(s.getStatus()).isEqualTo(AgentLifecycle.RETIRED));

            // re-enabling waits for the base branch: the regime moving back to TREND does not re-enable
            d.regime("TREND");
            assertThat(d.strategies.isEmpty()).isTrue();
            // the recording PR is merged (the file says DISABLED), then a person re-enables it in the file
            d.limits("macro", StrategyState.DISABLED, null, null, Map.of("TREND", 120.0, "RANGE", 90.0));
            assertThat(d.strategies.isEmpty()).isTrue();
            d.limits("macro", StrategyState.ACTIVE, null, null, Map.of("TREND", 120.0, "RANGE", 90.0));
            assertThat(d.strategies.readValue()).satisfies(s -> {
                assertThat(s.getStatus()).isEqualTo(StrategyState.ACTIVE);
                assertThat(s.getSource()).isEqualTo("config_repo");
            });
            assertThat(d.decisions.readValuesToList()).extracting(GovernanceDecision::getAction).containsExactly(GovernanceAction.ENABLE_CLASS);
            assertThat(d.status.isEmpty()).as("its agents stay RETIRED until the manifest says otherwise").isTrue();
        }
    }

    @Test
    void aClassWithFewerCvarRowsThanTheMinimumIsNotJudged() {
        try (GovernanceDriver d = new GovernanceDriver()) {
            d.limits("macro", StrategyState.ACTIVE, null, null, Map.of("RANGE", 90.0));
            d.regime("RANGE");
            d.cvar("macro", "RANGE", 500, 29);
            assertThat(d.decisions.isEmpty()).isTrue();
            d.cvar("macro", "RANGE", 500, 30);
            assertThat(d.decisions.readValue().getAction()).isEqualTo(GovernanceAction.DISABLE_CLASS);
        }
    }

    @Test
    void theClassPnlCurveDrawingDownPastItsLimitDisablesIt() {
        try (GovernanceDriver d = new GovernanceDriver()) {
            d.limits("arb", StrategyState.ACTIVE, -250.0, null, Map.of());
            d.manifest("arb_1", "arb", AgentLifecycle.LIVE);
            d.row("arb_1", "arb", 100);
            d.row("arb_1", "arb", -200);
            d.row("arb_1", "arb", -50); // drawdown -250: not past the limit
            assertThat(d.decisions.isEmpty()).isTrue();
            d.row("arb_1", "arb", -1);
            GovernanceDecision disable = d.decisions.readValue();
            assertThat(disable.getAction()).isEqualTo(GovernanceAction.DISABLE_CLASS);
            assertThat(disable.getMetrics()).containsEntry("max_drawdown_bps", -251.0).containsEntry("rows", 4.0);
            assertThat(d.decisions.readValue().getAction()).isEqualTo(GovernanceAction.RETIRE);
        }
    }

    @Test
    void promoteNeedsThreeCountedEvaluationsAndTakesEffectOnlyWhenTheManifestSaysLive() {
        try (GovernanceDriver d = new GovernanceDriver()) {
            d.manifest("cand", "funding", AgentLifecycle.CANDIDATE);
            d.status.readValuesToList();
            d.stats(GovernanceDriver.promotable("cand", "funding"));
            d.advance(Duration.ofHours(6));
            d.stats(GovernanceDriver.promotable("cand", "funding"));
            assertThat(d.decisions.isEmpty()).isTrue();
            d.advance(Duration.ofHours(6));
            d.stats(GovernanceDriver.promotable("cand", "funding"));
            GovernanceDecision promote = d.decisions.readValue();
            assertThat(promote.getAction()).isEqualTo(GovernanceAction.PROMOTE);
            assertThat(promote.getEffect()).isEqualTo(DecisionEffect.THROUGH_CONFIG_REPO);
            assertThat(d.status.isEmpty()).as("still CANDIDATE until the PR is merged").isTrue();

            d.manifest("cand", "funding", AgentLifecycle.LIVE); // the PR merged on the base branch
            AgentStatus live = d.status.readValue();
            assertThat(live.getStatus()).isEqualTo(AgentLifecycle.LIVE);
            assertThat(live.getSource()).isEqualTo("config_repo");
        }
    }

    @Test
    void anOpenDivergenceAlertHoldsTheCandidateNamingTheAlert() {
        try (GovernanceDriver d = new GovernanceDriver()) {
            d.manifest("cand", "funding", AgentLifecycle.CANDIDATE);
            d.divergence("cand", "alert-7", AlertTransition.OPENED);
            d.stats(GovernanceDriver.promotable("cand", "funding"));
            GovernanceDecision hold = d.decisions.readValue();
            assertThat(hold.getAction()).isEqualTo(GovernanceAction.HOLD);
            assertThat(hold.getEffect()).isEqualTo(DecisionEffect.NONE);
            assertThat(hold.getReasons()).anySatisfy(r -> assertThat(r).contains("blocked by open divergence alert alert-7"));
            d.stats(GovernanceDriver.promotable("cand", "funding"));
            assertThat(d.decisions.isEmpty()).as("on change only").isTrue();
        }
    }

    @Test
    void aRuleInDryRunPublishesItsDecisionFlaggedAndChangesNoStatus() {
        try (GovernanceDriver d = new GovernanceDriver(new DryRunSettings(java.util.Optional.of("kill_drawdown")))) {
            d.manifest("arb_1", "arb", AgentLifecycle.LIVE);
            d.status.readValuesToList();
            d.stats(GovernanceDriver.sound("arb_1", "arb").setMaxDrawdown30dBps(-700));
            GovernanceDecision dry = d.decisions.readValue();
            assertThat(dry.getAction()).isEqualTo(GovernanceAction.KILL);
            assertThat(dry.getDryRun()).isTrue();
            assertThat(dry.getEffect()).isEqualTo(DecisionEffect.NONE);
            assertThat(dry.getDecisionId()).endsWith(":KILL:dry-run");
            assertThat(d.status.isEmpty()).isTrue();
            assertThat(d.topology.<AgentStatus>store(GovernanceTopology.AGENT_STATUS_STORE).get("arb_1").getStatus())
                    .isEqualTo(AgentLifecycle.LIVE);
        }
    }

    @Test
    void anOperatorKillActsAtOnceWithWhoAndWhyAndAnInvalidActionIsDeadLettered() {
        try (GovernanceDriver d = new GovernanceDriver()) {
            d.manifest("arb_1", "arb", AgentLifecycle.LIVE);
            d.status.readValuesToList();
            d.operator(OpsActionKind.KILL_AGENT, "arb_1", "fat-finger orders", "alice");
            GovernanceDecision kill = d.decisions.readValue();
            assertThat(kill.getAction()).isEqualTo(GovernanceAction.KILL);
            assertThat(kill.getReasons()).singleElement().asString().startsWith("manual: manual KILL by alice at ").endsWith(": fat-finger orders");
            AgentStatus killed = d.status.readValue();
            assertThat(killed.getStatus()).isEqualTo(AgentLifecycle.KILLED);
            assertThat(killed.getSource()).isEqualTo("operator");

            d.operator(OpsActionKind.DISABLE_STRATEGY, "arb", "venue outage", "bob");
            assertThat(d.strategies.readValue()).satisfies(s -> {
                assertThat(s.getStatus()).isEqualTo(StrategyState.DISABLED);
                assertThat(s.getSource()).isEqualTo("operator");
            });
            assertThat(d.decisions.readValue().getReasons()).singleElement().asString().startsWith("manual: manual DISABLE by bob");

            d.operator(OpsActionKind.KILL_AGENT, "arb_2", " ", "mallory");
            assertThat(d.topology.deadLetters(Topics.CONTROL_OPS).readRecordsToList()).singleElement()
                    .satisfies(r -> assertThat(new String(r.headers().lastHeader("error.reason").value())).isEqualTo("reason_missing"));
            assertThat(d.decisions.isEmpty()).isTrue();
        }
    }

    @Test
    void anOperatorsWallClockStampDoesNotMoveTheFleetsEventTime() {
        try (GovernanceDriver d = new GovernanceDriver()) {
            d.limits("arb", StrategyState.ACTIVE, -250.0, null, Map.of());
            d.row("arb_1", "arb", 10);
            d.row("arb_1", "arb", -5);
            // an operator acts on another class; the record carries a wall clock 90 days ahead of the fleet's time
            d.ops.pipeInput(new org.apache.kafka.streams.test.TestRecord<>("macro", new com.metasupervisor.avro.OpsAction("op-x",
                    OpsActionKind.DISABLE_STRATEGY, "macro", "drill", "ops", d.now()), d.now().plus(Duration.ofDays(90))));
            d.row("arb_1", "arb", 1);
            StrategyStatus arb = d.topology.<StrategyStatus>store(GovernanceTopology.STRATEGY_STATUS_STORE).get("arb");
            assertThat(arb.getMetrics()).as("the 30-day window still holds the earlier rows").containsEntry("rows", 3.0);
        }
    }

    @Test
    void theDecisionHistoryKeepsEachSubjectsDecisionsOldestFirst() {
        try (GovernanceDriver d = new GovernanceDriver()) {
            d.manifest("arb_1", "arb", AgentLifecycle.LIVE);
            d.stats(GovernanceDriver.sound("arb_1", "arb").setErrorRate(0.2));
            d.operator(OpsActionKind.KILL_AGENT, "arb_1", "again", "alice");
            KeyValueStore<String, GovernanceDecision> history = d.topology.store(GovernanceTopology.HISTORY_STORE);
            String prefix = DecisionHistoryKey.prefix(DecisionSubjectKind.AGENT, "arb_1");
            List<KeyValue<String, GovernanceDecision>> rows = new java.util.ArrayList<>();
            history.range(prefix, DecisionHistoryKey.end(prefix)).forEachRemaining(rows::add);
            assertThat(rows).extracting(kv -> kv.value.getReasons().get(0))
                    .satisfiesExactly(r -> assertThat(r).startsWith("kill_error_rate"), r -> assertThat(r).startsWith("manual"));
        }
    }

    @Test
    void configPublishedAtWallTimeBeforeAReplayedFleetNeverStampsTheFleetsDecisions() {
        try (GovernanceDriver d = new GovernanceDriver()) {
            // the manifest sync publishes at start-up, on the wall clock; the replayed fleet runs 30 days behind it
            Instant wall = GovernanceDriver.T0.plus(Duration.ofDays(30));
            d.registry.pipeInput(new TestRecord<>("arb_1", new AgentManifest("arb_1", "arb", AgentLifecycle.LIVE, "desk", wall), wall));
            d.limits.pipeInput(new TestRecord<>("arb", new StrategyLimits("arb", StrategyState.ACTIVE, null, -250.0, null, Map.of(),
                    "c0ffee", wall), wall));
            TestRecord<String, AgentStatus> first = d.status.readRecord();
            assertThat(first.timestamp()).as("before any fleet record: its own time").isEqualTo(wall.toEpochMilli());
            assertThat(first.value().getUpdatedAt()).isEqualTo(wall);
            TestRecord<String, StrategyStatus> listed = d.strategies.readRecord();
            assertThat(listed.value().getStatus()).isEqualTo(StrategyState.ACTIVE);
            assertThat(listed.timestamp()).isEqualTo(wall.toEpochMilli());

            d.stats(GovernanceDriver.sound("arb_1", "arb").setMaxDrawdown30dBps(-600));
            Instant killedAt = d.now();
            TestRecord<String, GovernanceDecision> kill = d.decisions.readRecord();
            assertThat(kill.value().getAction()).isEqualTo(GovernanceAction.KILL);
            assertThat(kill.value().getDecidedAt()).isEqualTo(killedAt);
            assertThat(kill.timestamp()).isEqualTo(killedAt.toEpochMilli());
            TestRecord<String, AgentStatus> killed = d.status.readRecord();
            assertThat(killed.value().getUpdatedAt()).isEqualTo(killedAt);
            assertThat(killed.timestamp()).isEqualTo(killedAt.toEpochMilli());

            d.row("arb_2", "arb", -300);
            Instant disabledAt = d.now();
            TestRecord<String, GovernanceDecision> disable = d.decisions.readRecord();
            assertThat(disable.value().getAction()).isEqualTo(GovernanceAction.DISABLE_CLASS);
            assertThat(disable.value().getDecidedAt()).isEqualTo(disabledAt);
            TestRecord<String, StrategyStatus> arb = d.strategies.readRecord();
            assertThat(arb.value().getUpdatedAt()).isEqualTo(disabledAt);
            assertThat(arb.timestamp()).isEqualTo(disabledAt.toEpochMilli());

            // once the fleet has a time, a wall-clock config record acts at it (and does not move it)
            d.registry.pipeInput(new TestRecord<>("arb_3", new AgentManifest("arb_3", "arb", AgentLifecycle.CANDIDATE, "desk", wall), wall));
            List<TestRecord<String, AgentStatus>> later = d.status.readRecordsToList();
            assertThat(later).isNotEmpty().allSatisfy(r -> {
                assertThat(r.timestamp()).isEqualTo(disabledAt.toEpochMilli());
                assertThat(r.value().getUpdatedAt()).isEqualTo(disabledAt);
            });
            assertThat(d.decisions.readValuesToList()).extracting(GovernanceDecision::getDecidedAt).containsOnly(disabledAt);
            // an operator's action, requested and stamped on the wall clock: decided at the fleet's time, the reason keeps
            // when it was asked
            d.ops.pipeInput(new TestRecord<>("fx", new com.metasupervisor.avro.OpsAction("op-w", OpsActionKind.DISABLE_STRATEGY, "fx",
                    "drill", "ops", wall), wall));
            TestRecord<String, GovernanceDecision> manual = d.decisions.readRecord();
            assertThat(manual.value().getDecidedAt()).isEqualTo(disabledAt);
            assertThat(manual.timestamp()).isEqualTo(disabledAt.toEpochMilli());
            assertThat(manual.value().getReasons()).singleElement().asString().contains(" at " + wall + ": drill");
            d.stats(GovernanceDriver.sound("arb_4", "fx"));
            List<Long> stamps = new ArrayList<>();
            d.decisions.readRecordsToList().forEach(r -> stamps.add(r.timestamp()));
            d.status.readRecordsToList().forEach(r -> stamps.add(r.timestamp()));
            d.strategies.readRecordsToList().forEach(r -> stamps.add(r.timestamp()));
            assertThat(stamps).allSatisfy(t -> assertThat(t).isLessThan(wall.toEpochMilli()));
        }
    }

    @Test
    void withoutMarketRegimeTheMajorityOfTheNewestAlphaEventsIsTheCurrentRegime() {
        try (GovernanceDriver d = new GovernanceDriver(DryRunSettings.defaults(), new RegimeSettings(3))) {
            d.limits("macro", StrategyState.ACTIVE, null, null, Map.of("RANGE", 90.0));
            d.manifest("macro_1", "macro", AgentLifecycle.LIVE);
            d.cvar("macro", "RANGE", 150, 40);
            d.status.readValuesToList();
            d.event("macro_1", "TREND");
            d.event("macro_1", "TREND");
            d.event("macro_1", "RANGE");
            assertThat(d.decisions.isEmpty()).as("the newest 3: TREND, TREND, RANGE").isTrue();
            d.event("macro_1", " ");
            d.event("macro_1", "");
            assertThat(d.decisions.isEmpty()).isTrue();
            d.event("macro_1", "RANGE"); // events without a regime were not counted: TREND, RANGE, RANGE
            List<GovernanceDecision> decisions = d.decisions.readValuesToList();
            assertThat(decisions).first().satisfies(disable -> {
                assertThat(disable.getAction()).isEqualTo(GovernanceAction.DISABLE_CLASS);
                assertThat(disable.getRegime()).isEqualTo("RANGE");
                assertThat(disable.getReasons()).anySatisfy(r -> assertThat(r).startsWith("class_cvar: cvar95_shortfall_bps 150.0 > 90.0"));
            });
            assertThat(decisions).extracting(GovernanceDecision::getAgent, GovernanceDecision::getAction)
                    .contains(new org.assertj.core.groups.Tuple("macro_1", GovernanceAction.RETIRE));
            assertThat(d.strategies.readValuesToList()).last().satisfies(s -> {
                assertThat(s.getStatus()).isEqualTo(StrategyState.DISABLED);
                assertThat(s.getRegime()).isEqualTo("RANGE");
            });
        }
    }

    @Test
    void aMarketRegimeRecordOnceSeenWinsOverTheAlphaEventsMajority() {
        try (GovernanceDriver d = new GovernanceDriver(DryRunSettings.defaults(), new RegimeSettings(3))) {
            d.limits("macro", StrategyState.ACTIVE, null, null, Map.of("RANGE", 90.0));
            d.cvar("macro", "RANGE", 150, 40);
            d.regime("TREND");
            for (int i = 0; i < 3; i++) {
                d.event("macro_1", "RANGE");
            }
            d.cvar("macro", "RANGE", 160, 41);
            assertThat(d.decisions.isEmpty()).as("market.regime says TREND").isTrue();
            d.regime("RANGE");
            assertThat(d.decisions.readValue().getAction()).isEqualTo(GovernanceAction.DISABLE_CLASS);
        }
    }

    @Test
    void theClassCurveIsItsAgentsEqualWeightBookNotTheirSum() {
        try (GovernanceDriver d = new GovernanceDriver()) {
            d.limits("arb", StrategyState.ACTIVE, -250.0, null, Map.of());
            d.manifest("arb_1", "arb", AgentLifecycle.LIVE);
            d.manifest("arb_2", "arb", AgentLifecycle.LIVE);
            d.row("arb_1", "arb", -150);
            d.row("arb_2", "arb", -150);
            d.row("arb_1", "arb", -110); // book (-150 - 150 - 110) / 2 = -205; their sum, -410, would have disabled it
            assertThat(d.decisions.isEmpty()).isTrue();
            d.row("arb_2", "arb", -100); // -255
            GovernanceDecision disable = d.decisions.readValue();
            assertThat(disable.getAction()).isEqualTo(GovernanceAction.DISABLE_CLASS);
            assertThat(disable.getMetrics()).containsEntry("max_drawdown_bps", -255.0).containsEntry("rows", 4.0)
                    .containsEntry("agents", 2.0);
            assertThat(disable.getReasons()).anySatisfy(r -> assertThat(r)
                    .isEqualTo("class_drawdown: drawdown -255.0 bps < max_drawdown_bps -250.0 bps over 4 rows of 2 agents"));
        }
    }
}
