package com.metasupervisor.streams.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A value in the Confluent wire format, as every catalog topic carries it: magic byte 0, the schema id (4 bytes,
 * big-endian), then the Avro binary. What a dead letter's detail says about bytes that are not one.
 *
 * @param schemaId the registry's id of the writer schema
 * @param payload  the Avro binary after the header
 */
public record ConfluentFrame(int schemaId, byte[] payload) {

    /** Magic byte + schema id. */
    public static final int HEADER_SIZE = 1 + Integer.BYTES;
    /** What a frame starts with, in the words a detail uses. */
    public static final String EXPECTED = "the Confluent wire format: magic byte 0, a 4-byte schema id, then Avro binary";

    /** Bytes shown of a value that is not a frame: enough to recognise JSON, text or another framing. */
    private static final int SHOWN = 16;

    public ConfluentFrame {
        Objects.requireNonNull(payload, "payload");
    }

    /** {@code value} as a frame, or empty when it is not one (null, shorter than the header, or not magic byte 0). */
    public static Optional<ConfluentFrame> of(byte[] value) {
        if (value == null || value.length < HEADER_SIZE || value[0] != 0) {
            return Optional.empty();
        }
        return Optional.of(new ConfluentFrame(ByteBuffer.wrap(value, 1, Integer.BYTES).getInt(),
                Arrays.copyOfRange(value, HEADER_SIZE, value.length)));
    }

    /**
     * Why {@code value} is not a frame, naming its first bytes in hex (and as text when they are printable), e.g.
     * {@code expected ...; got 27 bytes starting 7b 22 73 ... ("{"symbol":"BTC",...")}.
     */
    public static String notAFrame(byte[] value) {
        String got;
        if (value == null) {
            got = "no value (null)";
        } else if (value.length == 0) {
            got = "an empty value";
        } else {
            byte[] shown = Arrays.copyOf(value, Math.min(SHOWN, value.length));
            boolean cut = value.length > shown.length;
            got = value.length + (value.length == 1 ? " byte " : " bytes ") + (cut ? "starting " : "")
                    + HexFormat.ofDelimiter(" ").formatHex(shown) + (cut ? " …" : "")
                    + (printable(shown) ? " (text \"" + new String(shown, StandardCharsets.US_ASCII) + (cut ? "…" : "") + "\")" : "")
                    + (value[0] != 0 ? "; the first byte is 0x" + HexFormat.of().toHexDigits(value[0]) + ", not 0"
                    : "; shorter than the " + HEADER_SIZE + "-byte header");
        }
        return "not " + EXPECTED + "; got " + got;
    }

    private static boolean printable(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfluentFrame frame && frame.schemaId == schemaId && Arrays.equals(frame.payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * schemaId + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "ConfluentFrame[schemaId=" + schemaId + ", payload=" + payload.length + " bytes]";
    }
}
