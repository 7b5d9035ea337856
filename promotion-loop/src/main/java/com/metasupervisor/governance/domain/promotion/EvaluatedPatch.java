package com.metasupervisor.governance.domain.promotion;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One candidate with its decision (SPEC §6).
 *
 * @param tags         derived from the target, in {@link PatchTag} order
 * @param reasons      why, in plain words; never empty
 * @param appliedValue value written to the live overrides (bounded_auto only), else null
 */
public record EvaluatedPatch(PatchSubmission patch, List<PatchTag> tags, PatchOutcome outcome, List<String> reasons,
                             BigDecimal appliedValue) {

    public EvaluatedPatch {
        Objects.requireNonNull(patch, "patch");
        Objects.requireNonNull(outcome, "outcome");
        tags = List.copyOf(tags);
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a decision needs at least one reason (patch " + patch.id() + ")");
        }
        if (appliedValue != null && outcome != PatchOutcome.ACCEPTED_FOR_PROPOSAL) {
            throw new IllegalArgumentException("only an accepted patch is applied (patch " + patch.id() + ")");
        }
    }

    public Set<PatchTag> tagSet() {
        return tags.isEmpty() ? Set.of() : Set.copyOf(tags);
    }

    EvaluatedPatch withApplied(BigDecimal value, String reason) {
        List<String> more = new ArrayList<>(reasons);
        more.add(reason);
        return new EvaluatedPatch(patch, tags, outcome, more, value);
    }
}
