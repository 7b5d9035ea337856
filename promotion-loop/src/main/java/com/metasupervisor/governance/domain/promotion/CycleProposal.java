package com.metasupervisor.governance.domain.promotion;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one proposal of a cycle (SPEC §6): every candidate with its decision, and the override values bounded_auto
 * writes (empty in manual_only).
 */
public record CycleProposal(String id, LoopMode mode, Instant createdAt, List<EvaluatedPatch> items,
                            Map<String, BigDecimal> autoApplied) {

    public CycleProposal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(createdAt, "createdAt");
        items = List.copyOf(items);
        autoApplied = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(autoApplied));
        if (mode == LoopMode.DISABLED) {
            throw new IllegalArgumentException("a disabled loop makes no proposal");
        }
        if (mode == LoopMode.MANUAL_ONLY && !autoApplied.isEmpty()) {
            throw new IllegalArgumentException("manual_only never writes overrides");
        }
    }

    /** Count per decision, every decision present (zeros included), in enum order. */
    public Map<PatchOutcome, Integer> counts() {
        Map<PatchOutcome, Integer> counts = new EnumMap<>(PatchOutcome.class);
        for (PatchOutcome o : PatchOutcome.values()) {
            counts.put(o, 0);
        }
        items.forEach(e -> counts.merge(e.outcome(), 1, Integer::sum));
        return counts;
    }

    public List<EvaluatedPatch> accepted() {
        return items.stream().filter(e -> e.outcome() == PatchOutcome.ACCEPTED_FOR_PROPOSAL).toList();
    }
}
