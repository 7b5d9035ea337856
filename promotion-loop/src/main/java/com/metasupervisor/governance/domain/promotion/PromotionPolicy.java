package com.metasupervisor.governance.domain.promotion;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What the promotion loop enforces (SPEC §6), built from the settings.
 *
 * @param leverageHardLimit a leverage-tagged value above this is rejected by the sanity check (3.0)
 * @param leverage          bounded_auto bounds for LEVERAGE-tagged targets
 * @param triggerDelay      bounded_auto bounds for TRIGGER-tagged targets
 * @param macroWeight       bounded_auto bounds for MACRO-tagged targets
 */
public record PromotionPolicy(LoopMode mode, BigDecimal leverageHardLimit, AutoApplyBounds leverage,
                              AutoApplyBounds triggerDelay, AutoApplyBounds macroWeight) {

    public PromotionPolicy {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(leverageHardLimit, "leverageHardLimit");
        Objects.requireNonNull(leverage, "leverage");
        Objects.requireNonNull(triggerDelay, "triggerDelay");
        Objects.requireNonNull(macroWeight, "macroWeight");
        if (leverageHardLimit.signum() <= 0) {
            throw new IllegalArgumentException("leverage hard limit must be > 0, was " + leverageHardLimit);
        }
    }

    /** SPEC §6 defaults in the given mode. */
    public static PromotionPolicy defaults(LoopMode mode) {
        return new PromotionPolicy(mode, new BigDecimal("3.0"),
                AutoApplyBounds.of("leverage", 1.0, 2.0, 0.25),
                AutoApplyBounds.of("trigger-delay", 3, 15, 2),
                AutoApplyBounds.of("macro-weight", 0, 0.8, 0.1));
    }

    public PromotionPolicy withMode(LoopMode newMode) {
        return new PromotionPolicy(newMode, leverageHardLimit, leverage, triggerDelay, macroWeight);
    }

    /** The bounds of an auto-appliable tag; null for RISK (never auto-applied). */
    public AutoApplyBounds boundsFor(PatchTag tag) {
        return switch (tag) {
            case LEVERAGE -> leverage;
            case TRIGGER -> triggerDelay;
            case MACRO -> macroWeight;
            case RISK -> null;
        };
    }
}
