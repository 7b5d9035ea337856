package com.metasupervisor.reporting.topology;

import static com.metasupervisor.reporting.topology.PlannerDriver.decision;
import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.avro.GovernanceAction;
import com.metasupervisor.avro.GovernanceDecision;
import com.metasupervisor.reporting.config.WebhookSettings;
import com.metasupervisor.reporting.ledger.DecisionBatchRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random interleavings of decisions (new ones, replays, HOLDs, dry runs), wall-clock ticks of random length and
 * restarts, with a small {@code max-decisions} so windows split: every live PROMOTE / RETIRE / KILL ends in exactly one
 * planned batch, nothing else in any, and no batch holds more than {@code max-decisions}.
 */
class DebounceWindowPropertyTest {

    private static final GovernanceAction[] ACTIONS = {GovernanceAction.PROMOTE, GovernanceAction.RETIRE, GovernanceAction.KILL,
            GovernanceAction.HOLD};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597})
    void everyEligibleDecisionIsInExactlyOneBatch(long seed) {
        Random random = new Random(seed);
        int maxDecisions = 1 + (int) (seed % 4);
        PlannerDriver.Settings settings = PlannerDriver.Settings.standard().withWebhook(WebhookSettings.defaults())
                .withMaxDecisions(maxDecisions);
        PlannerDriver p = new PlannerDriver(settings);
        List<GovernanceDecision> sent = new ArrayList<>();
        Set<String> eligible = new TreeSet<>();
        List<DecisionBatchRequest> batches = new ArrayList<>();
        try {
            for (int step = 0; step < 120; step++) {
                int kind = random.nextInt(20);
                if (kind < 10) {
                    GovernanceDecision d = !sent.isEmpty() && random.nextInt(5) == 0
                            ? sent.get(random.nextInt(sent.size()))
                            : decision("agent-" + random.nextInt(6), ACTIONS[random.nextInt(ACTIONS.length)], p.clock.instant(),
                            random.nextInt(5) == 0);
                    sent.add(d);
                    if (PlannerInputs.batched(d)) {
                        eligible.add(d.getDecisionId());
                    }
                    p.decide(d);
                } else if (kind < 19) {
                    p.advance(Duration.ofSeconds(1 + random.nextInt(random.nextInt(10) == 0 ? 900 : 90)));
                } else {
                    p = p.restart();
                }
                batches.addAll(p.planned(p.planned(), DecisionBatchRequest.class));
            }
            p.advance(Duration.ofMinutes(11));
            batches.addAll(p.planned(p.planned(), DecisionBatchRequest.class));
        } finally {
            p.close();
        }
        Map<String, Integer> times = new HashMap<>();
        batches.forEach(b -> b.batch().decisionIds().forEach(id -> times.merge(id, 1, Integer::sum)));
        assertThat(eligible).as("seed %d sends eligible decisions", seed).isNotEmpty();
        assertThat(times.keySet()).as("seed %d: the batched ids are the eligible ones", seed).isEqualTo(eligible);
        assertThat(times.values()).as("seed %d: each in one batch", seed).allMatch(n -> n == 1);
        assertThat(batches).as("seed %d: at most %d decisions a batch", seed, maxDecisions)
                .allMatch(b -> b.decisions().size() <= maxDecisions);
    }
}
