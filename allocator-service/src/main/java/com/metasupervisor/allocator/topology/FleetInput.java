package com.metasupervisor.allocator.topology;

import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.AgentStatus;
import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.GuardianState;
import com.metasupervisor.avro.RegimeState;
import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.avro.StrategyStatus;
import com.metasupervisor.streams.check.ArgChecker;

/**
 * One input of the allocator as it travels through the single-partition repartition {@code fleet-inputs}: the
 * record of its topic with the key it came with (the repartition re-keys everything to {@code fleet}). A null
 * value is a tombstone: the key is withdrawn. Alpha events and reconciled rows are reduced to what is read.
 */
public sealed interface FleetInput {

    /** The key the record had on its topic. */
    String key();

    /** The {@code allocator-inputs} store key of a kept input ({@code <kind>|<key>}); null for inputs not kept there. */
    default String storeKey() {
        return null;
    }

    record Stats(String key, AgentStats value) implements FleetInput {
        public Stats {
            ArgChecker.notNull(key, "key");
        }

        @Override
        public String storeKey() {
            return "stats|" + key;
        }
    }

    record Cvar(String key, StrategyRegimeRisk value) implements FleetInput {
        public Cvar {
            ArgChecker.notNull(key, "key");
        }

        @Override
        public String storeKey() {
            return "cvar|" + key;
        }
    }

    /**
     * An alert about an agent (the key): OPENED or ESCALATED opens its haircut, RESOLVED closes it. Each open alert is
     * kept under its own id (an agent may have several), a resolved one is deleted.
     */
    record AlertChange(String key, Alert value) implements FleetInput {
        public AlertChange {
            ArgChecker.notNull(key, "key");
            ArgChecker.notNull(value, "value");
        }

        @Override
        public String storeKey() {
            return "alert|" + key + "|" + value.getAlertId();
        }
    }

    record Status(String key, AgentStatus value) implements FleetInput {
        public Status {
            ArgChecker.notNull(key, "key");
        }

        @Override
        public String storeKey() {
            return "status|" + key;
        }
    }

    record Strategy(String key, StrategyStatus value) implements FleetInput {
        public Strategy {
            ArgChecker.notNull(key, "key");
        }

        @Override
        public String storeKey() {
            return "strategy|" + key;
        }
    }

    record Registry(String key, AgentManifest value) implements FleetInput {
        public Registry {
            ArgChecker.notNull(key, "key");
        }

        @Override
        public String storeKey() {
            return "registry|" + key;
        }
    }

    record Regime(String key, RegimeState value) implements FleetInput {
        public Regime {
            ArgChecker.notNull(key, "key");
        }

        @Override
        public String storeKey() {
            return "regime|" + key;
        }
    }

    record Guardian(String key, GuardianState value) implements FleetInput {
        public Guardian {
            ArgChecker.notNull(key, "key");
        }

        @Override
        public String storeKey() {
            return "guardian|" + key;
        }
    }

    /** The regime of one alpha event (its majority is the regime when market.regime has none). */
    record EventRegime(String key, String regime) implements FleetInput {
        public EventRegime {
            ArgChecker.notNull(key, "key");
            ArgChecker.notNull(regime, "regime");
        }
    }

    /** A reconciled row at the ledgers' horizon: its agent (the key), realized PnL and matured_at. */
    record Row(String key, double realizedPnlBps, long maturedAt) implements FleetInput {
        public Row {
            ArgChecker.notNull(key, "key");
        }
    }
}
