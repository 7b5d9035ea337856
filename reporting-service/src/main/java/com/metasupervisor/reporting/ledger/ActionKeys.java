package com.metasupervisor.reporting.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ledger keys: {@code <prefix>:<part>:<part>...}. Parts are data (agent names, alert ids, decision ids). A part is
 * replaced by {@code sha256-<hex of its UTF-8>} when it is over {@value #MAX_PART} bytes of UTF-8 (the key stays small
 * whatever the alphabet), contains the separator {@code ':'} (else {@code a:b} + {@code c} and {@code a} + {@code b:c}
 * would share a key) or already starts with {@value #HASHED} (so it cannot pass for another part's hash). Plain parts
 * are kept as they are: the keys stay readable.
 */
public final class ActionKeys {

    static final int MAX_PART = 200;
    static final String HASHED = "sha256-";

    private ActionKeys() {
    }

    public static String of(String prefix, String... parts) {
        StringBuilder key = new StringBuilder(prefix);
        for (String part : parts) {
            key.append(':').append(plain(part) ? part : HASHED + sha256(part));
        }
        return key.toString();
    }

    private static boolean plain(String part) {
        return part.indexOf(':') < 0 && !part.startsWith(HASHED)
                && part.getBytes(StandardCharsets.UTF_8).length <= MAX_PART;
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
