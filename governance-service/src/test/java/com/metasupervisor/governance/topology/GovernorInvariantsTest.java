package com.metasupervisor.governance.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.avro.AgentLifecycle;
import com.metasupervisor.avro.AgentStatus;
import com.metasupervisor.avro.AlertTransition;
import com.metasupervisor.avro.GovernanceAction;
import com.metasupervisor.avro.GovernanceDecision;
import com.metasupervisor.avro.OpsActionKind;
import com.metasupervisor.avro.StrategyState;
import com.metasupervisor.governance.config.DryRunSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Seeded random input streams through the whole governor (figures, alerts, regimes, CVaR, rows, operator actions,
 * with one rule in dry run), checking what must hold whatever the order: a status record only when the status changes;
 * every live KILL / RETIRE followed at once by that status; KILLED absorbing and nothing but the manifest making an
 * agent LIVE; no PROMOTE of an agent that is not a CANDIDATE; a dry-run decision never changing a status.
 */
class GovernorInvariantsTest {

    private static final List<String> CLASSES = List.of("macro", "arb");
    private static final List<String> REGIMES = List.of("TREND", "RANGE", "CRISIS");

    private final Map<String, Integer> seen = new HashMap<>();

    @Test
    void invariantsHoldOnSeededRandomStreams() {
        for (long seed = 1; seed <= 25; seed++) {
            run(new SplittableRandom(seed), seed);
        }
        // the streams reach every kind of decision, so the checks above check something
        assertThat(seen).containsKeys("KILL", "RETIRE", "PROMOTE", "HOLD", "DISABLE_CLASS", "dry-run");
    }

    private void run(SplittableRandom r, long seed) {
        try (GovernanceDriver d = new GovernanceDriver(new DryRunSettings(Optional.of("retire_performance")))) {
            List<String> agents = new ArrayList<>();
            Map<String, String> classOf = new HashMap<>();
            for (int i = 0; i < 6; i++) {
                String agent = "a" + i;
                String strategyClass = CLASSES.get(i % 2);
                agents.add(agent);
                classOf.put(agent, strategyClass);
                d.manifest(agent, strategyClass, i == 0 || r.nextBoolean() ? AgentLifecycle.CANDIDATE : AgentLifecycle.LIVE);
            }
            d.limits("macro", StrategyState.ACTIVE, null, null, Map.of("TREND", 120.0, "RANGE", 90.0));
            d.limits("arb", StrategyState.ACTIVE, -250.0, 0.42, Map.of("TREND", 140.0, "RANGE", 110.0));
            for (int step = 0; step < 150; step++) {
                String agent = agents.get(r.nextInt(agents.size()));
                switch (r.nextInt(8)) {
                    // a0: a steady candidate, so promotion's persistence is reached too
                    case 0, 1, 2 -> d.stats(agent.equals("a0") ? GovernanceDriver.promotable(agent, classOf.get(agent))
                            : GovernanceDriver.promotable(agent, classOf.get(agent))
                            .setN(r.nextInt(40, 200)).setSharpe30d(r.nextBoolean() ? null : r.nextDouble(-1, 2.5))
                            .setPnl30dBps(r.nextDouble(-100, 200)).setMaxDrawdown30dBps(-r.nextDouble(0, 560))
                            .setErrorRate(r.nextDouble(0, 0.18)));
                    case 3 -> d.row(agent, classOf.get(agent), r.nextDouble(-40, 40));
                    case 4 -> d.regime(REGIMES.get(r.nextInt(REGIMES.size())));
                    case 5 -> d.cvar(CLASSES.get(r.nextInt(2)), REGIMES.get(r.nextInt(2)), r.nextDouble(50, 160), r.nextInt(20, 60));
                    case 6 -> d.divergence(agent, "al-" + agent, r.nextBoolean() ? AlertTransition.OPENED : AlertTransition.RESOLVED);
                    default -> {
                        if (r.nextInt(10) == 0) {
                            d.operator(OpsActionKind.KILL_AGENT, agent, "drill", "ops");
                        }
                    }
                }
                d.advance(Duration.ofHours(r.nextInt(4)));
            }
            check(d, seed);
        }
    }

    private void check(GovernanceDriver d, long seed) {
        List<TestRecord<String, GovernanceDecision>> decisions = d.decisions.readRecordsToList();
        List<TestRecord<String, AgentStatus>> statuses = d.status.readRecordsToList();
        Map<String, AgentStatus> last = new HashMap<>();
        for (TestRecord<String, AgentStatus> rec : statuses) {
            AgentStatus s = rec.value();
            AgentStatus before = last.put(rec.key(), s);
            String where = "seed " + seed + ", " + rec.key() + ": " + (before == null ? null : before.getStatus()) + " -> " + s.getStatus();
            if (before != null) {
                assertThat(s.getStatus()).as(where + " (a status record only on a change)").isNotEqualTo(before.getStatus());
                assertThat(before.getStatus()).as(where + " (KILLED is absorbing)").isNotEqualTo(AgentLifecycle.KILLED);
            }
            if (s.getStatus() == AgentLifecycle.LIVE || s.getStatus() == AgentLifecycle.CANDIDATE) {
                assertThat(s.getSource()).as(where + " (only the manifest adds risk)").isEqualTo("config_repo");
            }
        }
        for (GovernanceDecision decision : decisions.stream().map(TestRecord::value).toList()) {
            String where = "seed " + seed + ": " + decision.getDecisionId();
            seen.merge(decision.getDryRun() ? "dry-run" : decision.getAction().name(), 1, Integer::sum);
            if (decision.getAction() == GovernanceAction.PROMOTE) {
                assertThat(decision.getPreviousStatus()).as(where).isEqualTo(AgentLifecycle.CANDIDATE);
            }
            boolean acts = !decision.getDryRun()
                    && (decision.getAction() == GovernanceAction.KILL || decision.getAction() == GovernanceAction.RETIRE);
            AgentLifecycle expected = decision.getAction() == GovernanceAction.KILL ? AgentLifecycle.KILLED : AgentLifecycle.RETIRED;
            // (an operator may KILL an agent already KILLED: recorded as asked, its status does not change)
            if (acts && decision.getPreviousStatus() != expected) {
                assertThat(statuses).as(where + " is followed by its status")
                        .anySatisfy(s -> {
                            assertThat(s.key()).isEqualTo(decision.getAgent());
                            assertThat(s.value().getStatus()).isEqualTo(expected);
                            assertThat(s.value().getDecisionId()).isEqualTo(decision.getDecisionId());
                        });
            }
            if (decision.getDryRun()) {
                assertThat(statuses).as(where + " changes nothing")
                        .noneMatch(s -> decision.getDecisionId().equals(s.value().getDecisionId()));
            }
        }
    }
}
