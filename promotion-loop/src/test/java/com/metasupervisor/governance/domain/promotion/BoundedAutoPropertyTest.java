package com.metasupervisor.governance.domain.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Acceptance 3 (SPEC §6): for any sequence of cycles of patches, bounded_auto never writes a value outside
 * [min, max], never moves a value more than max-step from its current live value, and never touches a target
 * without a leverage/trigger/macro tag — with the default bounds and with random valid bounds.
 */
class BoundedAutoPropertyTest {

    private static final List<String> TARGETS = List.of("portfolio.leverage", "strategy.trigger_delay",
            "macro.regime_weight", "risk.max_cvar", "portfolio.name", "execution.slippage_bps",
            "macro.trigger_delay", "strategy.deleverage_speed", "regime.weight_trend", "trigger.leverage_cap");

    record Scenario(PromotionPolicy policy, Map<String, BigDecimal> initialLive, List<List<PatchSubmission>> cycles) {
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<PromotionPolicy> policy = Arbitraries.oneOf(
                Arbitraries.just(PromotionPolicy.defaults(LoopMode.BOUNDED_AUTO)),
                Combinators.combine(bounds("leverage"), bounds("trigger-delay"), bounds("macro-weight"))
                        .as((l, t, m) -> new PromotionPolicy(LoopMode.BOUNDED_AUTO, new BigDecimal("1000"), l, t, m)));
        Arbitrary<Map<String, BigDecimal>> live = Arbitraries.maps(Arbitraries.of(TARGETS), value()).ofMaxSize(4);
        Arbitrary<List<List<PatchSubmission>>> cycles = patch().list().ofMaxSize(8).list().ofMinSize(1).ofMaxSize(6);
        return Combinators.combine(policy, live, cycles).as(Scenario::new);
    }

    private static Arbitrary<AutoApplyBounds> bounds(String name) {
        // leverage must stay > 0 (a sanity check), the others may start anywhere
        int low = name.equals("leverage") ? 1 : -100;
        Arbitrary<BigDecimal> min = Arbitraries.integers().between(low, 100).map(i -> BigDecimal.valueOf(i, 1));
        Arbitrary<BigDecimal> step = Arbitraries.of("0.05", "0.1", "0.25", "0.5", "1", "2").map(BigDecimal::new);
        Arbitrary<Integer> steps = Arbitraries.integers().between(1, 20);
        return Combinators.combine(min, step, steps)
                .as((lo, s, n) -> new AutoApplyBounds(name, lo, lo.add(s.multiply(BigDecimal.valueOf(n))), s));
    }

    private static Arbitrary<BigDecimal> value() {
        return Arbitraries.integers().between(-3000, 3000).map(i -> BigDecimal.valueOf(i, 2));
    }

    private static Arbitrary<String> text() {
        return Arbitraries.oneOf(value().map(BigDecimal::toPlainString),
                Arbitraries.of("abc", "", " ", "NaN", "Infinity", "1e3", "-0", "0x10", "2.0000001"));
    }

    private static Arbitrary<PatchSubmission> patch() {
        return Combinators.combine(Arbitraries.integers().between(1, 30), Arbitraries.of(TARGETS),
                        Arbitraries.oneOf(text(), Arbitraries.just(null)), text(),
                        Arbitraries.of("APPLIED_OFFLINE", "PROMOTED", "DRAFT"), Arbitraries.of(true, true, false))
                .as((n, target, old, neu, status, eligible) ->
                        new PatchSubmission("p" + n, target, old, neu, status, eligible));
    }

