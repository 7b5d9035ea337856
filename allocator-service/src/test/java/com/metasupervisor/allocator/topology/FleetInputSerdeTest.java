package com.metasupervisor.allocator.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.avro.AgentLifecycle;
import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.avro.AgentStatus;
import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AlertSubjectKind;
import com.metasupervisor.avro.AlertTransition;
import com.metasupervisor.avro.GuardianState;
import com.metasupervisor.avro.RegimeState;
import com.metasupervisor.avro.Severity;
import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.avro.StrategyState;
import com.metasupervisor.avro.StrategyStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bytes of every kind of fleet input on fleet-inputs and in allocator-inputs. */
class FleetInputSerdeTest {

    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");
    private final FleetInputSerde serde = new FleetInputSerde();

    @Test
    void everyKindAndEveryTombstoneComesBackAsItWent() {
        List<FleetInput> inputs = List.of(
                new FleetInput.Stats("a1", AllocatorDriver.stats("a1", "macro", 12.5, AT)),
                new FleetInput.Stats("a1", null),
                new FleetInput.Cvar("macro|TREND|24", new StrategyRegimeRisk("macro", "TREND", 24, 50L, 40.0, 20.0, 1.0, 0.5, 3.0, AT, AT, AT)),
                new FleetInput.Cvar("macro|TREND|24", null),
                new FleetInput.AlertChange("a1", new Alert("a1#2", "a1", AlertSubjectKind.AGENT, "DIVERGENCE", AlertTransition.OPENED,
                        Severity.HIGH, "REDUCE", List.of(), Map.of("x", 1.0), AT, AT, "m")),
                new FleetInput.Status("a1", new AgentStatus("a1", AgentLifecycle.KILLED, "governance", "drawdown", "d1", AT)),
                new FleetInput.Status("a1", null),
                new FleetInput.Strategy("macro", new StrategyStatus("macro", StrategyState.DISABLED, List.of("cvar"), Map.of(), null, AT, null, null)),
                new FleetInput.Registry("ağent ✓|x", new AgentManifest("ağent ✓|x", "macro", AgentLifecycle.LIVE, null, AT)),
                new FleetInput.Registry("a1", null),
                new FleetInput.Regime("current", new RegimeState("CRISIS", 0.4, "ops", AT)),
                new FleetInput.Regime("current", null),
                new FleetInput.Guardian("guardian", new GuardianState(true, "ops", null, AT)),
                new FleetInput.EventRegime("a1", "RANGE"),
                new FleetInput.Row("a1", -12.25, AT.toEpochMilli()));

        for (FleetInput input : inputs) {
            byte[] bytes = serde.serializer().serialize("t", input);
            assertThat(serde.deserializer().deserialize("t", bytes)).as(input.toString()).isEqualTo(input);
        }
        assertThat(serde.serializer().serialize("t", null)).isNull();
    }

    @Test
    void bytesOfAnotherVersionOrTruncatedAreRefusedNamingTheType() {
        byte[] bytes = serde.toBytes(new FleetInput.Row("a1", 1, 2));
        byte[] other = bytes.clone();
        other[0] = 9;

        assertThatThrownBy(() -> serde.fromBytes(other)).hasMessageContaining("FleetInput: unknown format version 9");
        assertThatThrownBy(() -> serde.fromBytes(Arrays.copyOf(bytes, bytes.length - 3))).hasMessageContaining("FleetInput");
    }
}
