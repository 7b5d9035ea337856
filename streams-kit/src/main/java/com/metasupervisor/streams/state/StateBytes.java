package com.metasupervisor.streams.state;

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
 * The one hand-written byte format of state-store values (see the README's rule "state byte formats"):
 * a format version byte, then the fields big-endian in the layout of {@link java.io.DataOutputStream} (a
 * boolean is one byte, a string is modified UTF-8 after its 2-byte length). A new layout takes a new
 * version; old bytes must then still be read, which is why the version comes first. {@link Out} and
 * {@link In} work on a plain array through {@link ByteBuffer}: a window re-encoded on every row would pay
 * a synchronized call per field with the stream classes. Pure Java (no Kafka, Avro or Micronaut types), so
 * a {@code domain} value type can write its own layout: {@code StateBytes.write(VERSION, size, out -> ...)}.
 */
public final class StateBytes {

    /** Writes one value's fields (after the version byte). */
    public interface Writer {
        void write(Out out) throws IOException;
    }

    /** Reads one value's fields back, in the order its writer wrote them. */
    public interface Reader<T> {
        T read(In in) throws IOException;
    }

    /** A growing big-endian buffer. */
    public static final class Out {
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

        public void writeByte(int v) {
            room(1).put((byte) v);
        }

        public void writeBoolean(boolean v) {
            room(1).put((byte) (v ? 1 : 0));
        }

        public void writeInt(int v) {
            room(4).putInt(v);
        }

        public void writeLong(long v) {
            room(8).putLong(v);
        }

        public void writeDouble(double v) {
            room(8).putDouble(v);
        }

        public void writeUTF(String s) throws IOException {
            ByteArrayOutputStream utf = new ByteArrayOutputStream();
            new DataOutputStream(utf).writeUTF(s); // rare (alert state): the JDK's modified UTF-8
            byte[] bytes = utf.toByteArray();
            room(bytes.length).put(bytes);
        }

        /** The bytes as they are, with no length: only as a value's last field (read back by {@link In#readRest}). */
        public void writeRest(byte[] bytes) {
            room(bytes.length).put(bytes);
        }

        public byte[] toByteArray() {
            return buffer.position() == buffer.capacity() ? buffer.array() : Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    /** Reads what {@link Out} wrote; running past the end is a {@link BufferUnderflowException}. */
    public static final class In {
        private final ByteBuffer buffer;

        private In(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        public boolean readBoolean() throws IOException {
            byte b = buffer.get();
            if (b != 0 && b != 1) {
                throw new IOException("not a boolean: " + b);
            }
            return b == 1;
        }

        public int readInt() {
            return buffer.getInt();
        }

        public long readLong() {
            return buffer.getLong();
        }

        public double readDouble() {
            return buffer.getDouble();
        }

        public String readUTF() throws IOException {
            int length = Short.toUnsignedInt(buffer.getShort());
            byte[] utf = new byte[length + 2];
            utf[0] = (byte) (length >>> 8);
            utf[1] = (byte) length;
            buffer.get(utf, 2, length);
            return new DataInputStream(new ByteArrayInputStream(utf)).readUTF();
        }

        public int remaining() {
            return buffer.remaining();
        }

        /** Every byte left: the last field, written by {@link Out#writeRest} (e.g. an embedded Avro record). */
        public byte[] readRest() {
            byte[] rest = new byte[buffer.remaining()];
            buffer.get(rest);
            return rest;
        }
    }

    private StateBytes() {
    }

    /** {@code expectedBytes}: the size of the body when known (a window re-encoded on every row is not grown by copies). */
    public static byte[] write(byte version, int expectedBytes, Writer body) {
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
    public static <T> T read(byte[] bytes, byte version, String type, Reader<T> body) {
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

    /** A count written by {@link Out#writeInt}; a negative one is corrupt bytes. */
    public static int readCount(In in, String what) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative " + what + " count " + n);
        }
        return n;
    }

    public static void writeNullableDouble(Out out, Double value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeDouble(value);
        }
    }

    public static Double readNullableDouble(In in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }

    public static void writeNullableInstant(Out out, Instant value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value.getEpochSecond());
            out.writeInt(value.getNano());
        }
    }

    public static Instant readNullableInstant(In in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }
}
