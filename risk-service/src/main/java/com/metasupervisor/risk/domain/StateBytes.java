package com.metasupervisor.risk.domain;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The byte form of the state-store values: a format version byte, then the fields in
 * {@link DataOutputStream} encoding (big-endian). A new layout takes a new version; old bytes must
 * then still be read, which is why the version comes first.
 */
final class StateBytes {

    /** Marks an absent long (an empty window has no clock, an agent without rows no last_matured_at). */
    static final long NO_MILLIS = Long.MIN_VALUE;

    interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private StateBytes() {
    }

    static byte[] write(byte version, Writer body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(version);
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array never fails to write
        }
        return bytes.toByteArray();
    }

    /** Reads bytes of {@code type} written by {@link #write}; anything but exactly one whole value is refused. */
    static <T> T read(byte[] bytes, byte version, String type, Reader<T> body) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException(type + ": no bytes");
        }
        if (bytes[0] != version) {
            throw new IllegalArgumentException(type + ": unknown format version " + bytes[0] + " (this build reads " + version + ")");
        }
        ByteArrayInputStream stream = new ByteArrayInputStream(bytes, 1, bytes.length - 1);
        try (DataInputStream in = new DataInputStream(stream)) {
            T value = body.read(in);
            if (stream.available() != 0) {
                throw new IllegalArgumentException(type + ": " + stream.available() + " bytes left over");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException(type + ": truncated or corrupt bytes", e);
        }
    }

    static int readCount(DataInputStream in, String what) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative " + what + " count " + n);
        }
        return n;
    }

    static void writeNullableDouble(DataOutputStream out, Double value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeDouble(value);
        }
    }

    static Double readNullableDouble(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }

    static void writeNullableInstant(DataOutputStream out, Instant value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value.getEpochSecond());
            out.writeInt(value.getNano());
        }
    }

    static Instant readNullableInstant(DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    /** t − d in millis, saturating instead of overflowing (the clock of an empty window is {@link #NO_MILLIS}). */
    static long minus(long t, long d) {
        long r = t - d;
        return ((t ^ d) & (t ^ r)) < 0 ? Long.MIN_VALUE : r;
    }
}
