package com.metasupervisor.governance.domain.promotion;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Tags derived from a patch's target (SPEC §6). The target is split on {@code .}, {@code _} and {@code -} into
 * lower-case words: {@code leverage} → LEVERAGE and RISK (leverage is a risk setting); {@code risk}, {@code cvar},
 * {@code var}, {@code drawdown}, {@code stop}, {@code exposure} → RISK; {@code macro}, {@code regime} → MACRO;
 * {@code trigger} → TRIGGER. Whole words only, so {@code deleverage_speed} is not a leverage key.
 */
public enum PatchTag {
    LEVERAGE, RISK, MACRO, TRIGGER;

    private static final Set<String> RISK_WORDS = Set.of("risk", "cvar", "var", "drawdown", "stop", "exposure");

    /** The tags of a target; empty when no word matches. */
    public static Set<PatchTag> of(String target) {
        EnumSet<PatchTag> tags = EnumSet.noneOf(PatchTag.class);
        for (String word : target.toLowerCase(Locale.ROOT).split("[._\\-]+")) {
            switch (word) {
                case "leverage" -> { tags.add(LEVERAGE); tags.add(RISK); }
                case "macro", "regime" -> tags.add(MACRO);
                case "trigger" -> tags.add(TRIGGER);
                default -> { if (RISK_WORDS.contains(word)) tags.add(RISK); }
            }
        }
        return tags;
    }

    /** Lower-case label used in artifacts and records. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
