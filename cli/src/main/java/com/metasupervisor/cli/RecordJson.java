package com.metasupervisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * A catalog value ⇄ a readable JSON object, driven by its Avro schema, exact both ways (a value written and read back
 * equals the original). Not Avro's own JSON encoding: that one wraps every nullable value in its branch
 * ({@code "entry_price": {"double": 101.5}}) and writes timestamps as bare numbers, which nobody writes by hand.
 *
 * <p>The mapping: field names as in the schema (snake_case); a nullable field is {@code null} or its value; a
 * {@code timestamp-millis} is ISO-8601 text ({@code 2026-11-30T09:00:00.125Z}; read also as an offset date-time or epoch
 * millis); an enum its symbol; a double or float a JSON number, or {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}
 * (JSON has no such numbers); bytes and fixed base64; a map an object; a union of several non-null types
 * {@code {"<type name>": value}} (no catalog schema has one). Reading refuses unknown fields, a missing field without a
 * default, a wrong JSON type, an int out of range and a timestamp finer than a millisecond, each naming its field.
 */
final class RecordJson {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RecordJson() {
    }

    /** The JSON object of a catalog value. */
    static ObjectNode toJson(SpecificRecord value) {
        GenericRecord generic = asGeneric(value);
        return (ObjectNode) write(generic.getSchema(), generic);
    }

    /** The value of {@code type} a JSON object holds; absent fields take their schema default. */
    static <V extends SpecificRecord> V fromJson(Class<V> type, JsonNode json) throws JsonFieldException {
        Schema schema = SpecificData.get().getSchema(type);
        if (json == null || !json.isObject()) {
            throw new JsonFieldException("", "expected a JSON object of the fields of " + schema.getName() + ", found " + kind(json));
        }
        return asSpecific(type, schema, (GenericRecord) read(schema, json, ""));
    }

    // ---- writing: Avro's generic representation (timestamps as longs, enums as symbols) → JSON

