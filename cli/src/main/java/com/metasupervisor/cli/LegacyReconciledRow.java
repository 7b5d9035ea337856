package com.metasupervisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.metasupervisor.avro.ReconciledAlpha;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;

/**
 * One row of the old Python system's {@code alpha/reconciled.jsonl} as a {@link ReconciledAlpha} (SPEC §2). The old rows
 * were written by {@code alpha/reconcile.py}, whose fields grew over time (seeds/001: {@code expected_pnl_bps},
 * {@code pnl_error_bps}, {@code abs_error_bps}, {@code sim_version}, then {@code strategy_class}), so only the fields
 * every version wrote are required; the others are derived or defaulted, the way the old code read them:
 *
 * <ul>
 *   <li>required: {@code agent}, {@code horizon_hours}, {@code realized_pnl_bps} (or {@code pnl_bps}, the older name),
 *       and the call's time {@code emitted_at} (or {@code ts}): ISO-8601 (without a zone: UTC, as the old code wrote
 *       {@code datetime.utcnow()}), or epoch seconds (a number below 10^11, fractions allowed, Python's
 *       {@code time.time()}) or epoch millis; cut to the millisecond.</li>
 *   <li>{@code event_id}: the row's own, else {@code legacy-} + 16 hex digits of SHA-256 over agent, symbol, emitted_at,
 *       direction, score_final and confidence: stable, so the same event's rows at every horizon share it and an import
 *       run twice names the rows the same way (downstream deduplicates by event id and horizon).</li>
 *   <li>{@code strategy_class}: the row's, else the agent's class in the manifest imported with it, else {@code unknown}
 *       (SPEC's rule: event, registry, unknown). {@code symbol}, {@code regime}: the row's, else {@code unknown}.</li>
 *   <li>{@code matured_at}: the row's, else emitted_at + horizon. {@code direction}: the row's (+1 / −1), else +1.
 *       {@code score_final}, {@code confidence}: the row's, else 0 (the old {@code _f} default).</li>
 *   <li>{@code entry_price}, {@code exit_price}: the row's; a missing entry is 1 and a missing exit is
 *       entry × (1 + direction × realized / 10 000), so SPEC §3's realized PnL formula holds on the row.</li>
 *   <li>{@code expected_pnl_bps}: the row's, else 0 ({@code fallback_zero}); {@code expected_sigma_bps} the row's or null;
 *       {@code sim_version} the row's, else {@code fallback_zero}; {@code pnl_error_bps} and {@code abs_error_bps} the
 *       row's (rounded to 0.01 by the old code: kept as written), else realized − expected and its magnitude;
 *       {@code hit} the row's, else realized &gt; 0.</li>
 * </ul>
 * Other keys of an old row are ignored. A present field of the wrong type or out of range is an error naming it.
 */
final class LegacyReconciledRow {

    static final String UNKNOWN = "unknown";
    static final String FALLBACK_SIM_VERSION = "fallback_zero";
    private static final double EPOCH_SECONDS_BELOW = 1e11;

    private LegacyReconciledRow() {
    }

    /** The row, with {@code classByAgent} (the manifest's agents) filling a missing strategy class. */
    static ReconciledAlpha fromLegacy(JsonNode row, Map<String, String> classByAgent) throws JsonFieldException {
        if (row == null || !row.isObject()) {
            throw new JsonFieldException("", "expected a JSON object (a reconciled row), found " + RecordJson.kind(row));
        }
        String agent = requiredText(row, "agent");
        int horizon = horizonHours(row);
        if (!row.hasNonNull("realized_pnl_bps") && !row.hasNonNull("pnl_bps")) {
            throw new JsonFieldException("realized_pnl_bps", "missing required field (or pnl_bps)");
        }
        double realized = row.hasNonNull("realized_pnl_bps") ? finite(row, "realized_pnl_bps") : finite(row, "pnl_bps");
        Instant emittedAt = time(row, row.has("emitted_at") ? "emitted_at" : "ts");
        Instant maturedAt = row.hasNonNull("matured_at") ? time(row, "matured_at") : emittedAt.plus(Duration.ofHours(horizon));
        if (maturedAt.isBefore(emittedAt)) {
            throw new JsonFieldException("matured_at", "before emitted_at " + emittedAt);
        }
        int direction = 1;
        if (row.hasNonNull("direction")) {
            JsonNode d = row.get("direction");
            if (!d.isIntegralNumber() || Math.abs(d.longValue()) != 1) {
                throw new JsonFieldException("direction", "expected +1 or -1, found " + RecordJson.kind(d));
            }
            direction = d.intValue();
        }
        String symbol = optionalText(row, "symbol", UNKNOWN);
        double score = row.hasNonNull("score_final") ? finite(row, "score_final") : 0.0;
        double confidence = row.hasNonNull("confidence") ? finite(row, "confidence") : 0.0;
        if (confidence < 0 || confidence > 1) {
            throw new JsonFieldException("confidence", "expected a number in [0, 1], found " + confidence);
        }
        double entry = row.hasNonNull("entry_price") ? positive(row, "entry_price") : 1.0;
        double exit = row.hasNonNull("exit_price") ? positive(row, "exit_price") : entry * (1 + direction * realized / 10_000);
        double expected = row.hasNonNull("expected_pnl_bps") ? finite(row, "expected_pnl_bps") : 0.0;
        Double sigma = row.hasNonNull("expected_sigma_bps") ? finite(row, "expected_sigma_bps") : null;
        double error = row.hasNonNull("pnl_error_bps") ? finite(row, "pnl_error_bps") : realized - expected;
        double absError = row.hasNonNull("abs_error_bps") ? finite(row, "abs_error_bps") : Math.abs(error);
        boolean hit = realized > 0;
        if (row.hasNonNull("hit")) {
            if (!row.get("hit").isBoolean()) {
                throw new JsonFieldException("hit", "expected true or false, found " + RecordJson.kind(row.get("hit")));
            }
            hit = row.get("hit").booleanValue();
        }
        String eventId = row.hasNonNull("event_id") ? requiredText(row, "event_id")
                : derivedEventId(agent, symbol, emittedAt, direction, score, confidence);
        String strategyClass = optionalText(row, "strategy_class", classByAgent.getOrDefault(agent, UNKNOWN));
        return ReconciledAlpha.newBuilder()
                .setEventId(eventId).setAgent(agent).setStrategyClass(strategyClass).setSymbol(symbol)
                .setRegime(optionalText(row, "regime", UNKNOWN)).setHorizonHours(horizon)
                .setEmittedAt(emittedAt).setMaturedAt(maturedAt).setDirection(direction)
                .setScoreFinal(score).setConfidence(confidence).setEntryPrice(entry).setExitPrice(exit)
                .setRealizedPnlBps(realized).setExpectedPnlBps(expected).setExpectedSigmaBps(sigma)
                .setPnlErrorBps(error).setAbsErrorBps(absError)
                .setSimVersion(optionalText(row, "sim_version", FALLBACK_SIM_VERSION)).setHit(hit)
                .build();
    }

