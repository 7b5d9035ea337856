package com.metasupervisor.allocator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every policy on the same inputs; each ledger equals a recomputation from scratch of its publications and the rows. */
class PolicyBookTest {

    private static final long DAY = 86_400_000L;

    /** One step of the stream as the brute force sees it: a publication (weights) or a row. */
    private record Step(Map<String, Double> weights, double turnover, String agent, double pnl, long maturedAt) {
        boolean isRow() {
            return weights == null;
        }
    }

    @Test
    void theActivePolicyComesFirstAndEveryPolicyPublishesItsFirstAllocation() {
        PolicyBook book = new PolicyBook(Fleets.settings("composite"));
        FleetState state = new FleetState(Fleets.settings("composite"));
        state.figures("a", Fleets.pnl(10));
        state.governanceStatus("a", new AgentStatusView(Lifecycle.LIVE, null));
        state.regime("TREND", null, "ops");
        Map<PolicyName, Optional<Publication>> out = book.evaluate(state.view(1));
        assertThat(book.active()).isEqualTo(PolicyName.COMPOSITE);
        assertThat(out.keySet()).containsExactly(PolicyName.COMPOSITE, PolicyName.PNL_PROPORTIONAL, PolicyName.SOFT_PENALTY);
        assertThat(out.values()).allMatch(Optional::isPresent);
        assertThat(book.held(PolicyName.SOFT_PENALTY).agents().get("a").weight()).isEqualTo(0.25);
        assertThat(book.held(PolicyName.COMPOSITE).agents().get("a").weight()).isEqualTo(0.40);
        assertThat(book.ledger(PolicyName.SOFT_PENALTY).weights()).containsExactlyEntriesOf(Map.of("a", 0.25));
        assertThat(book.evaluate(state.view(2)).values()).allMatch(Optional::isEmpty);
    }

    @Test
    void eachLedgerEqualsABruteForceRecomputationOnASeededStream() {
        Random random = new Random(20261130L);
        PolicyBook book = new PolicyBook(Fleets.settings("soft_penalty"));
        FleetState state = new FleetState(Fleets.settings("soft_penalty"));
        Map<PolicyName, List<Step>> steps = Map.of(PolicyName.PNL_PROPORTIONAL, new ArrayList<>(),
                PolicyName.COMPOSITE, new ArrayList<>(), PolicyName.SOFT_PENALTY, new ArrayList<>());
        int agents = 25;
        for (int i = 0; i < agents; i++) {
            state.figures("a" + i, randomFigures(random));
            state.governanceStatus("a" + i, new AgentStatusView(Lifecycle.LIVE, null));
        }
        long time = 1_767_225_600_000L; // 2026-01-01
        int rows = 0;
        int publications = 0;
        PolicyBook restoredHalfway = null;
        while (rows < 12_000) {
            if (random.nextInt(10) < 9) {
                String agent = "a" + random.nextInt(agents + 2); // some rows of agents the fleet does not know
                double pnl = random.nextGaussian() * 20;
                long maturedAt = time + random.nextLong(DAY) - DAY / 4; // a little out of order
                time += random.nextLong(DAY / 20);
                book.credit(agent, pnl, maturedAt);
                if (restoredHalfway != null) {
                    restoredHalfway.credit(agent, pnl, maturedAt);
                }
                steps.values().forEach(s -> s.add(new Step(null, 0, agent, pnl, maturedAt)));
                rows++;
                continue;
            }
            change(state, random, agents);
            FleetView view = state.view(time);
            Map<PolicyName, Optional<Publication>> out = book.evaluate(view);
            if (restoredHalfway != null) {
                assertThat(restoredHalfway.evaluate(view)).isEqualTo(out);
            }
            for (Map.Entry<PolicyName, Optional<Publication>> e : out.entrySet()) {
                e.getValue().ifPresent(p -> steps.get(e.getKey()).add(new Step(PublishRule.weights(p.allocation()),
                        p.turnover(), null, 0, 0)));
                if (e.getValue().isPresent()) {
                    assertThat(book.held(e.getKey())).isSameAs(e.getValue().get().allocation());
                }
            }
            publications += (int) out.values().stream().filter(Optional::isPresent).count();
            if (rows > 6_000 && restoredHalfway == null) {
                restoredHalfway = new PolicyBook(Fleets.settings("soft_penalty"));
                for (PolicyName p : PolicyName.values()) {
                    restoredHalfway.restore(p, book.held(p), PaperLedger.fromBytes(book.ledger(p).toBytes()));
                }
            }
        }
        assertThat(publications).as("the stream moves every policy many times").isGreaterThan(60);
        for (PolicyName p : PolicyName.values()) {
            LedgerFigures expected = bruteForce(steps.get(p));
            LedgerFigures actual = book.ledger(p).figures();
            assertThat(actual.rows()).isEqualTo(expected.rows());
            assertThat(actual.weightChanges()).isEqualTo(expected.weightChanges());
            assertThat(actual.days()).isEqualTo(expected.days());
            assertThat(actual.firstRowAt()).isEqualTo(expected.firstRowAt());
            assertThat(actual.lastRowAt()).isEqualTo(expected.lastRowAt());
            assertThat(actual.cumulativePnlBps()).as(p.id()).isCloseTo(expected.cumulativePnlBps(), within(1e-6));
            assertThat(actual.maxDrawdownBps()).as(p.id()).isCloseTo(expected.maxDrawdownBps(), within(1e-6));
            assertThat(actual.turnover()).as(p.id()).isCloseTo(expected.turnover(), within(1e-9));
            assertThat(actual.sharpe()).as(p.id()).isCloseTo(expected.sharpe(), within(1e-9));
            assertThat(actual.cumulativePnlBps()).as("a policy that held something earned something").isNotZero();
            assertThat(restoredHalfway.ledger(p).figures()).isEqualTo(actual);
        }
    }

