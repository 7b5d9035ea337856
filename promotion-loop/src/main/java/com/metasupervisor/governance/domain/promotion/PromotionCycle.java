package com.metasupervisor.governance.domain.promotion;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One promotion-loop cycle, pure (SPEC §6). DISABLED does nothing; a cycle without candidates makes no proposal
 * (no empty directories on every tick); otherwise exactly one proposal, with bounded_auto's writes when in that mode.
 */
public final class PromotionCycle {

    private PromotionCycle() {
    }

    /**
     * @param now  the cycle's time (the proposal id and created_at)
     * @param live current live override values by target (bounded_auto measures steps from them)
     */
    public static Optional<CycleProposal> run(Instant now, List<PatchSubmission> patches, PromotionPolicy policy,
                                              Map<String, BigDecimal> live) {
        if (policy.mode() == LoopMode.DISABLED) {
            return Optional.empty();
        }
        List<EvaluatedPatch> evaluated = PatchEvaluator.evaluate(patches, policy);
        if (evaluated.isEmpty()) {
            return Optional.empty();
        }
        String id = ProposalId.of(now, patches.stream().filter(PatchSubmission::isCandidate).toList());
        if (policy.mode() == LoopMode.MANUAL_ONLY) {
            return Optional.of(new CycleProposal(id, policy.mode(), now, evaluated, Map.of()));
        }
        BoundedAutoPlan plan = BoundedAutoPlan.of(evaluated, live, policy);
        return Optional.of(new CycleProposal(id, policy.mode(), now, plan.items(), plan.writes()));
    }
}
