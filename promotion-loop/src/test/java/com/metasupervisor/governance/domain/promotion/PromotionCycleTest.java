package com.metasupervisor.governance.domain.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromotionCycleTest {

    private static final Instant NOW = Instant.parse("2026-11-30T04:05:06.789Z");
    private static final List<PatchSubmission> PATCHES = List.of(
            new PatchSubmission("p1", "portfolio.leverage", "1.0", "2.0", "APPLIED_OFFLINE", true),
            new PatchSubmission("p2", "strategy.trigger_delay", "5", "12", "PROMOTED", true),
            new PatchSubmission("p3", "macro.regime_weight", "0.5", "0.2", "APPLIED_OFFLINE", true),
            new PatchSubmission("p4", "risk.max_cvar", "100", "90", "APPLIED_OFFLINE", true),
            new PatchSubmission("p5", "macro.regime_weight_range", null, "0.4", "APPLIED_OFFLINE", true),
            new PatchSubmission("p6", "portfolio.leverage_cap", "1", "4", "APPLIED_OFFLINE", true),
            new PatchSubmission("p7", "execution.venue", "a", "b", "APPLIED_OFFLINE", false),
            new PatchSubmission("p8", "execution.venue", "a", "b", "DRAFT", true));

    @Test
    void disabledDoesNothing() {
        assertThat(PromotionCycle.run(NOW, PATCHES, PromotionPolicy.defaults(LoopMode.DISABLED), Map.of())).isEmpty();
    }

    @Test
    void noCandidatesNoProposal() {
        assertThat(PromotionCycle.run(NOW, List.of(PATCHES.getLast()), PromotionPolicy.defaults(LoopMode.MANUAL_ONLY),
                Map.of())).isEmpty();
    }

    @Test
    void manualOnlyProposesWithoutApplying() {
        CycleProposal p = PromotionCycle.run(NOW, PATCHES, PromotionPolicy.defaults(LoopMode.MANUAL_ONLY), Map.of())
                .orElseThrow();
        assertThat(p.id()).startsWith("20261130T040506Z_");
        assertThat(p.items()).hasSize(7);
        assertThat(p.counts()).containsEntry(PatchOutcome.ACCEPTED_FOR_PROPOSAL, 5)
                .containsEntry(PatchOutcome.REJECTED_BY_SANITY_CHECK, 1)
                .containsEntry(PatchOutcome.REJECTED_BY_POLICY, 1).containsEntry(PatchOutcome.PENDING, 0);
        assertThat(p.autoApplied()).isEmpty();
        assertThat(p.items()).allMatch(e -> e.appliedValue() == null);
    }

    @Test
    void boundedAutoAppliesOneStepForAllowedTagsOnly() {
        CycleProposal p = PromotionCycle.run(NOW, PATCHES, PromotionPolicy.defaults(LoopMode.BOUNDED_AUTO),
                Map.of("strategy.trigger_delay", new BigDecimal("14"))).orElseThrow();
        assertThat(p.autoApplied()).containsOnlyKeys("portfolio.leverage", "strategy.trigger_delay",
                "macro.regime_weight");
        assertThat(p.autoApplied().get("portfolio.leverage")).isEqualByComparingTo("1.25");
        assertThat(p.autoApplied().get("strategy.trigger_delay")).isEqualByComparingTo("12"); // from live 14
        assertThat(p.autoApplied().get("macro.regime_weight")).isEqualByComparingTo("0.4");
        assertThat(reasons(p, "p4")).last().asString().contains("no leverage/trigger/macro tag");
        assertThat(reasons(p, "p5")).last().asString().contains("no numeric current value");
        assertThat(p.items().stream().filter(e -> e.patch().id().equals("p6")).findFirst().orElseThrow().outcome())
                .isEqualTo(PatchOutcome.REJECTED_BY_SANITY_CHECK);
    }

    @Test
    void pendingPatchesAreNotApplied() {
        List<PatchSubmission> conflict = List.of(
                new PatchSubmission("a", "portfolio.leverage", "1.0", "1.5", "APPLIED_OFFLINE", true),
                new PatchSubmission("b", "portfolio.leverage", "1.0", "1.75", "APPLIED_OFFLINE", true));
        CycleProposal p = PromotionCycle.run(NOW, conflict, PromotionPolicy.defaults(LoopMode.BOUNDED_AUTO), Map.of())
                .orElseThrow();
        assertThat(p.counts()).containsEntry(PatchOutcome.PENDING, 2);
        assertThat(p.autoApplied()).isEmpty();
    }

    @Test
    void proposalIdIsDeterministicFromTimeAndPatches() {
        String id = ProposalId.of(NOW, PATCHES);
        assertThat(id).matches("20261130T040506Z_[0-9a-f]{8}");
        assertThat(ProposalId.of(NOW, PATCHES.reversed())).isEqualTo(id);
        assertThat(ProposalId.of(NOW.plusSeconds(1), PATCHES)).isNotEqualTo(id).startsWith("20261130T040507Z_");
        List<PatchSubmission> changed = new java.util.ArrayList<>(PATCHES);
        changed.set(0, new PatchSubmission("p1", "portfolio.leverage", "1.0", "2.00", "APPLIED_OFFLINE", true));
        assertThat(ProposalId.of(NOW, changed)).isNotEqualTo(id).startsWith("20261130T040506Z_");
    }

    @Test
    void modesParseFromTheUsersSpelling() {
        assertThat(LoopMode.parse("bounded_auto")).isEqualTo(LoopMode.BOUNDED_AUTO);
        assertThat(LoopMode.parse("Manual-Only")).isEqualTo(LoopMode.MANUAL_ONLY);
        assertThat(LoopMode.DISABLED.label()).isEqualTo("disabled");
        assertThatThrownBy(() -> LoopMode.parse("auto")).hasMessageContaining("unknown promotion mode 'auto'");
    }

    private static List<String> reasons(CycleProposal p, String id) {
        return p.items().stream().filter(e -> e.patch().id().equals(id)).findFirst().orElseThrow().reasons();
    }
}
