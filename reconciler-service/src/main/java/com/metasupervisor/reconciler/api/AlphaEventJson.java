package com.metasupervisor.reconciler.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.streams.validation.RecordValidator;
import com.metasupervisor.streams.validation.Violation;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * The JSON form of {@link AlphaEvent} that {@code POST /alpha-events} accepts (SPEC §3), turned into
 * Avro events or into the complete list of what is wrong with each item.
 *
 * <p>The body is one JSON object or a JSON array of objects with the snake_case fields of
 * {@code AlphaEvent.avsc}. Each field is read on its own, so one wrong field never hides another:
 * a missing required field, a value of the wrong JSON type, a non-integral direction, an
 * {@code emitted_at} that is neither an ISO-8601 instant nor epoch milliseconds, a field given twice
 * and a field the schema does not have are each reported against that field; {@code NaN} and
 * {@code Infinity} are read as numbers so the {@link RecordValidator} reports them as
 * {@code not_finite}. The event built from the fields that did parse then goes through the
 * validator, and its violations on those fields are added. Reason codes are the validator's where it
 * has one ({@code missing_agent}, {@code confidence_out_of_range}, ...), plus {@code wrong_type},
 * {@code missing_<field>} for the numeric fields, {@code invalid_emitted_at},
 * {@code duplicate_field}, {@code unknown_field} and {@code not_an_object}.
 *
 * <p>Defaults as in the schema: {@code horizons_hours} [1, 4, 24], {@code entry_price} and
 * {@code strategy_class} null, when absent or null.
 */
public final class AlphaEventJson {

    /** {@code horizons_hours} when the item has none (the schema's default). */
    public static final List<Integer> DEFAULT_HORIZONS_HOURS = List.of(1, 4, 24);

    /** The pseudo-field errors about the item as a whole are reported against. */
    public static final String ITEM = "item";

    private static final Schema SCHEMA = AlphaEvent.getClassSchema();

    private static final JsonFactory JSON = JsonFactory.builder()
            // NaN, Infinity, -Infinity are read as numbers, so they are reported as not_finite
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private static final int SHOWN_CHARS = 60;

    private AlphaEventJson() {
    }

    /** The body cannot be read as a batch of alpha events at all (not one item's problem). */
    public static final class BodyException extends Exception {

        /** The HTTP status the caller should answer with: 400, or 413 for a batch over the limit. */
        private final int status;

