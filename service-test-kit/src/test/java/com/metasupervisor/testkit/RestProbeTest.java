package com.metasupervisor.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RestProbeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void snakeCaseFieldsAtEveryDepthPass() {
        assertThatCode(() -> RestProbe.assertSnakeCase(JSON.readTree(
                "[{\"alert_id\": \"a#1\", \"pnl_7d_bps\": 1, \"cvar95_shortfall_bps\": 2, \"nested\": {\"max_drawdown_30d_bps\": [ {\"n\": 3} ]}}]")))
                .doesNotThrowAnyException();
    }

    @Test
    void aCamelCaseFieldAnywhereFailsWithItsPath() {
        assertThatThrownBy(() -> RestProbe.assertSnakeCase(JSON.readTree("{\"ok_field\": {\"inner\": [{\"openedAt\": \"x\"}]}}")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.ok_field.inner[0].openedAt");
        assertThatThrownBy(() -> RestProbe.assertSnakeCase(JSON.readTree("{\"Title\": 1}"))).hasMessageContaining("$.Title");
        assertThatThrownBy(() -> RestProbe.assertSnakeCase(JSON.readTree("{\"double__underscore\": 1}")))
                .hasMessageContaining("double__underscore");
    }
}
