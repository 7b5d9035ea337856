package com.metasupervisor.governance.domain.promotion;

import java.util.Objects;

/**
 * A config patch from the learning loop as the promotion loop sees it (SPEC §6). Values are text as produced;
 * {@code oldValue} may be null. The fields are untrusted producer text.
 *
 * @param status APPLIED_OFFLINE, PROMOTED or anything else (not a candidate)
 */
public record PatchSubmission(String id, String target, String oldValue, String newValue, String status,
                              boolean eligibleForLive) {

    public static final String APPLIED_OFFLINE = "APPLIED_OFFLINE";
    public static final String PROMOTED = "PROMOTED";

    public PatchSubmission {
        requireText(id, "patch id");
        requireText(target, "patch target");
        Objects.requireNonNull(newValue, "patch new_value");
        Objects.requireNonNull(status, "patch status");
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** Only patches already applied offline or promoted are candidates; the rest are not evaluated. */
    public boolean isCandidate() {
        return APPLIED_OFFLINE.equals(status) || PROMOTED.equals(status);
    }
}
