package com.metasupervisor.governance.domain.promotion;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Proposal id {@code <UTC timestamp>_<short hash>} (SPEC §6), e.g. {@code 20261130T040500Z_3fa2b1c9}: the cycle's
 * time to the second, then the first 8 hex digits of SHA-256 over that time and every patch's fields (sorted by
 * id). Same time and patches → same id, so a re-run cycle overwrites its own directory instead of adding one; the
 * timestamp sorts directories by time. Safe as a directory name.
 */
public final class ProposalId {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private ProposalId() {
    }

    public static String of(Instant cycleTime, List<PatchSubmission> patches) {
        String stamp = STAMP.format(cycleTime);
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
        update(digest, stamp);
        for (PatchSubmission p : patches.stream().sorted(Comparator.comparing(PatchSubmission::id)).toList()) {
            update(digest, p.id());
            update(digest, p.target());
            update(digest, p.oldValue() == null ? "\u0000" : p.oldValue());
            update(digest, p.newValue());
            update(digest, p.status());
            update(digest, Boolean.toString(p.eligibleForLive()));
        }
        return stamp + "_" + HexFormat.of().formatHex(digest.digest()).substring(0, 8);
    }

    private static void update(MessageDigest digest, String field) {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        // length prefix: ("ab","c") and ("a","bc") must not hash alike
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }
}
