package com.metasupervisor.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Seeded random values of any catalog type, built from its schema alone, with the awkward cases a JSON mapping must
 * survive: NaN, infinities and -0.0; strings with quotes, control characters, escapes and astral code points; empty and
 * null-able fields; timestamps before 1970.
 */
final class RandomCatalogValues {

    private static final double[] AWKWARD_DOUBLES = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
            Double.MIN_VALUE, Double.MAX_VALUE, 0.1 + 0.2, -1e-300, 1e21};
    private static final String[] AWKWARD_STRINGS = {"", "\"quoted\" \\ back", "\u001b[31mred\u001b[0m", "line\nbreak\r\t",
            "\u202Eevil", "😀 astral 𝔘", "a: b # c", "\u0000nul", "{\"json\": 1}"};

    private final SplittableRandom random;

    RandomCatalogValues(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A random value of {@code type}, as the generated class holds it. */
    <V extends SpecificRecord> V next(Class<V> type) {
        Schema schema = SpecificData.get().getSchema(type);
        Object generic = value(schema, 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<>(schema, GenericData.get()).write(generic, encoder);
            encoder.flush();
            return new SpecificDatumReader<>(type).read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Object value(Schema schema, int depth) {
        return switch (schema.getType()) {
            case RECORD -> {
                GenericData.Record record = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.pos(), value(field.schema(), depth + 1));
                }
                yield record;
            }
            case UNION -> {
                List<Schema> types = schema.getTypes();
                Schema branch = types.get(random.nextInt(types.size()));
                yield value(branch, depth);
            }
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                int n = depth > 3 ? 0 : random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    items.add(value(schema.getElementType(), depth + 1));
                }
                yield new GenericData.Array<>(schema, items);
            }
            case MAP -> {
                Map<String, Object> map = new LinkedHashMap<>();
                int n = depth > 3 ? 0 : random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    map.put(string(), value(schema.getValueType(), depth + 1));
                }
                yield map;
            }
            case ENUM -> new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(random.nextInt(schema.getEnumSymbols().size())));
            case STRING -> string();
            case INT -> random.nextBoolean() ? random.nextInt(-3, 100) : random.nextInt();
            case LONG -> schema.getLogicalType() != null ? random.nextLong(-2_000_000_000_000L, 4_102_444_800_000L) : random.nextLong();
            case DOUBLE -> random.nextInt(4) == 0 ? AWKWARD_DOUBLES[random.nextInt(AWKWARD_DOUBLES.length)]
                    : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-6, 8));
            case FLOAT -> (float) ((random.nextDouble() - 0.5) * 1000);
            case BOOLEAN -> random.nextBoolean();
            case BYTES -> {
                byte[] bytes = new byte[random.nextInt(8)];
                random.nextBytes(bytes);
                yield ByteBuffer.wrap(bytes);
            }
            case FIXED -> {
                byte[] bytes = new byte[schema.getFixedSize()];
                random.nextBytes(bytes);
                yield new GenericData.Fixed(schema, bytes);
            }
            case NULL -> null;
        };
    }

    private String string() {
        if (random.nextInt(3) == 0) {
            return AWKWARD_STRINGS[random.nextInt(AWKWARD_STRINGS.length)];
        }
        StringBuilder text = new StringBuilder();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            int cp;
            do {
                cp = random.nextInt(4) == 0 ? random.nextInt(0x20, 0x2FFFF) : random.nextInt(0x20, 0x7F);
            } while (Character.getType(cp) == Character.SURROGATE || !Character.isDefined(cp));
            text.appendCodePoint(cp);
        }
        return text.toString();
    }
}
