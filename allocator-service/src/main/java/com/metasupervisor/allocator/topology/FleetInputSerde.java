package com.metasupervisor.allocator.topology;

import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.AgentStatus;
import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.GuardianState;
import com.metasupervisor.avro.RegimeState;
import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.avro.StrategyStatus;
import com.metasupervisor.streams.state.PlainAvroSerde;
import com.metasupervisor.streams.state.StateBytes;
import java.io.IOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The bytes of a {@link FleetInput} on the repartition topic {@code fleet-inputs} and in the store
 * {@code allocator-inputs}, in the StateBytes layout: version, a tag (an int: the kind; StateBytes has no single-byte read), the original key, then the
 * body: for a catalog record a presence flag and its Avro binary (PlainAvroSerde, written last), for the reduced
 * alpha event its regime, for a reconciled row its PnL and matured_at.
 */
public final class FleetInputSerde implements Serde<FleetInput> {

    private static final byte VERSION = 1;
    private static final byte STATS = 1;
    private static final byte CVAR = 2;
    private static final byte ALERT = 3;
    private static final byte STATUS = 4;
    private static final byte STRATEGY = 5;
    private static final byte REGISTRY = 6;
    private static final byte REGIME = 7;
    private static final byte GUARDIAN = 8;
    private static final byte EVENT_REGIME = 9;
    private static final byte ROW = 10;

    private final Serde<AgentStats> stats = new PlainAvroSerde<>(AgentStats.class);
    private final Serde<StrategyRegimeRisk> cvar = new PlainAvroSerde<>(StrategyRegimeRisk.class);
    private final Serde<Alert> alerts = new PlainAvroSerde<>(Alert.class);
    private final Serde<AgentStatus> statuses = new PlainAvroSerde<>(AgentStatus.class);
    private final Serde<StrategyStatus> strategies = new PlainAvroSerde<>(StrategyStatus.class);
    private final Serde<AgentManifest> manifests = new PlainAvroSerde<>(AgentManifest.class);
    private final Serde<RegimeState> regimes = new PlainAvroSerde<>(RegimeState.class);
    private final Serde<GuardianState> guardians = new PlainAvroSerde<>(GuardianState.class);

    public byte[] toBytes(FleetInput input) {
        return switch (input) {
            case FleetInput.Stats s -> record(STATS, s.key(), stats.serializer().serialize(null, s.value()));
            case FleetInput.Cvar c -> record(CVAR, c.key(), cvar.serializer().serialize(null, c.value()));
            case FleetInput.AlertChange a -> record(ALERT, a.key(), alerts.serializer().serialize(null, a.value()));
            case FleetInput.Status s -> record(STATUS, s.key(), statuses.serializer().serialize(null, s.value()));
            case FleetInput.Strategy s -> record(STRATEGY, s.key(), strategies.serializer().serialize(null, s.value()));
            case FleetInput.Registry r -> record(REGISTRY, r.key(), manifests.serializer().serialize(null, r.value()));
            case FleetInput.Regime r -> record(REGIME, r.key(), regimes.serializer().serialize(null, r.value()));
            case FleetInput.Guardian g -> record(GUARDIAN, g.key(), guardians.serializer().serialize(null, g.value()));
            case FleetInput.EventRegime e -> StateBytes.write(VERSION, 16, out -> {
                out.writeInt(EVENT_REGIME);
                out.writeUTF(e.key());
                out.writeUTF(e.regime());
            });
            case FleetInput.Row r -> StateBytes.write(VERSION, 32, out -> {
                out.writeInt(ROW);
                out.writeUTF(r.key());
                out.writeDouble(r.realizedPnlBps());
                out.writeLong(r.maturedAt());
            });
        };
    }

    public FleetInput fromBytes(byte[] bytes) {
        return StateBytes.read(bytes, VERSION, "FleetInput", in -> {
            int tag = in.readInt();
            String key = in.readUTF();
            if (tag == EVENT_REGIME) {
                return new FleetInput.EventRegime(key, in.readUTF());
            }
            if (tag == ROW) {
                return new FleetInput.Row(key, in.readDouble(), in.readLong());
            }
            byte[] avro = in.readBoolean() ? in.readRest() : null;
            return switch (tag) {
                case STATS -> new FleetInput.Stats(key, decode(stats, avro));
                case CVAR -> new FleetInput.Cvar(key, decode(cvar, avro));
                case ALERT -> new FleetInput.AlertChange(key, decode(alerts, avro));
                case STATUS -> new FleetInput.Status(key, decode(statuses, avro));
                case STRATEGY -> new FleetInput.Strategy(key, decode(strategies, avro));
                case REGISTRY -> new FleetInput.Registry(key, decode(manifests, avro));
                case REGIME -> new FleetInput.Regime(key, decode(regimes, avro));
                case GUARDIAN -> new FleetInput.Guardian(key, decode(guardians, avro));
                default -> throw new IOException("unknown FleetInput tag " + tag);
            };
        });
    }

    private static <V> V decode(Serde<V> serde, byte[] avro) {
        return avro == null ? null : serde.deserializer().deserialize(null, avro);
    }

    private static byte[] record(byte tag, String key, byte[] avro) {
        return StateBytes.write(VERSION, 16 + (avro == null ? 0 : avro.length), out -> {
            out.writeInt(tag);
            out.writeUTF(key);
            out.writeBoolean(avro != null);
            if (avro != null) {
                out.writeRest(avro);
            }
        });
    }

    @Override
    public Serializer<FleetInput> serializer() {
        return (topic, input) -> input == null ? null : toBytes(input);
    }

    @Override
    public Deserializer<FleetInput> deserializer() {
        return (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
    }
}
