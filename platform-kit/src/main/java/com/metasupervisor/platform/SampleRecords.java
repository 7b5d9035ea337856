package com.metasupervisor.platform;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * A filled-in instance of any generated record type, built from its schema: every field set,
 * optional ones too, so a round trip exercises the whole contract. Deterministic per seed.
 */
public final class SampleRecords {

    private static final Instant BASE = Instant.parse("2026-01-05T12:00:00Z");

    private SampleRecords() {
    }

    public static <V extends SpecificRecord> V sample(Class<V> type, long seed) {
        Schema schema = SpecificData.get().getSchema(type);
        @SuppressWarnings("unchecked")
        V record = (V) fill(schema, new Random(seed));
        return record;
    }

    private static Object fill(Schema schema, Random random) {
        return switch (schema.getType()) {
            case RECORD -> {
                SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, schema);
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.pos(), fill(field.schema(), random));
                }
                yield record;
            }
            case UNION -> fill(schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL)
                    .findFirst().orElseThrow(), random);
            case ENUM -> SpecificData.get().createEnum(
                    schema.getEnumSymbols().get(random.nextInt(schema.getEnumSymbols().size())), schema);
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    list.add(fill(schema.getElementType(), random));
                }
                yield list;
            }
            case MAP -> {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("k" + random.nextInt(100), fill(schema.getValueType(), random));
                yield map;
            }
            case STRING -> "s" + Long.toHexString(random.nextLong());
            case INT -> random.nextInt(1, 100);
            case LONG -> schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
                    ? BASE.plus(random.nextInt(1_000_000), ChronoUnit.SECONDS)
                    : (Object) (long) random.nextInt(1, 1_000_000);
            case DOUBLE -> Math.round(random.nextDouble() * 1e6) / 1e3;
            case FLOAT -> (float) random.nextDouble();
            case BOOLEAN -> random.nextBoolean();
            case BYTES -> ByteBuffer.wrap(new byte[] {1, 2, 3});
            case FIXED -> new GenericData.Fixed(schema, new byte[schema.getFixedSize()]);
            case NULL -> null;
        };
    }
}
