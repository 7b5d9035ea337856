package com.metasupervisor.governance.domain.promotion;

import java.util.Locale;

/** Promotion-loop mode (SPEC §6). */
public enum LoopMode {
    /** Nothing: no evaluation, no proposal, no overrides. */
    DISABLED,
    /** Proposals only (the default). */
    MANUAL_ONLY,
    /** Proposals, and accepted numeric leverage/trigger/macro patches written to the live overrides within bounds. */
    BOUNDED_AUTO;

    /** Accepts {@code bounded_auto}, {@code bounded-auto} or {@code BOUNDED_AUTO}. */
    public static LoopMode parse(String text) {
        String normal = text == null ? "" : text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (LoopMode mode : values()) {
            if (mode.name().equals(normal)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown promotion mode '" + text + "' (disabled, manual_only, bounded_auto)");
    }

    /** The snake-case label of the user's tooling ({@code manual_only}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
