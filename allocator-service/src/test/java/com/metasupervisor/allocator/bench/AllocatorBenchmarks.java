package com.metasupervisor.allocator.bench;

import com.metasupervisor.allocator.config.AllocatorSettings;
import com.metasupervisor.allocator.domain.AgentFigures;
import com.metasupervisor.allocator.domain.AgentStatusView;
import com.metasupervisor.allocator.domain.CappedSimplex;
import com.metasupervisor.allocator.domain.FleetState;
import com.metasupervisor.allocator.domain.FleetView;
import com.metasupervisor.allocator.domain.Lifecycle;
import com.metasupervisor.allocator.domain.PolicyBook;
import com.metasupervisor.allocator.domain.Projection;
import com.metasupervisor.allocator.domain.PolicyName;
import com.metasupervisor.allocator.domain.Publication;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The projection and a full evaluation of every policy (PolicyBook.evaluate on a FleetView) for 10, 1 000 and 10 000
 * agents. {@code evaluateSteady}: the same view again (every target built, nothing to publish: the common case);
 * {@code evaluatePublishing}: two views far apart in turn, so every policy publishes on every call (the worst case).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AllocatorBenchmarks {

    @Param({"10", "1000", "10000"})
    public int agents;

    private double[] scores;
    private FleetView view;
    private FleetView[] alternating;
    private PolicyBook steadyBook;
    private PolicyBook publishingBook;
    private int turn;

    static AllocatorSettings settings() {
        return AllocatorSettings.defaults();
    }

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        scores = new double[agents];
        for (int i = 0; i < agents; i++) {
            scores[i] = random.nextInt(20) == 0 ? 0 : Math.exp(random.nextGaussian());
        }
        view = fleet(random, 0).view(1_000);
        alternating = new FleetView[] {fleet(new Random(1), 0).view(2_000), fleet(new Random(2), 1).view(3_000)};
        steadyBook = new PolicyBook(settings());
        steadyBook.evaluate(view);
        publishingBook = new PolicyBook(settings());
    }

    /** A fleet of live agents in 5 classes, some with an open alert, CVaR for most classes, regime CRISIS. */
    private FleetState fleet(Random random, int variant) {
        FleetState state = new FleetState(settings());
        state.regime(variant == 0 ? "TREND" : "CRISIS", null, "bench");
        for (int c = 0; c < 4; c++) {
            state.strategyCvar("class" + c, "TREND", 24, random.nextDouble() * 40);
            state.strategyCvar("class" + c, "CRISIS", 24, random.nextDouble() * 40);
        }
        for (int i = 0; i < agents; i++) {
            String agent = "agent-" + i;
            // the variants swap the best and the worst agents, so every policy moves by more than the threshold
            double quality = variant == 0 ? i : agents - i;
            state.figures(agent, new AgentFigures("class" + (i % 5), 100, quality + random.nextGaussian(), quality,
                    quality * 10 + 1 + random.nextDouble(), random.nextGaussian(), random.nextDouble(), random.nextDouble(),
                    -random.nextDouble() * 60, random.nextDouble() * 0.16, random.nextDouble() * 100, 0.5 + random.nextDouble()));
            state.governanceStatus(agent, new AgentStatusView(Lifecycle.LIVE, null));
            if (i % 50 == 7) {
                state.alert(agent, agent + "#1", "DIVERGENCE", true);
            }
        }
        return state;
    }

    /** A cap no score reaches: the one linear piece, solved without sorting. */
    @Benchmark
    public Projection projection() {
        return CappedSimplex.project(scores, 0.0, 0.25);
    }

    /** Floor and cap both bind (max 2/n, min 0.2/n): the breakpoints are sorted and walked. */
    @Benchmark
    public Projection projectionBinding() {
        return CappedSimplex.project(scores, 0.2 / agents, Math.min(1, 2.0 / agents));
    }

    @Benchmark
    public Map<PolicyName, Optional<Publication>> evaluateSteady() {
        return steadyBook.evaluate(view);
    }

    @Benchmark
    public Map<PolicyName, Optional<Publication>> evaluatePublishing() {
        turn ^= 1;
        return publishingBook.evaluate(alternating[turn]);
    }
}