    @Property(tries = 400, seed = "20261130")
    void boundedAutoStaysInBoundsStepsAndAllowedTags(@ForAll("scenarios") Scenario s) {
        Map<String, BigDecimal> live = new HashMap<>(s.initialLive());
        Instant now = Instant.parse("2026-11-30T04:00:00Z");
        for (List<PatchSubmission> patches : s.cycles()) {
            Optional<CycleProposal> proposal = PromotionCycle.run(now, patches, s.policy(), live);
            if (proposal.isEmpty()) {
                assertThat(patches.stream().noneMatch(PatchSubmission::isCandidate)).isTrue();
                continue;
            }
            Map<String, BigDecimal> writes = proposal.get().autoApplied();
            for (Map.Entry<String, BigDecimal> w : writes.entrySet()) {
                List<PatchTag> auto = PatchTag.of(w.getKey()).stream().filter(t -> t != PatchTag.RISK).toList();
                assertThat(auto).as("allowed tag of %s", w.getKey()).hasSize(1);
                AutoApplyBounds b = s.policy().boundsFor(auto.getFirst());
                assertThat(w.getValue()).as("in bounds").isBetween(b.min(), b.max());
                EvaluatedPatch source = proposal.get().items().stream()
                        .filter(e -> e.patch().target().equals(w.getKey()) && e.appliedValue() != null)
                        .findFirst().orElseThrow();
                assertThat(source.outcome()).isEqualTo(PatchOutcome.ACCEPTED_FOR_PROPOSAL);
                assertThat(source.appliedValue()).isEqualByComparingTo(w.getValue());
                BigDecimal from = live.containsKey(w.getKey()) ? live.get(w.getKey())
                        : new BigDecimal(source.patch().oldValue().trim());
                assertThat(w.getValue().subtract(from).abs()).as("step of %s from %s", w.getKey(), from)
                        .isLessThanOrEqualTo(b.maxStep());
            }
            // nothing applied that is not in the writes, and no unaccepted patch carries a value
            proposal.get().items().stream().filter(e -> e.appliedValue() != null)
                    .forEach(e -> assertThat(writes).containsKey(e.patch().target()));
            live.putAll(writes);
            now = now.plusSeconds(3600);
        }
    }

    @Property(tries = 200, seed = "20261130")
    void manualOnlyNeverWrites(@ForAll("scenarios") Scenario s) {
        PromotionPolicy manual = s.policy().withMode(LoopMode.MANUAL_ONLY);
        for (List<PatchSubmission> patches : s.cycles()) {
            PromotionCycle.run(Instant.EPOCH, patches, manual, s.initialLive()).ifPresent(p -> {
                assertThat(p.autoApplied()).isEmpty();
                assertThat(p.items()).allMatch(e -> e.appliedValue() == null);
            });
        }
    }

    @Property(tries = 200, seed = "20261130")
    void repeatedCyclesConvergeToTheClampedRequest(@ForAll("scenarios") Scenario s) {
        // one accepted leverage patch, cycled until stable: ends at the request clamped into the bounds
        AutoApplyBounds b = s.policy().leverage();
        BigDecimal request = b.max().add(BigDecimal.ONE);
        PatchSubmission patch = new PatchSubmission("lev", "portfolio.leverage", b.min().toPlainString(),
                request.toPlainString(), "APPLIED_OFFLINE", true);
        PromotionPolicy lenient = new PromotionPolicy(LoopMode.BOUNDED_AUTO, request.abs().add(BigDecimal.TEN),
                b, s.policy().triggerDelay(), s.policy().macroWeight());
        Map<String, BigDecimal> live = new HashMap<>();
        List<BigDecimal> path = new ArrayList<>();
        for (int i = 0; i <= b.steps() + 1; i++) {
            BigDecimal v = PromotionCycle.run(Instant.EPOCH, List.of(patch), lenient, live).orElseThrow()
                    .autoApplied().get("portfolio.leverage");
            path.add(v);
            live.put("portfolio.leverage", v);
        }
        assertThat(path.getLast()).isEqualByComparingTo(b.max());
        assertThat(path.get(b.steps() - 1)).isEqualByComparingTo(b.max());
        if (b.steps() > 1) {
            assertThat(path.get(b.steps() - 2)).isLessThan(b.max());
        }
    }
}
