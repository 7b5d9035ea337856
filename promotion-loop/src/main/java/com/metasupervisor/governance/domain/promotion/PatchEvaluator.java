package com.metasupervisor.governance.domain.promotion;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Candidates and decisions (SPEC §6). Order: policy (eligible_for_live), then sanity, then conflicts:
 * <ul>
 *   <li>REJECTED_BY_POLICY — not eligible for live (the learning loop's default).</li>
 *   <li>REJECTED_BY_SANITY_CHECK — a blank new value; a LEVERAGE/TRIGGER/MACRO target whose new value is not a
 *       finite number; leverage ≤ 0 or above the hard limit; a negative trigger delay or macro weight. All failing
 *       checks are listed.</li>
 *   <li>PENDING — eligible and sane, but another eligible, sane candidate of the cycle sets the same target to a
 *       different value: a person picks, neither is proposed (and neither is auto-applied) until one is gone.</li>
 *   <li>ACCEPTED_FOR_PROPOSAL — everything else.</li>
 * </ul>
 */
public final class PatchEvaluator {

    private PatchEvaluator() {
    }

    /** Decisions for the candidates among {@code patches}, sorted by patch id (non-candidates are left out). */
    public static List<EvaluatedPatch> evaluate(List<PatchSubmission> patches, PromotionPolicy policy) {
        List<PatchSubmission> candidates = patches.stream().filter(PatchSubmission::isCandidate)
                .sorted(java.util.Comparator.comparing(PatchSubmission::id)).toList();
        List<EvaluatedPatch> first = new ArrayList<>();
        Map<String, Set<String>> valuesByTarget = new HashMap<>();
        for (PatchSubmission patch : candidates) {
            List<PatchTag> tags = List.copyOf(PatchTag.of(patch.target()));
            EvaluatedPatch decided = decide(patch, tags, policy);
            if (decided.outcome() == PatchOutcome.ACCEPTED_FOR_PROPOSAL) {
                valuesByTarget.computeIfAbsent(patch.target(), t -> new HashSet<>()).add(patch.newValue().trim());
            }
            first.add(decided);
        }
        List<EvaluatedPatch> result = new ArrayList<>();
        for (EvaluatedPatch e : first) {
            Set<String> values = valuesByTarget.getOrDefault(e.patch().target(), Set.of());
            if (e.outcome() == PatchOutcome.ACCEPTED_FOR_PROPOSAL && values.size() > 1) {
                result.add(new EvaluatedPatch(e.patch(), e.tags(), PatchOutcome.PENDING,
                        List.of("conflict: " + values.size() + " eligible patches of this cycle set "
                                + e.patch().target() + " to different values; resolve before promotion"), null));
            } else {
                result.add(e);
            }
        }
        return List.copyOf(result);
    }

    private static EvaluatedPatch decide(PatchSubmission patch, List<PatchTag> tags, PromotionPolicy policy) {
        if (!patch.eligibleForLive()) {
            return new EvaluatedPatch(patch, tags, PatchOutcome.REJECTED_BY_POLICY,
                    List.of("not eligible for live (eligible_for_live=false)"), null);
        }
        List<String> failures = sanityFailures(patch, tags, policy);
        if (!failures.isEmpty()) {
            return new EvaluatedPatch(patch, tags, PatchOutcome.REJECTED_BY_SANITY_CHECK, failures, null);
        }
        return new EvaluatedPatch(patch, tags, PatchOutcome.ACCEPTED_FOR_PROPOSAL,
                List.of("eligible for live and passes the sanity checks"), null);
    }

    private static List<String> sanityFailures(PatchSubmission patch, List<PatchTag> tags, PromotionPolicy policy) {
        List<String> failures = new ArrayList<>();
        if (patch.newValue().isBlank()) {
            failures.add("new value is blank");
            return failures;
        }
        boolean numeric = tags.contains(PatchTag.LEVERAGE) || tags.contains(PatchTag.TRIGGER)
                || tags.contains(PatchTag.MACRO);
        Optional<BigDecimal> value = parseNumber(patch.newValue());
        if (numeric && value.isEmpty()) {
            failures.add("new value is not a finite number, but a " + numericTags(tags) + " target needs one");
            return failures;
        }
        if (value.isEmpty()) {
            return failures;
        }
        BigDecimal v = value.get();
        if (tags.contains(PatchTag.LEVERAGE)) {
            if (v.signum() <= 0) {
                failures.add("leverage " + v.toPlainString() + " must be > 0");
            }
            if (v.compareTo(policy.leverageHardLimit()) > 0) {
                failures.add("leverage " + v.toPlainString() + " above the hard limit "
                        + policy.leverageHardLimit().toPlainString());
            }
        }
        if (tags.contains(PatchTag.TRIGGER) && v.signum() < 0) {
            failures.add("trigger value " + v.toPlainString() + " must not be negative");
        }
        if (tags.contains(PatchTag.MACRO) && v.signum() < 0) {
            failures.add("macro value " + v.toPlainString() + " must not be negative");
        }
        return failures;
    }

    private static String numericTags(List<PatchTag> tags) {
        return tags.stream().filter(t -> t != PatchTag.RISK).map(PatchTag::label)
                .reduce((a, b) -> a + "/" + b).orElse("numeric");
    }

    /** A finite decimal number, or empty (NaN, Infinity, hex, blanks and words are not numbers here). */
    public static Optional<BigDecimal> parseNumber(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        if (t.isEmpty() || !t.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,3})?")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(t));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