    static String derivedEventId(String agent, String symbol, Instant emittedAt, int direction, double score, double confidence) {
        String identity = String.join("\u0000", agent, symbol, Long.toString(emittedAt.toEpochMilli()), Integer.toString(direction),
                Double.toString(score), Double.toString(confidence));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return "legacy-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static int horizonHours(JsonNode row) throws JsonFieldException {
        JsonNode node = row.get("horizon_hours");
        if (node == null || node.isNull()) {
            throw new JsonFieldException("horizon_hours", "missing required field");
        }
        // the old code wrote int(h), and read int(r.get("horizon_hours")): 24 or "24"
        long hours;
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            hours = node.intValue();
        } else if (node.isTextual() && node.textValue().matches("\\d{1,6}")) {
            hours = Long.parseLong(node.textValue());
        } else {
            throw new JsonFieldException("horizon_hours", "expected a whole number of hours, found " + RecordJson.kind(node));
        }
        if (hours < 1) {
            throw new JsonFieldException("horizon_hours", "must be >= 1, was " + hours);
        }
        return (int) hours;
    }

    private static Instant time(JsonNode row, String field) throws JsonFieldException {
        JsonNode node = row.get(field);
        if (node == null || node.isNull()) {
            throw new JsonFieldException(field.equals("ts") ? "emitted_at" : field, "missing required field (or ts)");
        }
        if (node.isNumber()) {
            double value = node.doubleValue();
            if (!Double.isFinite(value) || value < 0) {
                throw new JsonFieldException(field, "expected epoch seconds or millis, found " + RecordJson.kind(node));
            }
            return value < EPOCH_SECONDS_BELOW ? Instant.ofEpochMilli((long) Math.floor(value * 1000)) : Instant.ofEpochMilli(node.longValue());
        }
        if (!node.isTextual()) {
            throw new JsonFieldException(field, "expected an ISO-8601 time or epoch seconds, found " + RecordJson.kind(node));
        }
        String text = node.textValue();
        try {
            return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException withZone) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
            } catch (DateTimeParseException e) {
                throw new JsonFieldException(field, "not an ISO-8601 time: '" + text + "'");
            }
        }
    }

    private static String requiredText(JsonNode row, String field) throws JsonFieldException {
        JsonNode node = row.get(field);
        if (node == null || node.isNull()) {
            throw new JsonFieldException(field, "missing required field");
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw new JsonFieldException(field, "expected a non-blank string, found " + RecordJson.kind(node));
        }
        return node.textValue();
    }

    private static String optionalText(JsonNode row, String field, String otherwise) throws JsonFieldException {
        return row.hasNonNull(field) ? requiredText(row, field) : otherwise;
    }

    private static double finite(JsonNode row, String field) throws JsonFieldException {
        JsonNode node = row.get(field);
        if (node == null || node.isNull()) {
            throw new JsonFieldException(field, "missing required field");
        }
        if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
            throw new JsonFieldException(field, "expected a finite number, found " + RecordJson.kind(node));
        }
        return node.doubleValue();
    }

    private static double positive(JsonNode row, String field) throws JsonFieldException {
        double value = finite(row, field);
        if (value <= 0) {
            throw new JsonFieldException(field, "must be > 0, was " + value);
        }
        return value;
    }
}
