package com.metasupervisor.reporting.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * The first 12 hex digits of SHA-256 over a set of decision ids, sorted, each written as its UTF-8 length (4 bytes)
 * then its bytes: the same set in any order gives the same digest, and no id can contain a separator that makes two
 * sets collide ({"a\nb"} and {"a", "b"} differ).
 */
final class DecisionSetHash {

    private DecisionSetHash() {
    }

    static String of(Collection<String> decisionIds) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        for (String id : new TreeSet<>(decisionIds)) {
            byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
            sha256.update(new byte[]{(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
                    (byte) (bytes.length >>> 8), (byte) bytes.length});
            sha256.update(bytes);
        }
        return HexFormat.of().formatHex(sha256.digest()).substring(0, 12);
    }
}