    private static JsonNode write(Schema schema, Object value) {
        return switch (schema.getType()) {
            case RECORD -> {
                GenericRecord record = (GenericRecord) value;
                ObjectNode node = NODES.objectNode();
                for (Schema.Field field : schema.getFields()) {
                    node.set(field.name(), write(field.schema(), record.get(field.pos())));
                }
                yield node;
            }
            case UNION -> {
                Schema branch = schema.getTypes().get(GenericData.get().resolveUnion(schema, value));
                if (branch.getType() == Schema.Type.NULL) {
                    yield NODES.nullNode();
                }
                if (nonNullBranches(schema).size() == 1) {
                    yield write(branch, value);
                }
                ObjectNode tagged = NODES.objectNode();
                tagged.set(branch.getFullName(), write(branch, value));
                yield tagged;
            }
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (Object item : (Iterable<?>) value) {
                    array.add(write(schema.getElementType(), item));
                }
                yield array;
            }
            case MAP -> {
                ObjectNode map = NODES.objectNode();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    map.set(entry.getKey().toString(), write(schema.getValueType(), entry.getValue()));
                }
                yield map;
            }
            case STRING, ENUM -> NODES.textNode(value.toString());
            case INT -> NODES.numberNode((Integer) value);
            case LONG -> isTimestampMillis(schema) ? NODES.textNode(Instant.ofEpochMilli((Long) value).toString())
                    : NODES.numberNode((Long) value);
            case DOUBLE -> {
                double d = (Double) value;
                yield Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(Double.toString(d));
            }
            case FLOAT -> {
                float f = (Float) value;
                yield Float.isFinite(f) ? NODES.numberNode(f) : NODES.textNode(Float.toString(f));
            }
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case BYTES -> {
                ByteBuffer buffer = ((ByteBuffer) value).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                yield NODES.textNode(Base64.getEncoder().encodeToString(bytes));
            }
            case FIXED -> NODES.textNode(Base64.getEncoder().encodeToString(((GenericData.Fixed) value).bytes()));
            case NULL -> NODES.nullNode();
        };
    }

    // ---- reading: JSON → Avro's generic representation, every mismatch named by its field path

    private static Object read(Schema schema, JsonNode node, String path) throws JsonFieldException {
        switch (schema.getType()) {
            case RECORD -> {
                if (!node.isObject()) {
                    throw new JsonFieldException(path, "expected an object, found " + kind(node));
                }
                for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (schema.getField(name) == null) {
                        throw new JsonFieldException(join(path, name), "unknown field (expected one of "
                                + schema.getFields().stream().map(Schema.Field::name).toList() + ")");
                    }
                }
                GenericData.Record record = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) {
                    JsonNode fieldNode = node.get(field.name());
                    if (fieldNode == null) {
                        if (!field.hasDefaultValue()) {
                            throw new JsonFieldException(join(path, field.name()), "missing required field");
                        }
                        record.put(field.pos(), GenericData.get().getDefaultValue(field));
                    } else {
                        record.put(field.pos(), read(field.schema(), fieldNode, join(path, field.name())));
                    }
                }
                return record;
            }
            case UNION -> {
                List<Schema> nonNull = nonNullBranches(schema);
                if (node.isNull()) {
                    if (nonNull.size() == schema.getTypes().size()) {
                        throw new JsonFieldException(path, "must not be null");
                    }
                    return null;
                }
                if (nonNull.size() == 1) {
                    return read(nonNull.getFirst(), node, path);
                }
                if (!node.isObject() || node.size() != 1) {
                    throw new JsonFieldException(path, "expected {\"<type>\": value} with one of "
                            + nonNull.stream().map(Schema::getFullName).toList());
                }
                String typeName = node.fieldNames().next();
                for (Schema branch : nonNull) {
                    if (branch.getFullName().equals(typeName)) {
                        return read(branch, node.get(typeName), path);
                    }
                }
                throw new JsonFieldException(path, "unknown type '" + typeName + "' (one of "
                        + nonNull.stream().map(Schema::getFullName).toList() + ")");
            }
            case ARRAY -> {
                if (!node.isArray()) {
                    throw new JsonFieldException(path, "expected an array, found " + kind(node));
                }
                List<Object> items = new ArrayList<>(node.size());
                for (int i = 0; i < node.size(); i++) {
                    items.add(read(schema.getElementType(), node.get(i), path + "[" + i + "]"));
                }
                return new GenericData.Array<>(schema, items);
            }
            case MAP -> {
                if (!node.isObject()) {
                    throw new JsonFieldException(path, "expected an object, found " + kind(node));
                }
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> entries = node.fields(); entries.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = entries.next();
                    map.put(entry.getKey(), read(schema.getValueType(), entry.getValue(), path + "[" + JSON.valueToTree(entry.getKey()) + "]"));
                }
                return map;
            }
            case STRING -> {
                return text(node, path);
            }
            case ENUM -> {
                String symbol = text(node, path);
                if (!schema.hasEnumSymbol(symbol)) {
                    throw new JsonFieldException(path, "unknown value '" + symbol + "' (one of " + schema.getEnumSymbols() + ")");
                }
                return new GenericData.EnumSymbol(schema, symbol);
            }
            case INT -> {
                if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                    throw new JsonFieldException(path, "expected an integer (32-bit), found " + kind(node));
                }
                return node.intValue();
            }
            case LONG -> {
                if (isTimestampMillis(schema)) {
                    return epochMillis(node, path);
                }
                if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                    throw new JsonFieldException(path, "expected an integer (64-bit), found " + kind(node));
                }
                return node.longValue();
            }
            case DOUBLE -> {
                return number(node, path);
            }
            case FLOAT -> {
                double d = number(node, path);
                float f = (float) d;
                if (Double.isFinite(d) && Float.isInfinite(f)) {
                    throw new JsonFieldException(path, "out of the range of a float: " + node);
                }
                return f;
            }
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw new JsonFieldException(path, "expected true or false, found " + kind(node));
                }
                return node.booleanValue();
            }
            case BYTES -> {
                return ByteBuffer.wrap(base64(node, path));
            }
            case FIXED -> {
                byte[] bytes = base64(node, path);
                if (bytes.length != schema.getFixedSize()) {
                    throw new JsonFieldException(path, "expected " + schema.getFixedSize() + " bytes, found " + bytes.length);
                }
                return new GenericData.Fixed(schema, bytes);
            }
            case NULL -> {
                if (!node.isNull()) {
                    throw new JsonFieldException(path, "expected null, found " + kind(node));
                }
                return null;
            }
            default -> throw new IllegalStateException("unhandled Avro type " + schema.getType());
        }
    }

    /** ISO-8601 text (an instant or an offset date-time) or epoch millis, to epoch millis. */
    static long epochMillis(JsonNode node, String path) throws JsonFieldException {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (!node.isTextual()) {
            throw new JsonFieldException(path, "expected an ISO-8601 time (e.g. 2026-11-30T09:00:00Z) or epoch millis, found " + kind(node));
        }
        Instant instant;
        try {
            instant = Instant.parse(node.textValue());
        } catch (DateTimeParseException e) {
            try {
                instant = OffsetDateTime.parse(node.textValue()).toInstant();
            } catch (DateTimeParseException again) {
                throw new JsonFieldException(path, "not an ISO-8601 time with a zone (e.g. 2026-11-30T09:00:00Z): '" + node.textValue() + "'");
            }
        }
        if (instant.getNano() % 1_000_000 != 0) {
            throw new JsonFieldException(path, "finer than a millisecond, which the field cannot hold: '" + node.textValue() + "'");
        }
        return instant.toEpochMilli();
    }

    private static double number(JsonNode node, String path) throws JsonFieldException {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            switch (node.textValue()) {
                case "NaN" -> {
                    return Double.NaN;
                }
                case "Infinity" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-Infinity" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                default -> {
                }
            }
        }
        throw new JsonFieldException(path, "expected a number, found " + kind(node));
    }

    private static String text(JsonNode node, String path) throws JsonFieldException {
        if (!node.isTextual()) {
            throw new JsonFieldException(path, "expected a string, found " + kind(node));
        }
        return node.textValue();
    }

    private static byte[] base64(JsonNode node, String path) throws JsonFieldException {
        try {
            return Base64.getDecoder().decode(text(node, path));
        } catch (IllegalArgumentException e) {
            throw new JsonFieldException(path, "not base64: " + e.getMessage());
        }
    }

    /** What a JSON node is, in words, for an error message. */
    static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String shown = node.toString();
        return switch (node.getNodeType()) {
            case STRING -> "the string " + abbreviate(shown);
            case NUMBER -> "the number " + abbreviate(shown);
            case BOOLEAN -> shown;
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            default -> abbreviate(shown);
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    private static List<Schema> nonNullBranches(Schema union) {
        return union.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
    }

    private static boolean isTimestampMillis(Schema schema) {
        LogicalType logical = schema.getLogicalType();
        return logical instanceof LogicalTypes.TimestampMillis;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    // ---- specific ⇄ generic through Avro binary: the generated classes' conversions (Instant) on one side only

    @SuppressWarnings("unchecked")
    private static GenericRecord asGeneric(SpecificRecord value) {
        Schema schema = value.getSchema();
        byte[] bytes = encode(new SpecificDatumWriter<>((Class<SpecificRecord>) value.getClass()), value);
        try {
            return new GenericDatumReader<GenericRecord>(schema, schema, GenericData.get())
                    .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <V extends SpecificRecord> V asSpecific(Class<V> type, Schema schema, GenericRecord record) {
        byte[] bytes = encode(new GenericDatumWriter<>(schema, GenericData.get()), record);
        try {
            return new SpecificDatumReader<>(type).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> byte[] encode(org.apache.avro.io.DatumWriter<T> writer, T value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            writer.write(value, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
