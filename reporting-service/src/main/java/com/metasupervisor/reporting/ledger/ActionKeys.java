package com.metasupervisor.reporting.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ledger keys: {@code <prefix>:<part>:<part>...}. Parts are data (agent names, alert ids); a part longer than
 * {@value #MAX_PART} characters is replaced by {@code sha256-<hex>} so a key stays small and still unique.
 */
public final class ActionKeys {

    static final int MAX_PART = 200;

    private ActionKeys() {
    }

    public static String of(String prefix, String... parts) {
        StringBuilder key = new StringBuilder(prefix);
        for (String part : parts) {
            key.append(':').append(part.length() > MAX_PART ? "sha256-" + sha256(part) : part);
        }
        return key.toString();
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
