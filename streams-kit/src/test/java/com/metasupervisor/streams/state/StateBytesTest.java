package com.metasupervisor.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateBytesTest {

    private static final byte VERSION = 3;

    record Sample(boolean flag, int count, long millis, double value, String name, Double maybe, Instant at) {
    }

    private static byte[] write(Sample s, int expected) {
        return StateBytes.write(VERSION, expected, out -> {
            out.writeBoolean(s.flag());
            out.writeInt(s.count());
            out.writeLong(s.millis());
            out.writeDouble(s.value());
            out.writeUTF(s.name());
            StateBytes.writeNullableDouble(out, s.maybe());
            StateBytes.writeNullableInstant(out, s.at());
        });
    }

    private static Sample read(byte[] bytes) {
        return StateBytes.read(bytes, VERSION, "Sample", in -> new Sample(in.readBoolean(), StateBytes.readCount(in, "item"),
                in.readLong(), in.readDouble(), in.readUTF(), StateBytes.readNullableDouble(in), StateBytes.readNullableInstant(in)));
    }

    @Test
    void everyFieldKindRoundTripsWhateverTheExpectedSize() {
        for (Sample s : List.of(new Sample(true, 7, Long.MIN_VALUE, -0.5, "régime ✓", 1.25, Instant.parse("2026-01-01T00:00:00.123456789Z")),
                new Sample(false, 0, 42, Double.MAX_VALUE, "", null, null))) {
            byte[] small = write(s, 0);
            assertThat(small[0]).as("the version comes first").isEqualTo(VERSION);
            assertThat(read(small)).isEqualTo(s);
            assertThat(write(s, 10_000)).as("pre-sized: the same bytes").isEqualTo(small);
        }
    }

    @Test
    void bytesOfAnotherVersionTruncatedOrWithBytesLeftOverAreRefusedNamingTheType() {
        byte[] bytes = write(new Sample(true, 1, 2, 3, "x", null, null), 0);
        byte[] otherVersion = bytes.clone();
        otherVersion[0] = 9;

        assertThatThrownBy(() -> read(otherVersion)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Sample: unknown format version 9 (this build reads 3)");
        assertThatThrownBy(() -> read(Arrays.copyOf(bytes, bytes.length - 1))).hasMessage("Sample: truncated or corrupt bytes");
        assertThatThrownBy(() -> read(Arrays.copyOf(bytes, bytes.length + 2))).hasMessage("Sample: 2 bytes left over");
        assertThatThrownBy(() -> read(new byte[0])).hasMessage("Sample: no bytes");
    }

    @Test
    void aNegativeCountOrABooleanOtherThanZeroOrOneIsCorrupt() {
        byte[] negative = StateBytes.write(VERSION, 4, out -> out.writeInt(-1));
        assertThatThrownBy(() -> StateBytes.read(negative, VERSION, "Counted", in -> StateBytes.readCount(in, "row")))
                .hasMessage("Counted: truncated or corrupt bytes").hasRootCauseMessage("negative row count -1");
        byte[] notBoolean = StateBytes.write(VERSION, 1, out -> out.writeByte(2));
        assertThatThrownBy(() -> StateBytes.read(notBoolean, VERSION, "Flag", StateBytes.In::readBoolean))
                .hasRootCauseMessage("not a boolean: 2");
    }
}
