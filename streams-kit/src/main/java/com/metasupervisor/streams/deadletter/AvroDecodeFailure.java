package com.metasupervisor.streams.deadletter;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.ResolvingDecoder;

/**
 * Where an Avro payload fails to decode: the field (a dotted path for nested records) being read when the bytes
 * ran out or did not fit its type, or Avro's own words when the writer's schema does not resolve to the reader's
 * (they name the field). Avro's exceptions alone say neither, so the payload is decoded again here with a reader
 * that keeps track of the field it is in.
 *
 * @param field   the field that failed, empty when the failure is not inside one (e.g. schema resolution)
 * @param problem what went wrong, in a few words
 */
public record AvroDecodeFailure(Optional<String> field, String problem) {

    public AvroDecodeFailure {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(problem, "problem");
    }

    /**
     * Decodes {@code payload} written with {@code writer}: first as written, then resolved to {@code reader}; the
     * first failure, or empty when both decode (the cause was elsewhere).
     */
    public static Optional<AvroDecodeFailure> locate(Schema writer, Schema reader, byte[] payload) {
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(payload, "payload");
        Optional<AvroDecodeFailure> asWritten = decode(writer, writer, payload);
        if (asWritten.isPresent() || writer.equals(reader)) {
            return asWritten;
        }
        return decode(writer, reader, payload);
    }

    /** e.g. {@code in field `direction`: the bytes end inside it}. */
    public String describe() {
        return field.map(f -> "in field `" + f + "`: ").orElse("") + problem;
    }

    private static Optional<AvroDecodeFailure> decode(Schema writer, Schema reader, byte[] payload) {
        FieldTrackingReader datumReader = new FieldTrackingReader(writer, reader);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(payload, null);
        try {
            datumReader.read(null, decoder);
            if (!decoder.isEnd()) {
                return Optional.of(new AvroDecodeFailure(Optional.empty(), "the record ends before the payload does ("
                        + decoder.inputStream().available() + " of " + payload.length + " bytes left over)"));
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(new AvroDecodeFailure(datumReader.field(), problem(e)));
        }
    }

    private static String problem(Exception e) {
        if (e instanceof EOFException) {
            return "the bytes end inside it";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** A generic reader that knows which field it is reading when it fails. */
    private static final class FieldTrackingReader extends GenericDatumReader<Object> {

        private final Deque<String> path = new ArrayDeque<>();

        FieldTrackingReader(Schema writer, Schema reader) {
            super(writer, reader, slowReading());
        }

        /** Avro's fast reader (the default) decodes without calling {@link #readField}. */
        private static GenericData slowReading() {
            GenericData data = new GenericData();
            data.setFastReaderEnabled(false);
            return data;
        }

        @Override
        protected void readField(Object record, Schema.Field field, Object oldDatum, ResolvingDecoder in, Object state)
                throws IOException {
            path.addLast(field.name());
            super.readField(record, field, oldDatum, in, state);
            path.removeLast(); // left in place when reading fails: the path to the failing field
        }

        Optional<String> field() {
            return path.isEmpty() ? Optional.empty() : Optional.of(String.join(".", path));
        }
    }
}
