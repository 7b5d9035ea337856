package com.metasupervisor.risk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RiskSettingsFactoryTest {

    /** The defaults of application.yml, in the factory's parameter order. */
    private static final String[] DEFAULTS = {"24", "PT1H", "2000", "P30D", "0.05", "P7D", "P30D", "80", "50", "P7D", "75",
            "0.5", "1.0", "20", "90", "40", "2", "0.15", "1.3", "0.8"};
    private static final String[] KEYS = {"risk.scoring-horizon-hours", "risk.refresh-interval", "risk.cvar.max-rows", "risk.cvar.max-age",
            "risk.cvar.tail", "risk.stats.short-window", "risk.stats.long-window", "risk.stats.window-rows",
            "risk.multiplier.ewma-half-life-rows", "risk.multiplier.time-half-life", "risk.multiplier.error-scale-bps",
            "risk.multiplier.min", "risk.multiplier.max", "risk.divergence.min-rows", "risk.divergence.mean-abs-error-bps",
            "risk.divergence.mean-error-bps", "risk.divergence.rmse-spike-factor", "risk.divergence.hit-rate-drop",
            "risk.divergence.escalation-factor", "risk.divergence.resolve-ratio"};

    private static RiskSettings build(String... v) {
        return new RiskSettingsFactory().riskSettings(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10],
                v[11], v[12], v[13], v[14], v[15], v[16], v[17], v[18], v[19]);
    }

    @Test
    void theDefaultsAreThoseOfRiskSettings() {
        assertThat(build(DEFAULTS)).isEqualTo(RiskSettings.defaults());
    }

    @Test
    void anUnreadableOrInvalidValueNamesItsKey() {
        for (int i = 0; i < KEYS.length; i++) {
            for (String bad : new String[] {"abc", "-1"}) {
                String[] values = Arrays.copyOf(DEFAULTS, DEFAULTS.length);
                values[i] = bad;
                if (KEYS[i].equals("risk.divergence.escalation-factor") && bad.equals("-1")) {
                    values[i] = "0.5";
                }
                String key = KEYS[i];
                assertThatThrownBy(() -> build(values)).as(key + "=" + bad)
                        .isInstanceOf(ConfigurationException.class).hasMessageContaining(key);
            }
        }
    }
}
