package com.metasupervisor.governance.domain.promotion;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What bounded_auto writes to the live overrides in one cycle (SPEC §6). Only an ACCEPTED_FOR_PROPOSAL patch with a
 * numeric new value and exactly one of the tags LEVERAGE / TRIGGER / MACRO is applied (two such tags would make the
 * bounds ambiguous: not applied). The value is the new value clamped into the tag's [min, max], at most max-step from
 * the current live value (the overrides' value if present, else old_value); without a numeric current value the
 * step cannot be measured and nothing is written. Every accepted patch not applied says why.
 *
 * @param items  the evaluations, accepted ones annotated with the applied value or the reason it was not applied
 * @param writes target → value to write (merged over the existing overrides by the caller)
 */
public record BoundedAutoPlan(List<EvaluatedPatch> items, Map<String, BigDecimal> writes) {

    public BoundedAutoPlan {
        items = List.copyOf(items);
        writes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(writes));
    }

    /** The plan for a cycle; {@code live} holds the current override values by target. */
    public static BoundedAutoPlan of(List<EvaluatedPatch> evaluated, Map<String, BigDecimal> live,
                                     PromotionPolicy policy) {
        Objects.requireNonNull(live, "live");
        List<EvaluatedPatch> items = new ArrayList<>();
        Map<String, BigDecimal> writes = new LinkedHashMap<>();
        for (EvaluatedPatch e : evaluated) {
            if (e.outcome() != PatchOutcome.ACCEPTED_FOR_PROPOSAL) {
                items.add(e);
                continue;
            }
            List<PatchTag> autoTags = e.tags().stream().filter(t -> policy.boundsFor(t) != null).toList();
            Optional<BigDecimal> requested = PatchEvaluator.parseNumber(e.patch().newValue());
            String target = e.patch().target();
            if (autoTags.size() != 1) {
                items.add(e.withApplied(null, autoTags.isEmpty()
                        ? "not auto-applied: no leverage/trigger/macro tag (manual promotion only)"
                        : "not auto-applied: tags " + autoTags + " make the bounds ambiguous"));
                continue;
            }
            if (requested.isEmpty()) {
                items.add(e.withApplied(null, "not auto-applied: new value is not numeric"));
                continue;
            }
            AutoApplyBounds bounds = policy.boundsFor(autoTags.getFirst());
            BigDecimal current = live.containsKey(target) ? live.get(target)
                    : PatchEvaluator.parseNumber(e.patch().oldValue()).orElse(null);
            if (current == null) {
                items.add(e.withApplied(null, "not auto-applied: no numeric current value to measure the step from"));
                continue;
            }
            BigDecimal next = bounds.nextValue(current, requested.get());
            if (next == null) {
                items.add(e.withApplied(null, "not auto-applied: current value " + current.toPlainString()
                        + " is more than one step of " + bounds.maxStep().toPlainString() + " outside ["
                        + bounds.min().toPlainString() + ", " + bounds.max().toPlainString() + "]"));
                continue;
            }
            writes.put(target, next);
            items.add(e.withApplied(next, "auto-applied " + next.toPlainString() + " (requested "
                    + requested.get().toPlainString() + ", from " + current.toPlainString() + ", bounds ["
                    + bounds.min().toPlainString() + ", " + bounds.max().toPlainString() + "], max step "
                    + bounds.maxStep().toPlainString() + ")"));
        }
        return new BoundedAutoPlan(items, writes);
    }
}