        BodyException(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * One item of the body, read.
     *
     * @param index   its position in the body (0 for a single object)
     * @param eventId its {@code event_id} when that is a string, else null
     * @param event   the event, when {@code errors} is empty; null otherwise
     * @param errors  every problem found, in schema field order
     */
    public record Item(int index, String eventId, AlphaEvent event, List<Violation> errors) {

        public Item {
            errors = List.copyOf(errors);
            if (errors.isEmpty() == (event == null)) {
                throw new IllegalArgumentException("an item has an event exactly when it has no errors");
            }
        }

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /**
     * Reads the whole body: {@link #items(byte[], int)} then {@link #read(int, Object, RecordValidator)}
     * on each item.
     */
    public static List<Item> readBatch(byte[] body, int maxItems, RecordValidator<AlphaEvent> validator)
            throws BodyException {
        List<Object> items = items(body, maxItems);
        List<Item> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(read(i, items.get(i), validator));
        }
        return out;
    }

    /**
     * The items of the body as JSON trees: a JSON object is one item, a JSON array holds one per
     * element (each any JSON value; non-objects are reported by {@link #read}). Objects are
     * {@link JsonObject}, arrays {@link List}, strings {@link String}, numbers {@link JsonNumber},
     * booleans {@link Boolean}, JSON null Java {@code null}.
     *
     * @throws BodyException 400 when the body is empty, not JSON, not an object or array, or an
     *                       empty array; 413 when the array has more than {@code maxItems} elements
     */
    public static List<Object> items(byte[] body, int maxItems) throws BodyException {
        if (maxItems < 1) {
            throw new IllegalArgumentException("maxItems must be >= 1, was " + maxItems);
        }
        if (body == null || body.length == 0) {
            throw emptyBody();
        }
        try (JsonParser parser = JSON.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw emptyBody();
            }
            List<Object> items;
            if (first == JsonToken.START_ARRAY) {
                items = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    if (items.size() == maxItems) {
                        throw new BodyException(413, "too many alpha events in one request: at most " + maxItems
                                + " are accepted per request; split the batch");
                    }
                    items.add(value(parser, t));
                }
                if (items.isEmpty()) {
                    throw new BodyException(400, "the request body is an empty JSON array: send at least one alpha event");
                }
            } else if (first == JsonToken.START_OBJECT) {
                items = new ArrayList<>(1);
                items.add(value(parser, first));
            } else {
                throw new BodyException(400, "the request body must be a JSON object (one alpha event) or a JSON array"
                        + " of objects, was " + describe(value(parser, first)));
            }
            if (parser.nextToken() != null) {
                throw new BodyException(400, "the request body is not valid JSON: unexpected content after the "
                        + (first == JsonToken.START_ARRAY ? "array" : "object") + at(parser.currentLocation()));
            }
            return items;
        } catch (JsonProcessingException e) {
            throw new BodyException(400, "the request body is not valid JSON: " + e.getOriginalMessage() + at(e.getLocation()));
        } catch (IOException e) {
            // reading a byte array fails only on malformed input
            throw new BodyException(400, "the request body could not be read as JSON: " + e.getMessage());
        }
    }

    /**
     * One item: the event, or every problem with it. {@code validator} checks the event built from
     * the fields that did parse; its violations on fields that did not are left out (they would
     * only repeat the parse error).
     */
    public static Item read(int index, Object node, RecordValidator<AlphaEvent> validator) {
        Objects.requireNonNull(validator, "validator");
        if (!(node instanceof JsonObject object)) {
            return new Item(index, null, null, List.of(new Violation(ITEM, "not_an_object",
                    "item " + index + " must be a JSON object with the fields of an alpha event, was " + describe(node))));
        }
        Fields fields = new Fields(object);
        AlphaEvent event = new AlphaEvent();
        event.setEventId(fields.text("event_id"));
        event.setAgent(fields.text("agent"));
        event.setSymbol(fields.text("symbol"));
        event.setDirection(fields.direction());
        event.setScoreFinal(fields.number("score_final"));
        event.setConfidence(fields.number("confidence"));
        event.setRegime(fields.text("regime"));
        // put, not setEmittedAt: the setter does not take null (the validator reports it missing)
        event.put("emitted_at", fields.instant("emitted_at"));
        event.setEntryPrice(fields.optionalNumber("entry_price"));
        event.setHorizonsHours(fields.horizons("horizons_hours"));
        event.setStrategyClass(fields.text("strategy_class")); // optional: null stays null
        fields.reportUnknownAndDuplicates();

        List<Violation> errors = new ArrayList<>(fields.errors);
        Set<String> unreadable = new HashSet<>();
        fields.errors.forEach(v -> unreadable.add(v.field()));
        for (Violation v : validator.violations(event)) {
            if (!unreadable.contains(v.field())) {
                errors.add(v);
            }
        }
        errors.sort(Comparator.comparingInt(v -> fieldPosition(v.field())));
        String eventId = object.fields().get("event_id") instanceof String s ? s : null;
        return errors.isEmpty() ? new Item(index, eventId, event, List.of()) : new Item(index, eventId, null, errors);
    }

    /** A JSON object: its fields in order (the first value of a repeated name) and the names given more than once. */
    public record JsonObject(Map<String, Object> fields, Set<String> duplicates) {

        public JsonObject {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
            duplicates = Set.copyOf(duplicates);
        }
    }

