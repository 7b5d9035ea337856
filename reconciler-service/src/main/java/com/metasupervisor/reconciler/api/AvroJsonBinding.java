package com.metasupervisor.reconciler.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.metasupervisor.streams.validation.RecordValidator;
import com.metasupervisor.streams.validation.Violation;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.data.RecordBuilderBase;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * Binds a JSON object to an Avro record of one schema, driven by the schema's own fields: each
 * field's JSON value is converted by the field's Avro type, and the record is built by Avro's record
 * builder, so an absent field takes the schema's default. A field added to the schema is bound with
 * no change here; a field of a type JSON cannot carry here (record, bytes, fixed) is refused when the
 * binding is made, never silently dropped.
 *
 * <p>JSON → Avro: string ← string; enum ← one of its symbols; boolean ← true or false; int, long ← a
 * whole number in range ({@code 1.0} is 1); float, double ← any number, {@code NaN} and
 * {@code ±Infinity} included (the validator judges those); {@code timestamp-millis} /
 * {@code timestamp-micros} ← an ISO-8601 instant with {@code Z} or an offset, or a whole number of
 * epoch milliseconds / microseconds; array ← array; map ← object; a union ← its first non-null branch
 * the JSON value's kind fits. A field that is absent takes its default, else null when nullable, else
 * is {@code missing_<field>}; JSON {@code null} is null when the field is nullable, else the same.
 *
 * <p>Each field is read on its own, so one wrong field never hides another. Reason codes:
 * {@code wrong_type}; {@code not_finite} for {@code NaN}/{@code Infinity} where a whole number is
 * needed; {@code missing_<field>}; for a value its type cannot hold (a fraction for an int, text that
 * is no instant or no enum symbol) the field's own code when given, else {@code invalid_<field>};
 * {@code duplicate_field}, {@code unknown_field} (with a hint when the snake_case form is a field) and
 * {@code not_an_object} (against {@value #ITEM}). The record built from the fields that did parse (the
 * others at their default or a zero value) then goes through the validator; its violations on fields
 * that did not parse are left out, as they would only repeat the parse error.
 *
 * @param <R> the record type the model builds: a generated class with its {@link SpecificData}, or a generic record
 */
final class AvroJsonBinding<R extends IndexedRecord> {

    /** The pseudo-field errors about the item as a whole are reported against. */
    static final String ITEM = "item";

    private static final String WRONG_TYPE = "wrong_type";
    private static final int SHOWN_CHARS = 60;

    private final Schema schema;
    private final GenericData model;
    /** The record's name for people, e.g. {@code alpha event} for {@code AlphaEvent}. */
    private final String noun;
    private final Map<String, String> expectations;
    private final Map<String, String> invalidReasons;

    /**
     * @param schema         a record schema
     * @param model          builds the records and converts logical types (e.g. the generated class's {@link SpecificData})
     * @param expectations   per field, what its value must be where its type says too little (for messages);
     *                       other fields are described by their type
     * @param invalidReasons per field, the reason code for a value its type cannot hold, instead of {@code invalid_<field>}
     */
    AvroJsonBinding(Schema schema, GenericData model, Map<String, String> expectations, Map<String, String> invalidReasons) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.model = Objects.requireNonNull(model, "model");
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("schema must be a record, was " + schema.getType());
        }
        for (Schema.Field field : schema.getFields()) {
            requireBindable(field.name(), field.schema());
        }
        this.expectations = requireFieldKeys("expectations", expectations);
        this.invalidReasons = requireFieldKeys("invalidReasons", invalidReasons);
        this.noun = schema.getName().replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    /**
     * One item read.
     *
     * @param record the record, when {@code errors} is empty; null otherwise
     * @param errors every problem found, item-level first, then in schema field order, unknown fields last
     */
    record Bound<R>(R record, List<Violation> errors) {

        Bound {
            errors = List.copyOf(errors);
            if (errors.isEmpty() == (record == null)) {
                throw new IllegalArgumentException("an item has a record exactly when it has no errors");
            }
        }
    }

    /**
     * One item of a body: the record, or every problem with it.
     *
     * @param index      its position in the body, for messages
     * @param node       the item
     * @param duplicates the field names the item gives more than once
     * @param validator  checks the record built from the fields that did parse
     */
    Bound<R> read(int index, JsonNode node, Set<String> duplicates, RecordValidator<? super R> validator) {
        Objects.requireNonNull(validator, "validator");
        if (!(node instanceof ObjectNode object)) {
            return new Bound<>(null, List.of(new Violation(ITEM, "not_an_object", "item " + index
                    + " must be a JSON object with the fields of " + article(noun) + " " + noun + ", was " + describe(node))));
        }
        List<Violation> errors = new ArrayList<>();
        SchemaRecordBuilder<R> builder = new SchemaRecordBuilder<>(schema, model);
        for (Schema.Field field : schema.getFields()) {
            JsonNode value = object.get(field.name());
            boolean nullable = nullable(field.schema());
            if (value != null && value.isNull() && nullable) {
                builder.set(field, null);
            } else if (value == null || value.isNull()) {
                if (field.hasDefaultValue()) {
                    continue; // the builder takes the schema's default
                }
                if (nullable) {
                    builder.set(field, null);
                } else {
                    errors.add(new Violation(field.name(), "missing_" + field.name(),
                            field.name() + " is missing: it must be " + expectation(field)));
                    builder.set(field, zero(field.schema()));
                }
            } else {
                switch (convert(field, field.schema(), value, field.name())) {
                    case Converted.Value v -> builder.set(field, v.value());
                    case Converted.Failed f -> {
                        errors.add(new Violation(field.name(), f.reason(), f.message()));
                        if (!field.hasDefaultValue()) {
                            builder.set(field, zero(field.schema()));
                        }
                    }
                }
            }
        }
        for (String name : duplicates) {
            errors.add(new Violation(name, "duplicate_field", name + " is given more than once"));
        }
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            String name = property.getKey();
            if (schema.getField(name) == null) {
                errors.add(new Violation(name, "unknown_field", shorten(name) + " is not a field of " + article(noun) + " "
                        + noun + unknownFieldHint(name)));
            }
        }

        R record = builder.build();
        Set<String> unread = new HashSet<>();
        errors.forEach(v -> unread.add(v.field()));
        for (Violation v : validator.violations(record)) {
            if (!unread.contains(v.field())) {
                errors.add(v);
            }
        }
        errors.sort(Comparator.comparingInt(v -> position(v.field())));
        return errors.isEmpty() ? new Bound<>(record, List.of()) : new Bound<>(null, errors);
    }

    /** A JSON value converted to what the record holds, or why it cannot be. */
    private sealed interface Converted {

        record Value(Object value) implements Converted {
        }

        record Failed(String reason, String message) implements Converted {
        }
    }

    /** {@code node} (not absent) as {@code type}, a part of {@code field} at {@code path}. */
    private Converted convert(Schema.Field field, Schema type, JsonNode node, String path) {
        if (node.isNull()) {
            return nullable(type) ? new Converted.Value(null) : wrongType(field, type, node, path);
        }
        LogicalType logical = type.getLogicalType();
        if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros) {
            return instant(field, type, node, path);
        }
        Converted raw = switch (type.getType()) {
            case STRING -> node.isTextual() ? new Converted.Value(node.textValue()) : wrongType(field, type, node, path);
            case ENUM -> !node.isTextual() ? wrongType(field, type, node, path)
                    : type.hasEnumSymbol(node.textValue()) ? new Converted.Value(model.createEnum(node.textValue(), type))
                    : invalid(field, type, node, path);
            case BOOLEAN -> node.isBoolean() ? new Converted.Value(node.booleanValue()) : wrongType(field, type, node, path);
            case INT, LONG -> whole(field, type, node, path);
            case FLOAT -> node.isNumber() ? new Converted.Value(node.floatValue()) : wrongType(field, type, node, path);
            case DOUBLE -> node.isNumber() ? new Converted.Value(node.doubleValue()) : wrongType(field, type, node, path);
            case ARRAY, MAP -> elements(field, type, node, path);
            case UNION -> type.getTypes().stream()
                    .filter(branch -> branch.getType() != Schema.Type.NULL && fits(branch, node))
                    .findFirst()
                    .map(branch -> convert(field, branch, node, path))
                    .orElseGet(() -> wrongType(field, type, node, path));
            case NULL -> wrongType(field, type, node, path);
            case RECORD, FIXED, BYTES -> throw new IllegalStateException("refused when the binding was made: " + type);
        };
        if (logical == null || !(raw instanceof Converted.Value(Object value))) {
            return raw;
        }
        try {
            return new Converted.Value(logical(type, value));
        } catch (RuntimeException e) {
            return invalid(field, type, node, path);
        }
    }

    /** An instant as ISO-8601 text or a whole number of epoch units, as the logical type's raw long. */
    private Converted instant(Schema.Field field, Schema type, JsonNode node, String path) {
        boolean micros = type.getLogicalType() instanceof LogicalTypes.TimestampMicros;
        long raw;
        if (node.isTextual()) {
            try {
                Instant at = Instant.parse(node.textValue().strip());
                raw = micros ? ChronoUnit.MICROS.between(Instant.EPOCH, at) : at.toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                return invalid(field, type, node, path);
            }
        } else if (node.isNumber()) {
            switch (whole(field, type, node, path)) {
                case Converted.Value(Object units) -> raw = (Long) units;
                case Converted.Failed f -> {
                    return f;
                }
            }
        } else {
            return wrongType(field, type, node, path);
        }
        return new Converted.Value(logical(type, raw));
    }

    /** A whole number that fits an int or long; NaN and infinities are not finite. */
    private Converted whole(Schema.Field field, Schema type, JsonNode node, String path) {
        if (!node.isNumber()) {
            return wrongType(field, type, node, path);
        }
        if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
            return new Converted.Failed("not_finite", path + " is " + node.asText());
        }
        BigDecimal exact = node.decimalValue();
        try {
            long value = exact.longValueExact();
            if (type.getType() == Schema.Type.LONG) {
                return new Converted.Value(value);
            }
            return new Converted.Value(Math.toIntExact(value));
        } catch (ArithmeticException e) {
            return invalid(field, type, node, path);
        }
    }

    /** An array's elements or a map's values, every bad one named in one error of the field. */
    private Converted elements(Schema.Field field, Schema type, JsonNode node, String path) {
        boolean array = type.getType() == Schema.Type.ARRAY;
        if (array ? !node.isArray() : !node.isObject()) {
            return wrongType(field, type, node, path);
        }
        Schema elementType = array ? type.getElementType() : type.getValueType();
        List<Object> list = new ArrayList<>(node.size());
        Map<String, Object> map = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        boolean wrongType = false;
        int i = 0;
        for (Map.Entry<String, JsonNode> entry : array ? arrayEntries(node) : node.properties()) {
            String elementPath = array ? path + "[" + i++ + "]" : path + "." + entry.getKey();
            switch (convert(field, elementType, entry.getValue(), elementPath)) {
                case Converted.Value(Object value) -> {
                    list.add(value);
                    map.put(entry.getKey(), value);
                }
                case Converted.Failed f -> {
                    wrongType |= f.reason().equals(WRONG_TYPE);
                    problems.add(elementPath + " is " + describe(entry.getValue()));
                }
            }
        }
        if (problems.isEmpty()) {
            return new Converted.Value(array ? list : map);
        }
        return new Converted.Failed(wrongType ? WRONG_TYPE : invalidReason(field),
                path + " must be " + expectation(field, type) + ": " + String.join(", ", problems));
    }

    private static List<Map.Entry<String, JsonNode>> arrayEntries(JsonNode array) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(array.size());
        array.forEach(element -> entries.add(Map.entry("", element)));
        return entries;
    }

    /** Whether a union branch of this type would take a JSON value of this kind. */
    private static boolean fits(Schema branch, JsonNode node) {
        LogicalType logical = branch.getLogicalType();
        if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros) {
            return node.isTextual() || node.isNumber();
        }
        return switch (branch.getType()) {
            case STRING, ENUM -> node.isTextual();
            case BOOLEAN -> node.isBoolean();
            case INT, LONG, FLOAT, DOUBLE -> node.isNumber();
            case ARRAY -> node.isArray();
            case MAP -> node.isObject();
            default -> false;
        };
    }

    private Object logical(Schema type, Object raw) {
        LogicalType logical = type.getLogicalType();
        Conversion<?> conversion = logical == null ? null : model.getConversionFor(logical);
        return conversion == null || raw == null ? raw : Conversions.convertToLogicalType(raw, type, logical, conversion);
    }

    /** What the validator sees for a field that did not parse: a value the builder accepts, judged by nobody. */
    private Object zero(Schema type) {
        Object raw = switch (type.getType()) {
            case UNION -> {
                if (nullable(type)) {
                    yield null;
                }
                yield zero(type.getTypes().getFirst()); // already converted
            }
            case BOOLEAN -> false;
            case INT -> 0;
            case LONG -> 0L;
            case FLOAT -> 0f;
            case DOUBLE -> 0d;
            case STRING -> "";
            case ENUM -> model.createEnum(type.getEnumSymbols().getFirst(), type);
            case ARRAY -> List.of();
            case MAP -> Map.of();
            case NULL -> null;
            case RECORD, FIXED, BYTES -> throw new IllegalStateException("refused when the binding was made: " + type);
        };
        return type.getType() == Schema.Type.UNION ? raw : logical(type, raw);
    }

    private Converted wrongType(Schema.Field field, Schema type, JsonNode node, String path) {
        return new Converted.Failed(WRONG_TYPE, path + " must be " + expectation(field, type) + ", was " + describe(node));
    }

    private Converted invalid(Schema.Field field, Schema type, JsonNode node, String path) {
        return new Converted.Failed(invalidReason(field), path + " must be " + expectation(field, type) + ", was " + describe(node));
    }

    private String invalidReason(Schema.Field field) {
        return invalidReasons.getOrDefault(field.name(), "invalid_" + field.name());
    }

    private String expectation(Schema.Field field) {
        return expectation(field, field.schema());
    }

    /** What a value of {@code type} must be; the field's own words when {@code type} is the field's. */
    private String expectation(Schema.Field field, Schema type) {
        if (type == field.schema()) {
            String given = expectations.get(field.name());
            if (given != null) {
                return given;
            }
            if (type.getType() == Schema.Type.ARRAY && field.hasDefaultValue()) {
                return expectation(type) + ", such as " + field.defaultVal();
            }
        }
        return expectation(type);
    }

    private static String expectation(Schema type) {
        LogicalType logical = type.getLogicalType();
        if (logical instanceof LogicalTypes.TimestampMillis) {
            return "an ISO-8601 instant such as 2026-03-01T10:00:00Z or a whole number of epoch milliseconds";
        }
        if (logical instanceof LogicalTypes.TimestampMicros) {
            return "an ISO-8601 instant such as 2026-03-01T10:00:00Z or a whole number of epoch microseconds";
        }
        return switch (type.getType()) {
            case STRING -> "a string";
            case ENUM -> "one of " + type.getEnumSymbols();
            case BOOLEAN -> "true or false";
            case INT, LONG -> "a whole number";
            case FLOAT, DOUBLE -> "a number";
            case ARRAY -> "an array, each element " + expectation(type.getElementType());
            case MAP -> "an object, each value " + expectation(type.getValueType());
            case NULL -> "null";
            case UNION -> type.getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL)
                    .map(AvroJsonBinding::expectation).collect(Collectors.joining(" or ")) + (nullable(type) ? " or null" : "");
            case RECORD, FIXED, BYTES -> throw new IllegalStateException("refused when the binding was made: " + type);
        };
    }

    private String unknownFieldHint(String name) {
        String snake = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        return !snake.equals(name) && schema.getField(snake) != null
                ? ": fields are snake_case, did you mean " + snake + "?"
                : "; " + noun + " fields are " + schema.getFields().stream().map(Schema.Field::name).toList();
    }

    /** Item-level errors first, then schema field order, unknown fields last. */
    private int position(String field) {
        if (ITEM.equals(field)) {
            return -1;
        }
        Schema.Field f = schema.getField(field);
        return f == null ? Integer.MAX_VALUE : f.pos();
    }

    private static boolean nullable(Schema type) {
        return type.getType() == Schema.Type.NULL
                || type.getType() == Schema.Type.UNION && type.getTypes().stream().anyMatch(b -> b.getType() == Schema.Type.NULL);
    }

    private static void requireBindable(String path, Schema type) {
        switch (type.getType()) {
            case RECORD, FIXED, BYTES -> throw new IllegalArgumentException(
                    path + ": an Avro " + type.getType().getName() + " has no JSON binding here; add one before adding such a field");
            case ARRAY -> requireBindable(path + "[]", type.getElementType());
            case MAP -> requireBindable(path + ".*", type.getValueType());
            case UNION -> type.getTypes().forEach(branch -> requireBindable(path, branch));
            default -> {
            }
        }
    }

    private Map<String, String> requireFieldKeys(String name, Map<String, String> perField) {
        for (String field : perField.keySet()) {
            if (schema.getField(field) == null) {
                throw new IllegalArgumentException(name + " names " + field + ", which is not a field of " + schema.getFullName());
            }
        }
        return Map.copyOf(perField);
    }

    /** What a JSON value is, for messages: its type and, for scalars, a bounded rendering. */
    static String describe(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "null";
        }
        if (v.isTextual()) {
            return "the string \"" + shorten(v.textValue()) + "\"";
        }
        if (v.isNumber()) {
            return "the number " + shorten(v.asText());
        }
        if (v.isBoolean()) {
            return "the boolean " + v.booleanValue();
        }
        return v.isArray() ? "an array" : v.isObject() ? "an object" : v.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    static String article(String noun) {
        return "aeiou".indexOf(noun.charAt(0)) >= 0 ? "an" : "a";
    }

    private static String shorten(String s) {
        return s.length() <= SHOWN_CHARS ? s : s.substring(0, SHOWN_CHARS) + "…";
    }

    /**
     * Avro's record builder for any record schema and data model: fields set by {@link Schema.Field},
     * the others from the schema's defaults when built (as a generated class's builder does).
     */
    private static final class SchemaRecordBuilder<R extends IndexedRecord> extends RecordBuilderBase<R> {

        private final Object[] values;

        SchemaRecordBuilder(Schema schema, GenericData model) {
            super(schema, model);
            this.values = new Object[schema.getFields().size()];
        }

        void set(Schema.Field field, Object value) {
            validate(field, value);
            values[field.pos()] = value;
            fieldSetFlags()[field.pos()] = true;
        }

        @Override
        @SuppressWarnings("unchecked")
        public R build() {
            R record = (R) data().newRecord(null, schema());
            for (Schema.Field field : fields()) {
                try {
                    record.put(field.pos(), fieldSetFlags()[field.pos()] ? values[field.pos()] : defaultValue(field));
                } catch (IOException e) {
                    throw new AvroRuntimeException("the default of " + field.name() + " cannot be read", e);
                }
            }
            return record;
        }
    }
}
