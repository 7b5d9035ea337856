package com.metasupervisor.allocator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CappedSimplexTest {

    record Case(double[] scores, double min, double max) {
        @Override
        public String toString() {
            return "scores=" + Arrays.toString(scores) + " min=" + min + " max=" + max;
        }
    }

    @Provide
    Arbitrary<Case> small() {
        return cases(1, 7);
    }

    @Provide
    Arbitrary<Case> any() {
        return cases(0, 60);
    }

    private static Arbitrary<Case> cases(int minSize, int maxSize) {
        // few distinct values make ties and zero scores common
        Arbitrary<Double> score = Arbitraries.oneOf(Arbitraries.of(0.0, 1.0, 2.0, 5.0),
                Arbitraries.doubles().between(0, 100).ofScale(3));
        Arbitrary<double[]> scores = score.list().ofMinSize(minSize).ofMaxSize(maxSize)
                .map(l -> l.stream().mapToDouble(Double::doubleValue).toArray());
        Arbitrary<Double> min = Arbitraries.oneOf(Arbitraries.just(0.0), Arbitraries.doubles().between(0, 0.3).ofScale(3));
        Arbitrary<Double> span = Arbitraries.doubles().between(0, 1).ofScale(3);
        return Combinators.combine(scores, min, span).as((s, lo, sp) -> {
            double hi = Math.max(lo + sp * (1 - lo), 0.001);
            return new Case(s, lo, Math.min(1, Math.max(hi, lo)));
        });
    }

    @Property(tries = 500, seed = "20261130")
    void boundsHoldAndWeightsPlusCashAreOne(@ForAll("any") Case c) {
        Projection p = CappedSimplex.project(c.scores(), c.min(), c.max());
        int n = c.scores().length;
        double expectedMin = n * c.min() > 1 ? 1.0 / n : c.min();
        assertThat(p.minApplied()).isEqualTo(expectedMin);
        assertThat(p.warning().isPresent()).isEqualTo(n * c.min() > 1);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            assertThat(p.weights()[i]).isBetween(p.minApplied() - 1e-12, c.max() + 1e-12);
            sum += p.weights()[i];
        }
        assertThat(sum + p.cash()).isCloseTo(1.0, within(1e-9));
        assertThat(p.cash()).isGreaterThanOrEqualTo(0);
        double limit = 0;
        for (double s : c.scores()) {
            limit += s > 0 ? c.max() : p.minApplied();
        }
        if (limit > 1 + 1e-9) {
            assertThat(p.cash()).as("cash only when the bounds leave some").isLessThan(1e-9);
        }
    }

    @Property(tries = 500, seed = "20261130")
    void scoreOrderIsKeptAndTiesGetEqualWeights(@ForAll("any") Case c) {
        Projection p = CappedSimplex.project(c.scores(), c.min(), c.max());
        double[] s = c.scores();
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                if (s[i] > s[j]) {
                    assertThat(p.weights()[i]).isGreaterThanOrEqualTo(p.weights()[j]);
                } else if (s[i] == s[j]) {
                    assertThat(p.weights()[i]).isEqualTo(p.weights()[j]);
                }
            }
        }
    }

    @Property(tries = 500, seed = "20261130")
    void projectingTheWeightsAgainGivesThemBack(@ForAll("any") Case c) {
        Projection p = CappedSimplex.project(c.scores(), c.min(), c.max());
        // a weight at the floor is a positive score the second time: only a full allocation, or one whose scores
        // were all positive, is a fixed point
        boolean allPositive = Arrays.stream(c.scores()).allMatch(x -> x > 0);
        if (p.cash() > 1e-12 && !allPositive) {
            return;
        }
        Projection again = CappedSimplex.project(p.weights(), c.min(), c.max());
        for (int i = 0; i < p.weights().length; i++) {
            assertThat(again.weights()[i]).isCloseTo(p.weights()[i], within(1e-12));
        }
        assertThat(again.cash()).isCloseTo(p.cash(), within(1e-12));
    }

    @Property(tries = 1000, seed = "20261130")
    void equalsTheBruteForceSolutionOnSmallFleets(@ForAll("small") Case c) {
        Projection p = CappedSimplex.project(c.scores(), c.min(), c.max());
        double[] expected = bruteForce(c.scores(), p.minApplied(), c.max());
        for (int i = 0; i < expected.length; i++) {
            assertThat(p.weights()[i]).as("agent %d", i).isCloseTo(expected[i], within(1e-12));
        }
    }

    @Property(tries = 30, seed = "20261130")
    void withinOneBillionthOfAnIndependentBisectionUpTo10000Agents(@ForAll("sizes") int n, @ForAll long seed) {
        Random random = new Random(seed);
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = random.nextInt(10) == 0 ? 0 : Math.exp(random.nextGaussian() * 2);
        }
        double min = random.nextBoolean() ? 0 : 0.2 / n;
        double max = Math.max(min, Math.min(1, 5.0 / n + random.nextDouble() * 0.3));
        Projection p = CappedSimplex.project(scores, min, max);
        double[] expected = bisection(scores, p.minApplied(), max);
        for (int i = 0; i < n; i++) {
            assertThat(p.weights()[i]).isCloseTo(expected[i], within(1e-9));
        }
        assertThat(p.bounds()[0]).isNotNull();
    }

    @Test
    void tenThousandAgentsWithBothBoundsBindingMatchTheBisection() {
        Random random = new Random(11);
        double[] scores = new double[10_000];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = random.nextInt(20) == 0 ? 0 : Math.exp(random.nextGaussian() * 1.5);
        }
        for (double[] bounds : new double[][] {{0.2 / 10_000, 2.0 / 10_000}, {0, 0.25}, {0.5 / 10_000, 1.0}}) {
            Projection p = CappedSimplex.project(scores, bounds[0], bounds[1]);
            double[] expected = bisection(scores, bounds[0], bounds[1]);
            long atMax = 0;
            long atMin = 0;
            for (int i = 0; i < scores.length; i++) {
                assertThat(p.weights()[i]).isCloseTo(expected[i], within(1e-9));
                atMax += p.bounds()[i] == Bound.MAX ? 1 : 0;
                atMin += p.bounds()[i] == Bound.MIN ? 1 : 0;
            }
            if (bounds[1] < 0.001) {
                assertThat(atMax).as("the cap binds").isGreaterThan(100);
                assertThat(atMin).as("the floor binds").isGreaterThan(500);
            }
            assertThat(Arrays.stream(p.weights()).sum() + p.cash()).isCloseTo(1, within(1e-9));
        }
    }

    @Provide
    Arbitrary<Integer> sizes() {
        return Arbitraries.of(1, 2, 10, 100, 1_000, 10_000);
    }

    @Test
    void noAgentsIsAllCash() {
        Projection p = CappedSimplex.project(new double[0], 0.05, 0.4);
        assertThat(p.weights()).isEmpty();
        assertThat(p.cash()).isEqualTo(1.0);
        assertThat(p.warning()).isEmpty();
    }

    @Test
    void oneAgentGetsTheCapAndTheRestIsCash() {
        Projection p = CappedSimplex.project(new double[] {7}, 0.0, 0.25);
        assertThat(p.weights()).containsExactly(0.25);
        assertThat(p.bounds()).containsExactly(Bound.MAX);
        assertThat(p.cash()).isCloseTo(0.75, within(1e-15));
    }

    @Test
    void allZeroScoresSitAtTheFloor() {
        Projection p = CappedSimplex.project(new double[] {0, 0, 0}, 0.1, 0.5);
        assertThat(p.weights()).containsExactly(0.1, 0.1, 0.1);
        assertThat(p.bounds()).containsExactly(Bound.MIN, Bound.MIN, Bound.MIN);
        assertThat(p.cash()).isCloseTo(0.7, within(1e-15));
    }

    @Test
    void fewerAgentsThanTheCapsNeedLeaveCash() {
        Projection p = CappedSimplex.project(new double[] {1, 9, 3}, 0.0, 0.25);
        assertThat(p.weights()).containsExactly(0.25, 0.25, 0.25);
        assertThat(p.cash()).isCloseTo(0.25, within(1e-15));
    }

    @Test
    void tooManyAgentsForTheFloorLowerItToOneOverN() {
        double[] scores = new double[30];
        Arrays.fill(scores, 1);
        scores[0] = 50;
        Projection p = CappedSimplex.project(scores, 0.05, 0.4);
        assertThat(p.minApplied()).isEqualTo(1.0 / 30);
        assertThat(p.warning()).contains("min allocation 0.0500 lowered to 1/n = 0.0333: 30 agents × 0.0500 > 1");
        for (double w : p.weights()) {
            assertThat(w).isCloseTo(1.0 / 30, within(1e-15));
        }
    }

    @Test
    void waterFillingCapsTheLargestAndKeepsTheOthersInProportion() {
        // t·(10, 2, 1, 1): 10t caps at 0.4, the rest share 0.6 in ratio 2:1:1
        Projection p = CappedSimplex.project(new double[] {10, 2, 1, 1}, 0.0, 0.4);
        assertThat(p.weights()[0]).isEqualTo(0.4);
        assertThat(p.weights()[1]).isCloseTo(0.3, within(1e-15));
        assertThat(p.weights()[2]).isCloseTo(0.15, within(1e-15));
        assertThat(p.bounds()).containsExactly(Bound.MAX, Bound.NONE, Bound.NONE, Bound.NONE);
        assertThat(p.cash()).isCloseTo(0, within(1e-15));
    }

    @Test
    void aFloorLiftsTheSmallestAndTheOthersShareTheRest() {
        // min 0.1: score 1 sits at 0.1 (t·1 < 0.1), the others share 0.9 as 6:3
        Projection p = CappedSimplex.project(new double[] {6, 3, 0.1}, 0.1, 1.0);
        assertThat(p.weights()[0]).isCloseTo(0.6, within(1e-15));
        assertThat(p.weights()[1]).isCloseTo(0.3, within(1e-15));
        assertThat(p.weights()[2]).isEqualTo(0.1);
        assertThat(p.bounds()[2]).isEqualTo(Bound.MIN);
    }

    /** Every assignment of agents to floor / cap / free; the consistent one with the smallest t (3^n, n ≤ 7). */
    static double[] bruteForce(double[] s, double min, double max) {
        int n = s.length;
        double limit = 0;
        for (double x : s) {
            limit += x > 0 ? max : min;
        }
        double[] w = new double[n];
        if (limit <= 1) {
            for (int i = 0; i < n; i++) {
                w[i] = s[i] > 0 ? max : min;
            }
            return w;
        }
        if (n * min >= 1 - 1e-15) {
            Arrays.fill(w, min);
            return w;
        }
        double bestT = Double.POSITIVE_INFINITY;
        int total = (int) Math.pow(3, n);
        for (int code = 0; code < total; code++) {
            int[] state = new int[n];
            int c = code;
            double fixed = 0;
            double free = 0;
            for (int i = 0; i < n; i++) {
                state[i] = c % 3;
                c /= 3;
                if (state[i] == 0) {
                    fixed += min;
                } else if (state[i] == 1) {
                    fixed += max;
                } else {
                    free += s[i];
                }
            }
            if (free == 0) {
                continue;
            }
            double t = (1 - fixed) / free;
            boolean ok = t >= 0;
            for (int i = 0; i < n && ok; i++) {
                double v = t * s[i];
                ok = switch (state[i]) {
                    case 0 -> v <= min + 1e-12;
                    case 1 -> v >= max - 1e-12;
                    default -> v >= min - 1e-12 && v <= max + 1e-12;
                };
            }
            if (ok && t < bestT) {
                bestT = t;
            }
        }
        for (int i = 0; i < n; i++) {
            w[i] = Math.min(max, Math.max(min, bestT * s[i]));
        }
        return w;
    }

    /** Σ clip(t·s, min, max) = 1 by bisection on t (200 halvings), or the limits when they leave cash. */
    static double[] bisection(double[] s, double min, double max) {
        int n = s.length;
        double limit = 0;
        double smallest = Double.POSITIVE_INFINITY;
        for (double x : s) {
            limit += x > 0 ? max : min;
            if (x > 0) {
                smallest = Math.min(smallest, x);
            }
        }
        double[] w = new double[n];
        if (limit <= 1) {
            for (int i = 0; i < n; i++) {
                w[i] = s[i] > 0 ? max : min;
            }
            return w;
        }
        double lo = 0;
        double hi = max / smallest;
        for (int k = 0; k < 200; k++) {
            double mid = (lo + hi) / 2;
            double f = 0;
            for (double x : s) {
                f += Math.min(max, Math.max(min, mid * x));
            }
            if (f >= 1) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        for (int i = 0; i < n; i++) {
            w[i] = Math.min(max, Math.max(min, hi * s[i]));
        }
        return w;
    }
}
