package com.metasupervisor.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnreconcilableHeadersTest {

    @Test
    void onlyFeedGapsAndPairsBeyondTheBoundAreNotTheAgentsFault() {
        assertThat(UnreconcilableHeaders.isAgentFault(UnreconcilableHeaders.UNPRICED)).isFalse();
        assertThat(UnreconcilableHeaders.isAgentFault(UnreconcilableHeaders.REASON)).isFalse();
        assertThat(UnreconcilableHeaders.isAgentFault(UnreconcilableHeaders.UNKNOWN_SYMBOL)).isTrue();
        assertThat(UnreconcilableHeaders.isAgentFault("malformed")).isTrue();
        assertThat(UnreconcilableHeaders.isAgentFault("invalid_direction")).isTrue();
    }

    @Test
    void theCodesAreTheWireValues() {
        assertThat(UnreconcilableHeaders.UNKNOWN_SYMBOL).isEqualTo("unknown_symbol");
        assertThat(UnreconcilableHeaders.UNPRICED).isEqualTo("unpriced");
        assertThat(UnreconcilableHeaders.REASON).isEqualTo("unreconcilable");
    }

    @Test
    void aMissingReasonIsRefused() {
        assertThatThrownBy(() -> UnreconcilableHeaders.isAgentFault(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("reason");
    }
}
