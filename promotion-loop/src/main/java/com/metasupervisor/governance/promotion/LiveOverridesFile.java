package com.metasupervisor.governance.promotion;

import com.metasupervisor.streams.files.AtomicFileWrite;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code config/live_overrides/auto.toml}, the file bounded_auto writes: the user's {@code [auto_applied]} table of
 * target → number, plus a {@code meta} table (proposal_id, updated_at). Jackson's TOML writer emits dotted keys,
 * the same TOML document as the table form a person may write:
 * <pre>
 * auto_applied.'portfolio.leverage' = 1.25
 * meta.proposal_id = '20261130T040500Z_546c1e50'
 * </pre>
 * Written atomically; targets kept sorted so that a diff shows only what changed.
 */
public final class LiveOverridesFile {

    public static final String TABLE = "auto_applied";
    private static final TomlMapper TOML = new TomlMapper();

    private LiveOverridesFile() {
    }

    /** The file's overrides; empty when the file does not exist. */
    public static Map<String, BigDecimal> read(Path file) throws IOException, InvalidOverridesException {
        if (!Files.exists(file)) {
            return Map.of();
        }
        JsonNode root;
        try {
            root = TOML.readTree(file.toFile());
        } catch (IOException e) {
            if (e instanceof com.fasterxml.jackson.core.JacksonException) {
                throw new InvalidOverridesException(file + ": not valid TOML: " + firstLine(e.getMessage()));
            }
            throw e;
        }
        if (root == null || root.isMissingNode() || root.isEmpty()) {
            return Map.of();
        }
        JsonNode table = root.get(TABLE);
        if (table == null) {
            return Map.of();
        }
        if (!table.isObject()) {
            throw new InvalidOverridesException(file + ": [" + TABLE + "] must be a table");
        }
        Map<String, BigDecimal> values = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode value = entry.getValue();
            if (!value.isNumber() || (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue()))) {
                throw new InvalidOverridesException(file + ": [" + TABLE + "] \"" + entry.getKey()
                        + "\" must be a finite number, was " + value);
            }
            values.put(entry.getKey(), value.decimalValue().stripTrailingZeros());
        }
        return values;
    }

    /** Writes {@code writes} over the file's current overrides (kept), with the proposal that wrote them. */
    public static void merge(Path file, Map<String, BigDecimal> writes, String proposalId, Instant now)
            throws IOException, InvalidOverridesException {
        Map<String, BigDecimal> all = new TreeMap<>(read(file));
        all.putAll(writes);
        ObjectNode root = TOML.createObjectNode();
        ObjectNode table = root.putObject(TABLE);
        // TOML floats, as in the user's file: 8 is written 8.0
        all.forEach((target, value) -> table.put(target, value.doubleValue()));
        ObjectNode meta = root.putObject("meta");
        meta.put("proposal_id", proposalId);
        meta.put("updated_at", now.toString());
        AtomicFileWrite.replace(file, TOML.writeValueAsBytes(root));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "parse error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** The overrides file exists but cannot be used. */
    public static final class InvalidOverridesException extends Exception {
        public InvalidOverridesException(String message) {
            super(message);
        }
    }
}
