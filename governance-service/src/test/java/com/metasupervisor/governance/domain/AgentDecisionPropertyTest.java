package com.metasupervisor.governance.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.configrepo.files.LifecycleStatus;
import com.metasupervisor.configrepo.files.StrategyClassStatus;
import com.metasupervisor.governance.config.DryRunSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random figure streams (seeded) against the rules as plainly written: the live action of each evaluation is
 * the reference's, PROMOTE needs three counted passes, and no two consecutive live decisions are equal.
 */
class AgentDecisionPropertyTest {

    /** Figures near the thresholds, sometimes missing. */
    static AgentFigures randomFigures(SplittableRandom r) {
        return new AgentFigures(pick(r, 40, 49, 50, 99, 100, 150), maybe(r, pick(r, -5, 0, 0.01, 50)),
                maybe(r, pick(r, -0.1, 0, 0.999, 1.0, 2.0)), maybe(r, pick(r, 0.3, 0.499, 0.5, 0.7)),
                maybe(r, pick(r, -600, -500, -499.99, -200.01, -200, -10)), maybe(r, pick(r, 0, 0.15, 0.1501, 0.02, 0.01, 0)));
    }

    static long pick(SplittableRandom r, long... values) {
        return values[r.nextInt(values.length)];
    }

    static double pick(SplittableRandom r, double... values) {
        return values[r.nextInt(values.length)];
    }

    static Double maybe(SplittableRandom r, double value) {
        return r.nextInt(8) == 0 ? null : value;
    }

    /** The rules of SPEC §6, plainly. */
    record Reference(int streak, Instant last) {
        static boolean criteria(AgentFigures f, StrategyClassStatus cls, Optional<String> alert) {
            return f.n() >= 100 && f.sharpe30d() != null && f.sharpe30d() >= 1.0 && f.winrate30d() != null
                    && f.winrate30d() >= 0.5 && f.maxDrawdown30dBps() != null && f.maxDrawdown30dBps() >= -200
                    && cls == StrategyClassStatus.ACTIVE && alert.isEmpty();
        }

        static boolean kill(AgentFigures f) {
            return (f.maxDrawdown30dBps() != null && f.maxDrawdown30dBps() <= -500) || (f.errorRate() != null && f.errorRate() > 0.15);
        }

        static boolean retire(AgentFigures f, StrategyClassStatus cls) {
            return (f.n() >= 50 && f.pnl30dBps() != null && f.pnl30dBps() <= 0 && f.sharpe30d() != null && f.sharpe30d() < 0)
                    || cls == StrategyClassStatus.DISABLED;
        }
    }

    @Test
    void randomFigureStreamsFollowTheRules() {
        SplittableRandom r = new SplittableRandom(20261130L);
        AgentDecider decider = AgentDeciderTest.decider(DryRunSettings.defaults());
        int promotions = 0;
        int kills = 0;
        for (int run = 0; run < 400; run++) {
            AgentDecisionState state = AgentDecisionState.INITIAL;
            LifecycleStatus status = LifecycleStatus.CANDIDATE;
            Reference ref = new Reference(0, null);
            Instant now = Instant.parse("2026-01-01T00:00:00Z");
            String previousLive = "";
            AgentFigures stable = r.nextBoolean() ? AgentDeciderTest.promotable() : randomFigures(r);
            for (int step = 0; step < 40; step++) {
                now = now.plus(Duration.ofHours(1 + r.nextInt(8)));
                AgentFigures f = r.nextInt(6) == 0 ? randomFigures(r) : stable; // often unchanged
                StrategyClassStatus cls = r.nextInt(30) == 0 ? StrategyClassStatus.DISABLED : StrategyClassStatus.ACTIVE;
                Optional<String> alert = r.nextInt(10) == 0 ? Optional.of("al-" + r.nextInt(3)) : Optional.empty();
                boolean candidate = status == LifecycleStatus.CANDIDATE;
                boolean holds = candidate && Reference.criteria(f, cls, alert);
                if (!holds) {
                    ref = new Reference(0, null);
                } else if (ref.last() == null || !now.isBefore(ref.last().plus(Duration.ofHours(6)))) {
                    ref = new Reference(ref.streak() + 1, now);
                }
                AgentOutcome out = decider.evaluate(new AgentSituation("a", f, status, cls, alert), state, now);
                DecisionAction expected = status != LifecycleStatus.KILLED && Reference.kill(f) ? DecisionAction.KILL
                        : status != LifecycleStatus.KILLED && status != LifecycleStatus.RETIRED && Reference.retire(f, cls) ? DecisionAction.RETIRE
                        : holds && ref.streak() >= 3 ? DecisionAction.PROMOTE : null;
                List<Decision> live = out.emitted().stream().filter(d -> !d.dryRun()).toList();
                assertThat(out.emitted()).allSatisfy(d -> assertThat(d.dryRun()).isFalse());
                for (Decision d : live) {
                    if (d.action() == DecisionAction.PROMOTE) {
                        assertThat(status).isEqualTo(LifecycleStatus.CANDIDATE);
                        assertThat(alert).isEmpty();
                        promotions++;
                    }
                    if (d.action() == DecisionAction.HOLD) {
                        // a hold: a candidate that nothing kills or retires, with a figure missing or an alert open
                        assertThat(expected).isNull();
                        assertThat(status).isEqualTo(LifecycleStatus.CANDIDATE);
                        assertThat(f.sharpe30d() == null || f.winrate30d() == null || f.maxDrawdown30dBps() == null
                                || alert.isPresent()).isTrue();
                    } else {
                        assertThat(d.action()).isEqualTo(expected);
                    }
                }
                if (expected != null && expected != DecisionAction.PROMOTE) {
                    assertThat(out.effectiveStatus()).isIn(LifecycleStatus.KILLED, LifecycleStatus.RETIRED);
                }
                if (expected == DecisionAction.KILL) {
                    kills++;
                }
                // emitted on change only: an emission always differs from the standing decision
                if (!live.isEmpty()) {
                    assertThat(out.state().lastLiveDecision()).isNotEqualTo(previousLive);
                }
                previousLive = out.state().lastLiveDecision();
                state = out.state();
                status = out.effectiveStatus();
                if (status == LifecycleStatus.CANDIDATE && r.nextInt(50) == 0) {
                    status = LifecycleStatus.LIVE; // the repo merged a promotion
                }
            }
        }
        assertThat(promotions).as("the generator reaches PROMOTE").isGreaterThan(10);
        assertThat(kills).as("the generator reaches KILL").isGreaterThan(10);
    }
}
