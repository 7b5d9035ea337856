package com.metasupervisor.governance.domain.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatchEvaluatorTest {

    private static final PromotionPolicy POLICY = PromotionPolicy.defaults(LoopMode.MANUAL_ONLY);

    private static PatchSubmission patch(String id, String target, String old, String neu, boolean eligible) {
        return new PatchSubmission(id, target, old, neu, "APPLIED_OFFLINE", eligible);
    }

    private static EvaluatedPatch only(PatchSubmission p) {
        List<EvaluatedPatch> out = PatchEvaluator.evaluate(List.of(p), POLICY);
        assertThat(out).hasSize(1);
        return out.getFirst();
    }

    @Test
    void onlyAppliedOfflineAndPromotedAreCandidates() {
        List<EvaluatedPatch> out = PatchEvaluator.evaluate(List.of(
                new PatchSubmission("a", "portfolio.leverage", "1", "1.5", "APPLIED_OFFLINE", true),
                new PatchSubmission("b", "portfolio.leverage", "1", "1.5", "PROMOTED", true),
                new PatchSubmission("c", "portfolio.leverage", "1", "1.5", "DRAFT", true),
                new PatchSubmission("d", "portfolio.leverage", "1", "1.5", "applied_offline", true)), POLICY);
        assertThat(out).extracting(e -> e.patch().id()).containsExactly("a", "b");
    }

    @Test
    void notEligibleIsRejectedByPolicyEvenWhenInsane() {
        EvaluatedPatch e = only(patch("p", "portfolio.leverage", "1", "9", false));
        assertThat(e.outcome()).isEqualTo(PatchOutcome.REJECTED_BY_POLICY);
        assertThat(e.reasons()).singleElement().asString().contains("eligible_for_live=false");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "portfolio.leverage     | 3.0       | ACCEPTED_FOR_PROPOSAL    | passes",
            "portfolio.leverage     | 3.0001    | REJECTED_BY_SANITY_CHECK | above the hard limit 3.0",
            "portfolio.leverage     | 0         | REJECTED_BY_SANITY_CHECK | must be > 0",
            "portfolio.leverage     | two       | REJECTED_BY_SANITY_CHECK | not a finite number",
            "portfolio.leverage     | NaN       | REJECTED_BY_SANITY_CHECK | not a finite number",
            "strategy.trigger_delay | -1        | REJECTED_BY_SANITY_CHECK | must not be negative",
            "strategy.trigger_delay | 0         | ACCEPTED_FOR_PROPOSAL    | passes",
            "macro.regime_weight    | -0.1      | REJECTED_BY_SANITY_CHECK | must not be negative",
            "macro.regime_weight    | 1e-1      | ACCEPTED_FOR_PROPOSAL    | passes",
            "risk.max_cvar          | tight     | ACCEPTED_FOR_PROPOSAL    | passes",
            "portfolio.name         | '  '      | REJECTED_BY_SANITY_CHECK | blank",
    })
    void sanityChecksAtTheirBoundaries(String target, String value, PatchOutcome expected, String reason) {
        EvaluatedPatch e = only(patch("p", target, "1", value, true));
        assertThat(e.outcome()).isEqualTo(expected);
        assertThat(e.reasons()).anySatisfy(r -> assertThat(r).contains(reason));
    }

    @Test
    void everySanityFailureIsListed() {
        PromotionPolicy tiny = new PromotionPolicy(LoopMode.MANUAL_ONLY, new java.math.BigDecimal("0.5"),
                POLICY.leverage(), POLICY.triggerDelay(), POLICY.macroWeight());
        EvaluatedPatch e = PatchEvaluator.evaluate(List.of(patch("p", "trigger.leverage", "1", "-1", true)), tiny)
                .getFirst();
        assertThat(e.outcome()).isEqualTo(PatchOutcome.REJECTED_BY_SANITY_CHECK);
        assertThat(e.reasons()).hasSize(2).anySatisfy(r -> assertThat(r).contains("must be > 0"))
                .anySatisfy(r -> assertThat(r).contains("trigger value -1 must not be negative"));
    }

    @Test
    void conflictingCandidatesForOneTargetArePendingAndAgreeingOnesAccepted() {
        List<EvaluatedPatch> out = PatchEvaluator.evaluate(List.of(
                patch("b", "portfolio.leverage", "1", "1.5", true),
                patch("a", "portfolio.leverage", "1", "1.25", true),
                patch("c", "portfolio.leverage", "1", "9", true),          // insane: not part of the conflict
                patch("d", "macro.regime_weight", "0.2", "0.3", true),
                patch("e", "macro.regime_weight", "0.2", " 0.3", true)), POLICY);
        assertThat(out).extracting(e -> e.patch().id()).containsExactly("a", "b", "c", "d", "e");
        assertThat(out).extracting(EvaluatedPatch::outcome).containsExactly(PatchOutcome.PENDING,
                PatchOutcome.PENDING, PatchOutcome.REJECTED_BY_SANITY_CHECK,
                PatchOutcome.ACCEPTED_FOR_PROPOSAL, PatchOutcome.ACCEPTED_FOR_PROPOSAL);
        assertThat(out.getFirst().reasons()).singleElement().asString().contains("conflict: 2 eligible patches");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "portfolio.leverage         | LEVERAGE,RISK",
            "risk.max_cvar              | RISK",
            "allocator.max_drawdown_bps | RISK",
            "macro.regime_weight        | MACRO",
            "regime.weight_trend        | MACRO",
            "strategy.trigger_delay     | TRIGGER",
            "Strategy.Trigger-Delay     | TRIGGER",
            "strategy.deleverage_speed  | ''",
            "portfolio.name             | ''",
    })
    void tagsComeFromWholeWordsOfTheTarget(String target, String tags) {
        Set<PatchTag> expected = tags.isEmpty() ? Set.of()
                : java.util.Arrays.stream(tags.split(",")).map(PatchTag::valueOf)
                .collect(java.util.stream.Collectors.toSet());
        assertThat(PatchTag.of(target)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(only(patch("p", target, "1", "1.5", true)).tags()).containsExactlyInAnyOrderElementsOf(expected);
    }
}
