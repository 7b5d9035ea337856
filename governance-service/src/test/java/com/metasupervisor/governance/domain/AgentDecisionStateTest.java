package com.metasupervisor.governance.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.configrepo.files.StrategyClassStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgentDecisionStateTest {

    @Test
    void agentStateBytesRoundTrip() {
        AgentDecisionState state = new AgentDecisionState(2, Instant.parse("2026-11-30T06:00:00.123456789Z"), "KILL|kill_drawdown", "");
        assertThat(AgentDecisionState.fromBytes(state.toBytes())).isEqualTo(state);
        assertThat(AgentDecisionState.fromBytes(AgentDecisionState.INITIAL.toBytes())).isEqualTo(AgentDecisionState.INITIAL);
    }

    @Test
    void agentStateBytesOfAnotherVersionOrTruncatedAreRefused() {
        byte[] bytes = AgentDecisionState.INITIAL.toBytes();
        bytes[0] = (byte) (AgentDecisionState.VERSION + 1);
        assertThatThrownBy(() -> AgentDecisionState.fromBytes(bytes)).hasMessageContaining("unknown format version");
        byte[] whole = new AgentDecisionState(1, Instant.EPOCH, "x", "y").toBytes();
        assertThatThrownBy(() -> AgentDecisionState.fromBytes(java.util.Arrays.copyOf(whole, whole.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void classStateBytesRoundTripAndRefuseAnotherVersion() {
        ClassState state = new ClassState(StrategyClassStatus.DISABLED, true, "DISABLE_CLASS|class_cvar");
        assertThat(ClassState.fromBytes(state.toBytes())).isEqualTo(state);
        assertThat(ClassState.fromBytes(ClassState.INITIAL.toBytes())).isEqualTo(ClassState.INITIAL);
        byte[] bytes = state.toBytes();
        bytes[0] = (byte) (ClassState.VERSION + 1);
        assertThatThrownBy(() -> ClassState.fromBytes(bytes)).hasMessageContaining("unknown format version");
    }
}
