package com.metasupervisor.risk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.streams.config.ConfigurationKey;
import com.metasupervisor.streams.config.ConfigurationTable;
import com.metasupervisor.streams.config.RegistryConfiguration;
import com.metasupervisor.testkit.TestCredentials;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How the risk service reads {@code risk.*}: every key bound, each default once, a bad value stops the start. */
class RiskSettingsBindingTest {

    /** Every risk.* key with a valid value other than its default. */
    private static final Map<String, String> OTHER_VALUES = new LinkedHashMap<>();

    static {
        OTHER_VALUES.put("risk.scoring-horizon-hours", "4");
        OTHER_VALUES.put("risk.refresh-interval", "PT30M");
        OTHER_VALUES.put("risk.cvar.max-rows", "500");
        OTHER_VALUES.put("risk.cvar.max-age", "P10D");
        OTHER_VALUES.put("risk.cvar.tail", "0.1");
        OTHER_VALUES.put("risk.stats.short-window", "P3D");
        OTHER_VALUES.put("risk.stats.long-window", "P20D");
        OTHER_VALUES.put("risk.stats.window-rows", "60");
        OTHER_VALUES.put("risk.multiplier.ewma-half-life-rows", "40");
        OTHER_VALUES.put("risk.multiplier.time-half-life", "P5D");
        OTHER_VALUES.put("risk.multiplier.error-scale-bps", "50");
        OTHER_VALUES.put("risk.multiplier.min", "0.4");
        OTHER_VALUES.put("risk.multiplier.max", "0.9");
        OTHER_VALUES.put("risk.divergence.min-rows", "15");
        OTHER_VALUES.put("risk.divergence.mean-abs-error-bps", "80");
        OTHER_VALUES.put("risk.divergence.mean-error-bps", "30");
        OTHER_VALUES.put("risk.divergence.rmse-spike-factor", "3");
        OTHER_VALUES.put("risk.divergence.hit-rate-drop", "0.2");
        OTHER_VALUES.put("risk.divergence.escalation-factor", "1.5");
        OTHER_VALUES.put("risk.divergence.resolve-ratio", "0.7");
        OTHER_VALUES.put("risk.divergence.hit-rate-significance", "0.001");
        OTHER_VALUES.put("risk.divergence.rmse-spike-significance", "0.01");
        OTHER_VALUES.put("risk.divergence.calibrated-spread-factor", "1.2");
        OTHER_VALUES.put("risk.divergence.hit-rate-cusum-slack", "0.1");
        OTHER_VALUES.put("risk.divergence.hit-rate-cusum-threshold", "12");
    }

    @TempDir
    Path stateDir;

    @Test
    void theKeysAreThoseOfTheSettingsRecords() {
        assertThat(ConfigurationKey.declaredBeside(RiskSettings.class)).extracting(ConfigurationKey::name)
                .containsExactlyInAnyOrderElementsOf(OTHER_VALUES.keySet());
    }

    @Test
    void theServiceStartsWithTheDefaultsOfRiskSettings() {
        try (ApplicationContext context = ApplicationContext.run(startable(Map.of()))) {
            assertThat(context.getBean(RiskSettings.class)).isEqualTo(RiskSettings.defaults());
        }
    }

    @Test
    void everyKeyIsBound() {
        try (ApplicationContext context = ApplicationContext.run(startable(OTHER_VALUES))) {
            assertThat(context.getBean(RiskSettings.class)).isEqualTo(new RiskSettings(4, Duration.ofMinutes(30),
                    new CvarSettings(500, Duration.ofDays(10), 0.1),
                    new AgentStatsSettings(Duration.ofDays(3), Duration.ofDays(20), 60),
                    new MultiplierSettings(40, Duration.ofDays(5), 50, 0.4, 0.9),
                    new DivergenceSettings(15, 80, 30, 3, 0.2, 1.5, 0.7, 0.001, 0.01, 1.2, 0.1, 12)));
        }
    }

    static Stream<Arguments> badValues() {
        return OTHER_VALUES.keySet().stream().flatMap(key -> Stream.of("abc", "-1").map(bad ->
                // -1 would be refused as not positive; 0.5 is positive and still below the floor of 1
                Arguments.of(key, key.equals("risk.divergence.escalation-factor") && bad.equals("-1") ? "0.5" : bad)));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void anUnreadableOrInvalidValueStopsTheStartNamingItsKeyAndValue(String key, String bad) {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of(key, bad)).close()).as(key + "=" + bad)
                .satisfies(e -> assertThat(configurationError(e).getMessage())
                        .contains(key + " must")
                        .containsAnyOf(shown(bad)));
    }

    @Test
    void aMinRowsAboveTheWindowStopsTheStartNamingBothKeys() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("risk.stats.window-rows", "15")).close())
                .satisfies(e -> assertThat(configurationError(e).getMessage())
                        .contains("risk.divergence.min-rows (20) must be <= risk.stats.window-rows (15)"));
    }

    @Test
    void theReadmeTableListsEveryKeyWithItsEnvAndDefault() {
        List<ConfigurationKey> declared = ConfigurationKey.declaredBeside(RiskSettings.class, RegistryConfiguration.class);

        assertThat(ConfigurationTable.check(Path.of("README.md"), Path.of("src/main/resources/application.yml"), declared)).isEmpty();
    }

    /** What a context needs to start without Kafka or a registry: nothing listens on port 1, streams not started. */
    private Map<String, Object> startable(Map<String, String> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put("kafka.bootstrap.servers", "127.0.0.1:1");
        config.put("registry.url", "http://127.0.0.1:1");
        config.put("kafka.streams.default.application.id", "risk-settings-test-" + UUID.randomUUID());
        config.put("kafka.streams.default.state.dir", stateDir.toString());
        config.put("kafka.streams.default.start-kafka-streams", false);
        return TestCredentials.in(config);
    }

    /** How a message shows the bad value: quoted when it did not convert (-1 is no duration), else as the number read. */
    private static String[] shown(String bad) {
        return bad.matches("-?[0-9.]+")
                ? new String[] {"was '" + bad + "'", "was " + bad, "was " + Double.parseDouble(bad)}
                : new String[] {"was '" + bad + "'"};
    }

    private static Throwable configurationError(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigurationException) {
                return cause;
            }
        }
        throw new AssertionError("no ConfigurationException in " + e, e);
    }
}
