package com.metasupervisor.streams.state;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro binary without a registry, for a service's own state stores and repartition topics: the
 * writer and reader are the same build, so the schema need not travel with every record, and the
 * hot path makes no registry calls. Never use it for topics other services read.
 */
public final class PlainAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final SpecificDatumWriter<T> writer;
    private final SpecificDatumReader<T> reader;

    public PlainAvroSerde(Class<T> type) {
        this.writer = new SpecificDatumWriter<>(type);
        this.reader = new SpecificDatumReader<>(type);
    }

    /**
     * Reads bytes an earlier build wrote with {@code writerSchema} (an older version of {@code type}'s schema) as this
     * build's {@code type}, Avro's schema resolution filling new fields with their defaults; writes as this build.
     * For a store whose record changed: the bytes of the release before, told apart by a version byte.
     */
    public PlainAvroSerde(Class<T> type, Schema writerSchema) {
        this.writer = new SpecificDatumWriter<>(type);
        this.reader = new SpecificDatumReader<>(writerSchema, SpecificData.get().getSchema(type), SpecificData.getForClass(type));
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : encode(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }

    public byte[] encode(T value) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            synchronized (writer) {
                writer.write(value, encoder);
            }
            encoder.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot encode " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public T decode(byte[] bytes) {
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
            synchronized (reader) {
                return reader.read(null, decoder);
            }
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot decode " + bytes.length + " bytes: " + e.getMessage(), e);
        }
    }
}