    @Test
    void sentencesReusedFromTheLastEvaluationEqualSentencesWrittenAfresh() {
        Random random = new Random(7);
        FleetState state = new FleetState(Fleets.settings("soft_penalty"));
        for (int i = 0; i < 25; i++) {
            state.figures("a" + i, randomFigures(random));
            state.governanceStatus("a" + i, new AgentStatusView(Lifecycle.LIVE, null));
        }
        Map<PolicyName, ExplanationMemo> memos = Map.of(PolicyName.PNL_PROPORTIONAL, new ExplanationMemo(),
                PolicyName.COMPOSITE, new ExplanationMemo(), PolicyName.SOFT_PENALTY, new ExplanationMemo());
        for (int step = 0; step < 600; step++) {
            change(state, random, 25);
            if (step % 7 == 0) {
                state.figures("new" + step, randomFigures(random)); // the agents change too
            }
            FleetView view = state.view(step);
            for (PolicyName p : PolicyName.values()) {
                AllocationPolicy policy = AllocationPolicy.of(p, Fleets.settings("soft_penalty"));
                Allocation memoised = FleetEvaluation.evaluate(policy, view, 0.5, memos.get(p));
                Allocation fresh = FleetEvaluation.evaluate(policy, view, 0.5);
                assertThat(memoised).isEqualTo(fresh);
            }
        }
        // many sentences are reused (so the comparison above did compare reused ones), though a new agent resets the memo
        // and a changed score moves every weight
        assertThat(memos.values()).allSatisfy(m -> assertThat(m.reused()).isGreaterThan(1_000));
    }

    private static AgentFigures randomFigures(Random r) {
        return new AgentFigures("c" + r.nextInt(3), 50, r.nextGaussian() * 30, r.nextGaussian() * 60, r.nextGaussian() * 50 + 30,
                r.nextInt(5) == 0 ? null : r.nextGaussian(), r.nextInt(5) == 0 ? null : r.nextDouble(),
                r.nextInt(5) == 0 ? null : r.nextDouble(), -r.nextDouble() * 80, r.nextDouble() * 0.2,
                r.nextInt(5) == 0 ? null : r.nextDouble() * 100, 0.5 + r.nextDouble());
    }

    /** One random input change: figures, a kill or revival, an alert, a disable, a CVaR, the regime or the guardian. */
    private static void change(FleetState state, Random r, int agents) {
        String agent = "a" + r.nextInt(agents);
        switch (r.nextInt(9)) {
            case 0, 1, 2 -> state.figures(agent, randomFigures(r));
            case 3 -> state.governanceStatus(agent, new AgentStatusView(r.nextBoolean() ? Lifecycle.KILLED : Lifecycle.LIVE, "test"));
            case 4 -> state.alert(agent, agent + "#" + r.nextInt(3), "DIVERGENCE", r.nextBoolean());
            case 5 -> state.strategyStatus("c" + r.nextInt(3), r.nextInt(4) == 0 ? new StrategyDisable("c0", List.of("x")) : null);
            case 6 -> state.strategyCvar("c" + r.nextInt(3), "TREND", 24, r.nextBoolean() ? r.nextDouble() * 40 : null);
            case 7 -> state.regime(r.nextBoolean() ? "TREND" : "CRISIS", null, "test");
            default -> state.guardian(r.nextInt(4) == 0);
        }
    }

    /** From scratch: each row × the weight of the newest publication before it; the figures by their definitions. */
    private static LedgerFigures bruteForce(List<Step> steps) {
        List<double[]> credited = new ArrayList<>(); // {pnl, maturedAt}
        double turnover = 0;
        long publishes = 0;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (!s.isRow()) {
                turnover += s.turnover();
                publishes++;
                continue;
            }
            Map<String, Double> held = Map.of();
            for (int j = i - 1; j >= 0; j--) {
                if (!steps.get(j).isRow()) {
                    held = steps.get(j).weights();
                    break;
                }
            }
            credited.add(new double[] {held.getOrDefault(s.agent(), 0.0) * s.pnl(), s.maturedAt()});
        }
        double cumulative = 0;
        double maxDrawdown = 0;
        for (int k = 0; k < credited.size(); k++) {
            double peak = 0;
            double c = 0;
            for (int m = 0; m <= k; m++) {
                c += credited.get(m)[0];
                peak = Math.max(peak, c);
            }
            maxDrawdown = Math.min(maxDrawdown, c - peak);
            cumulative = c;
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (double[] c : credited) {
            first = Math.min(first, (long) c[1]);
            last = Math.max(last, (long) c[1]);
        }
        int days = (int) (Math.floorDiv(last, DAY) - Math.floorDiv(first, DAY) + 1);
        double[] daily = new double[days];
        for (double[] c : credited) {
            daily[(int) (Math.floorDiv((long) c[1], DAY) - Math.floorDiv(first, DAY))] += c[0];
        }
        double mean = 0;
        for (double d : daily) {
            mean += d / days;
        }
        double var = 0;
        for (double d : daily) {
            var += (d - mean) * (d - mean) / (days - 1);
        }
        Double sharpe = days < 2 || var == 0 ? null : mean / Math.sqrt(var) * Math.sqrt(365);
        return new LedgerFigures(cumulative, sharpe, maxDrawdown, turnover, publishes, credited.size(), days, first, last);
    }
}
