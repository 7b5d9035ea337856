package com.metasupervisor.risk.domain;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

/**
 * The byte form of the state-store values: a format version byte, then the fields big-endian in the
 * layout of {@link java.io.DataOutputStream} (a boolean is one byte, a string is modified UTF-8 after
 * its 2-byte length). A new layout takes a new version; old bytes must then still be read, which is why
 * the version comes first. {@link Out} and {@link In} work on a plain array through {@link ByteBuffer}:
 * a window is re-encoded on every row, and the stream classes cost a synchronized call per field.
 */
final class StateBytes {

    /** Marks an absent long (an empty window has no clock, an agent without rows no last_matured_at). */
    static final long NO_MILLIS = Long.MIN_VALUE;

    interface Writer {
        void write(Out out) throws IOException;
    }

    interface Reader<T> {
        T read(In in) throws IOException;
    }

    /** A growing big-endian buffer. */
    static final class Out {
        private ByteBuffer buffer;

        private Out(int expectedBytes) {
            buffer = ByteBuffer.allocate(Math.max(16, expectedBytes));
        }

        private ByteBuffer room(int bytes) {
            if (buffer.remaining() < bytes) {
                ByteBuffer larger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
                buffer.flip();
                buffer = larger.put(buffer);
            }
            return buffer;
        }

        void writeByte(int v) {
            room(1).put((byte) v);
        }

        void writeBoolean(boolean v) {
            room(1).put((byte) (v ? 1 : 0));
        }

        void writeInt(int v) {
            room(4).putInt(v);
        }

        void writeLong(long v) {
            room(8).putLong(v);
        }

        void writeDouble(double v) {
            room(8).putDouble(v);
        }

        void writeUTF(String s) throws IOException {
            ByteArrayOutputStream utf = new ByteArrayOutputStream();
            new DataOutputStream(utf).writeUTF(s); // rare (alert state): the JDK's modified UTF-8
            byte[] bytes = utf.toByteArray();
            room(bytes.length).put(bytes);
        }

        byte[] toByteArray() {
            return buffer.position() == buffer.capacity() ? buffer.array() : Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    /** Reads what {@link Out} wrote; running past the end is a {@link BufferUnderflowException}. */
    static final class In {
        private final ByteBuffer buffer;

        private In(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        boolean readBoolean() throws IOException {
            byte b = buffer.get();
            if (b != 0 && b != 1) {
                throw new IOException("not a boolean: " + b);
            }
            return b == 1;
        }

        int readInt() {
            return buffer.getInt();
        }

        long readLong() {
            return buffer.getLong();
        }

        double readDouble() {
            return buffer.getDouble();
        }

        String readUTF() throws IOException {
            int length = Short.toUnsignedInt(buffer.getShort());
            byte[] utf = new byte[length + 2];
            utf[0] = (byte) (length >>> 8);
            utf[1] = (byte) length;
            buffer.get(utf, 2, length);
            return new DataInputStream(new ByteArrayInputStream(utf)).readUTF();
        }

        int remaining() {
            return buffer.remaining();
        }
    }

    private StateBytes() {
    }

    /** {@code expectedBytes}: the size of the body when known (a window re-encoded on every row is not grown by copies). */
    static byte[] write(byte version, int expectedBytes, Writer body) {
        Out out = new Out(1 + expectedBytes);
        out.writeByte(version);
        try {
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array never fails to write
        }
        return out.toByteArray();
    }

    /** Reads bytes of {@code type} written by {@link #write}; anything but exactly one whole value is refused. */
    static <T> T read(byte[] bytes, byte version, String type, Reader<T> body) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException(type + ": no bytes");
        }
        if (bytes[0] != version) {
            throw new IllegalArgumentException(type + ": unknown format version " + bytes[0] + " (this build reads " + version + ")");
        }
        In in = new In(ByteBuffer.wrap(bytes, 1, bytes.length - 1));
        try {
            T value = body.read(in);
            if (in.remaining() != 0) {
                throw new IllegalArgumentException(type + ": " + in.remaining() + " bytes left over");
            }
            return value;
        } catch (IOException | BufferUnderflowException e) {
            throw new IllegalArgumentException(type + ": truncated or corrupt bytes", e);
        }
    }

    static int readCount(In in, String what) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative " + what + " count " + n);
        }
        return n;
    }

    static void writeNullableDouble(Out out, Double value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeDouble(value);
        }
    }

    static Double readNullableDouble(In in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }

    static void writeNullableInstant(Out out, Instant value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value.getEpochSecond());
            out.writeInt(value.getNano());
        }
    }

    static Instant readNullableInstant(In in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    /** t − d in millis, saturating instead of overflowing (the clock of an empty window is {@link #NO_MILLIS}). */
    static long minus(long t, long d) {
        long r = t - d;
        return ((t ^ d) & (t ^ r)) < 0 ? Long.MIN_VALUE : r;
    }
}
