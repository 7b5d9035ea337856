package com.metasupervisor.risk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RiskSettingsTest {

    private static final Duration H = Duration.ofHours(1);

    @Test
    void defaults_are_the_numbers_of_spec_section_4() {
        RiskSettings s = RiskSettings.defaults();

        assertThat(s.scoringHorizonHours()).isEqualTo(24);
        assertThat(s.cvar().maxRows()).isEqualTo(2_000);
        assertThat(s.cvar().maxAge()).isEqualTo(Duration.ofDays(30));
        assertThat(s.cvar().tail()).isEqualTo(0.05);
        assertThat(s.stats().shortWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(s.stats().longWindow()).isEqualTo(Duration.ofDays(30));
        assertThat(s.stats().longWindowDays()).isEqualTo(30);
        assertThat(s.stats().windowRows()).isEqualTo(80);
        assertThat(s.refreshInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(s.multiplier().ewmaHalfLifeRows()).isEqualTo(50);
        assertThat(s.multiplier().timeHalfLife()).isEqualTo(Duration.ofDays(7));
        assertThat(s.multiplier().errorScaleBps()).isEqualTo(75);
        assertThat(s.multiplier().min()).isEqualTo(0.5);
        assertThat(s.multiplier().max()).isEqualTo(1.0);
        assertThat(s.divergence().minRows()).isEqualTo(20);
        assertThat(s.divergence().meanAbsErrorBps()).isEqualTo(90);
        assertThat(s.divergence().meanErrorBps()).isEqualTo(40);
        assertThat(s.divergence().rmseSpikeFactor()).isEqualTo(2);
        assertThat(s.divergence().hitRateDrop()).isEqualTo(0.15);
        assertThat(s.divergence().escalationFactor()).isEqualTo(1.3);
        assertThat(s.divergence().resolveRatio()).isEqualTo(0.8);
    }

    @Test
    void default_min_rows_is_max_10_and_a_quarter_of_the_window_but_never_more_than_the_window() {
        assertThat(DivergenceSettings.defaultMinRows(80)).isEqualTo(20);
        assertThat(DivergenceSettings.defaultMinRows(200)).isEqualTo(50);
        assertThat(DivergenceSettings.defaultMinRows(20)).isEqualTo(10);
        assertThat(DivergenceSettings.defaultMinRows(6)).isEqualTo(6);
    }

    @Test
    void the_default_min_rows_is_that_of_the_default_window() {
        assertThat(DivergenceSettings.defaults().minRows())
                .isEqualTo(DivergenceSettings.defaultMinRows(AgentStatsSettings.defaults().windowRows()));
        assertThat(DivergenceSettings.defaults(80)).isEqualTo(DivergenceSettings.defaults());
        assertThat(DivergenceSettings.defaults(12).minRows()).isEqualTo(10);
    }

    @Test
    void ewma_alpha_halves_a_weight_after_the_half_life() {
        double alpha = MultiplierSettings.defaults().ewmaAlpha();

        assertThat(Math.pow(1 - alpha, 50)).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-12));
    }

    static Stream<Arguments> invalid() {
        CvarSettings c = CvarSettings.defaults();
        AgentStatsSettings a = AgentStatsSettings.defaults();
        MultiplierSettings m = MultiplierSettings.defaults();
        DivergenceSettings d = DivergenceSettings.defaults();
        return Stream.of(
                bad("risk.scoring-horizon-hours", () -> new RiskSettings(0, H, c, a, m, d)),
                bad("risk.cvar", () -> new RiskSettings(24, H, null, a, m, d)),
                bad("risk.cvar.max-rows", () -> new CvarSettings(0, Duration.ofDays(30), 0.05)),
                bad("risk.cvar.max-age", () -> new CvarSettings(2000, Duration.ZERO, 0.05)),
                bad("risk.cvar.max-age", () -> new CvarSettings(2000, null, 0.05)),
                bad("risk.cvar.tail", () -> new CvarSettings(2000, Duration.ofDays(30), 0)),
                bad("risk.cvar.tail", () -> new CvarSettings(2000, Duration.ofDays(30), 1)),
                bad("risk.cvar.tail", () -> new CvarSettings(2000, Duration.ofDays(30), Double.NaN)),
                bad("risk.stats.short-window", () -> new AgentStatsSettings(Duration.ofDays(-1), Duration.ofDays(30), 80)),
                bad("risk.stats.long-window", () -> new AgentStatsSettings(Duration.ofDays(7), Duration.ofHours(36), 80)),
                bad("risk.stats.short-window", () -> new AgentStatsSettings(Duration.ofDays(31), Duration.ofDays(30), 80)),
                bad("risk.stats.window-rows", () -> new AgentStatsSettings(Duration.ofDays(7), Duration.ofDays(30), 0)),
                bad("risk.refresh-interval", () -> new RiskSettings(24, Duration.ZERO, c, a, m, d)),
                bad("risk.multiplier.ewma-half-life-rows", () -> new MultiplierSettings(0, Duration.ofDays(7), 75, 0.5, 1)),
                bad("risk.multiplier.time-half-life", () -> new MultiplierSettings(50, Duration.ofDays(-7), 75, 0.5, 1)),
                bad("risk.multiplier.error-scale-bps", () -> new MultiplierSettings(50, Duration.ofDays(7), 0, 0.5, 1)),
                bad("risk.multiplier.error-scale-bps", () -> new MultiplierSettings(50, Duration.ofDays(7), Double.POSITIVE_INFINITY, 0.5, 1)),
                bad("risk.multiplier.min", () -> new MultiplierSettings(50, Duration.ofDays(7), 75, -0.1, 1)),
                bad("risk.multiplier.max", () -> new MultiplierSettings(50, Duration.ofDays(7), 75, 0.5, 1.5)),
                bad("risk.multiplier.min", () -> new MultiplierSettings(50, Duration.ofDays(7), 75, 0.9, 0.8)),
                bad("risk.divergence.min-rows", () -> new DivergenceSettings(0, 90, 40, 2, 0.15, 1.3, 0.8)),
                bad("risk.divergence.mean-abs-error-bps", () -> new DivergenceSettings(20, -90, 40, 2, 0.15, 1.3, 0.8)),
                bad("risk.divergence.mean-error-bps", () -> new DivergenceSettings(20, 90, 0, 2, 0.15, 1.3, 0.8)),
                bad("risk.divergence.rmse-spike-factor", () -> new DivergenceSettings(20, 90, 40, Double.NaN, 0.15, 1.3, 0.8)),
                bad("risk.divergence.hit-rate-drop", () -> new DivergenceSettings(20, 90, 40, 2, 1.2, 1.3, 0.8)),
                bad("risk.divergence.escalation-factor", () -> new DivergenceSettings(20, 90, 40, 2, 0.15, 0.9, 0.8)),
                bad("risk.divergence.resolve-ratio", () -> new DivergenceSettings(20, 90, 40, 2, 0.15, 1.3, 1.0)),
                bad("risk.divergence.min-rows", () -> new RiskSettings(24, H, c, new AgentStatsSettings(Duration.ofDays(7),
                        Duration.ofDays(30), 15), m, d)));
    }

    private static Arguments bad(String key, Supplier<Object> build) {
        return Arguments.of(key, build);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void an_invalid_value_is_refused_with_a_message_that_starts_with_its_key(String key, Supplier<Object> build) {
        assertThatThrownBy(build::get)
                .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class)
                .message().startsWith(key);
    }

    @Test
    void a_min_rows_above_the_window_names_both_keys() {
        assertThatThrownBy(() -> new RiskSettings(24, H, CvarSettings.defaults(),
                new AgentStatsSettings(Duration.ofDays(7), Duration.ofDays(30), 15), MultiplierSettings.defaults(),
                DivergenceSettings.defaults()))
                .hasMessageContaining("risk.divergence.min-rows (20)")
                .hasMessageContaining("risk.stats.window-rows (15)");
    }
}