    /**
     * A JSON number.
     *
     * @param exact its exact value, null for {@code NaN}, {@code Infinity}, {@code -Infinity}
     * @param value as a double (infinite when out of the double range)
     * @param text  as written
     */
    public record JsonNumber(BigDecimal exact, double value, String text) {

        /** The value when it is a whole number that fits a long, else null. */
        Long wholeLong() {
            if (exact == null) {
                return null;
            }
            try {
                return exact.longValueExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                Set<String> duplicates = new LinkedHashSet<>();
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    Object v = value(parser, parser.nextToken());
                    if (fields.containsKey(name)) {
                        duplicates.add(name);
                    } else {
                        fields.put(name, v);
                    }
                }
                yield new JsonObject(fields, duplicates);
            }
            case START_ARRAY -> {
                List<Object> elements = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    elements.add(value(parser, t));
                }
                yield Collections.unmodifiableList(elements);
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> new JsonNumber(new BigDecimal(parser.getBigIntegerValue()), parser.getDoubleValue(), parser.getText());
            case VALUE_NUMBER_FLOAT -> parser.isNaN()
                    ? new JsonNumber(null, parser.getDoubleValue(), parser.getText())
                    : new JsonNumber(parser.getDecimalValue(), parser.getDoubleValue(), parser.getText());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalStateException("unexpected JSON token " + token);
        };
    }

    /** Reads the fields of one item, collecting what cannot be read. */
    private static final class Fields {

        private final JsonObject object;
        private final List<Violation> errors = new ArrayList<>();

        Fields(JsonObject object) {
            this.object = object;
        }

        /** A string; null when absent or null (the validator reports a required one missing) or not a string. */
        String text(String name) {
            Object v = object.fields().get(name);
            if (v == null || v instanceof String) {
                return (String) v;
            }
            wrongType(name, "a string", v);
            return null;
        }

        /** A required double; NaN and infinities pass through for the validator to report. */
        double number(String name) {
            Object v = object.fields().get(name);
            if (v instanceof JsonNumber n) {
                return n.value();
            }
            if (v == null) {
                missing(name, "a number");
            } else {
                wrongType(name, "a number", v);
            }
            return 0;
        }

        Double optionalNumber(String name) {
            Object v = object.fields().get(name);
            if (v == null) {
                return null;
            }
            if (v instanceof JsonNumber n) {
                return n.value();
            }
            wrongType(name, "a number or null", v);
            return null;
        }

        int direction() {
            String name = "direction";
            Object v = object.fields().get(name);
            if (v == null) {
                missing(name, "+1 (long) or -1 (short)");
                return 1;
            }
            if (!(v instanceof JsonNumber n)) {
                errors.add(new Violation(name, "wrong_type", name + " must be the number +1 (long) or -1 (short), was " + describe(v)));
                return 1;
            }
            if (n.exact() == null) {
                errors.add(new Violation(name, "not_finite", name + " is " + n.text()));
                return 1;
            }
            Long whole = n.wholeLong();
            if (whole == null || whole < Integer.MIN_VALUE || whole > Integer.MAX_VALUE) {
                errors.add(new Violation(name, "direction_invalid", "direction must be +1 or -1, was " + n.text()));
                return 1;
            }
            return whole.intValue(); // the validator checks it is +1 or -1
        }

        /** ISO-8601 instant (Z or an offset) or epoch milliseconds, to the millisecond; null when absent or unreadable. */
        Instant instant(String name) {
            Object v = object.fields().get(name);
            String expected = " must be an ISO-8601 instant such as 2026-03-01T10:00:00Z or a whole number of epoch milliseconds, was ";
            switch (v) {
                case null -> {
                    return null; // the validator reports it missing
                }
                case String s -> {
                    try {
                        return Instant.parse(s.strip()).truncatedTo(ChronoUnit.MILLIS);
                    } catch (DateTimeParseException e) {
                        errors.add(new Violation(name, "invalid_" + name, name + expected + describe(s)));
                        return null;
                    }
                }
                case JsonNumber n -> {
                    if (n.exact() == null) {
                        errors.add(new Violation(name, "not_finite", name + " is " + n.text()));
                        return null;
                    }
                    Long millis = n.wholeLong();
                    if (millis == null) {
                        errors.add(new Violation(name, "invalid_" + name, name + expected + describe(n)));
                        return null;
                    }
                    return Instant.ofEpochMilli(millis);
                }
                default -> {
                    wrongType(name, "an ISO-8601 string or epoch milliseconds", v);
                    return null;
                }
            }
        }

        /** A JSON array of whole hours; the schema's default when absent or null. */
        List<Integer> horizons(String name) {
            Object v = object.fields().get(name);
            if (v == null) {
                return DEFAULT_HORIZONS_HOURS;
            }
            if (!(v instanceof List<?> list)) {
                wrongType(name, "an array of whole hours such as [1, 4, 24]", v);
                return DEFAULT_HORIZONS_HOURS;
            }
            List<Integer> hours = new ArrayList<>(list.size());
            List<String> problems = new ArrayList<>();
            boolean wrongType = false;
            for (int i = 0; i < list.size(); i++) {
                Object h = list.get(i);
                Long whole = h instanceof JsonNumber n ? n.wholeLong() : null;
                if (whole != null && whole >= Integer.MIN_VALUE && whole <= Integer.MAX_VALUE) {
                    hours.add(whole.intValue()); // the validator checks they are positive
                } else {
                    wrongType |= !(h instanceof JsonNumber);
                    problems.add(name + "[" + i + "] is " + describe(h));
                }
            }
            if (!problems.isEmpty()) {
                errors.add(new Violation(name, wrongType ? "wrong_type" : "horizons_invalid",
                        name + " must be an array of whole hours such as [1, 4, 24]: " + String.join(", ", problems)));
                return DEFAULT_HORIZONS_HOURS;
            }
            return hours;
        }

        void reportUnknownAndDuplicates() {
            for (String name : object.duplicates()) {
                errors.add(new Violation(name, "duplicate_field", name + " is given more than once"));
            }
            for (String name : object.fields().keySet()) {
                if (SCHEMA.getField(name) == null) {
                    String snake = snakeCase(name);
                    String hint = !snake.equals(name) && SCHEMA.getField(snake) != null
                            ? ": fields are snake_case, did you mean " + snake + "?"
                            : "; alpha event fields are " + SCHEMA.getFields().stream().map(Schema.Field::name).toList();
                    errors.add(new Violation(name, "unknown_field", shorten(name) + " is not a field of an alpha event" + hint));
                }
            }
        }

        private void missing(String name, String expected) {
            errors.add(new Violation(name, "missing_" + name, name + " is missing: it must be " + expected));
        }

        private void wrongType(String name, String expected, Object v) {
            errors.add(new Violation(name, "wrong_type", name + " must be " + expected + ", was " + describe(v)));
        }
    }

    private static BodyException emptyBody() {
        return new BodyException(400, "the request body is empty: send one alpha event as a JSON object, or a JSON array of them");
    }

    /** Schema field order; item-level errors first, unknown fields last. */
    private static int fieldPosition(String field) {
        if (ITEM.equals(field)) {
            return -1;
        }
        Schema.Field f = SCHEMA.getField(field);
        return f == null ? Integer.MAX_VALUE : f.pos();
    }

    private static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** What a JSON value is, for messages: its type and, for scalars, a bounded rendering. */
    static String describe(Object v) {
        return switch (v) {
            case null -> "null";
            case String s -> "the string \"" + shorten(s) + "\"";
            case JsonNumber n -> "the number " + shorten(n.text());
            case Boolean b -> "the boolean " + b;
            case JsonObject o -> "an object";
            case List<?> l -> "an array";
            default -> v.getClass().getSimpleName();
        };
    }

    private static String shorten(String s) {
        return s.length() <= SHOWN_CHARS ? s : s.substring(0, SHOWN_CHARS) + "…";
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
