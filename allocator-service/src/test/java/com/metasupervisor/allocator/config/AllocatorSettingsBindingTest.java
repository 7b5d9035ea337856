package com.metasupervisor.allocator.config;

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
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How the allocator reads {@code allocator.*}: every key bound, each default once, a bad value stops the start. */
class AllocatorSettingsBindingTest {

    /** Every allocator.* key with a valid value other than its default (all of them valid together). */
    private static final Map<String, String> OTHER_VALUES = new LinkedHashMap<>();
    /** Keys that take any text: no bad value. */
    private static final List<String> FREE_TEXT = List.of("allocator.weights-file");

    static {
        OTHER_VALUES.put("allocator.policy", "composite");
        OTHER_VALUES.put("allocator.horizon-hours", "4");
        OTHER_VALUES.put("allocator.evaluation-interval", "PT1M");
        OTHER_VALUES.put("allocator.publish-threshold", "0.2");
        OTHER_VALUES.put("allocator.alert-multiplier", "0.4");
        OTHER_VALUES.put("allocator.weights-file", "target/settings-test/weights.json");
        OTHER_VALUES.put("allocator.history-size", "50");
        OTHER_VALUES.put("allocator.regime.multipliers", "TREND=1.0,CRISIS=0.3");
        OTHER_VALUES.put("allocator.regime.unknown-multiplier", "0.7");
        OTHER_VALUES.put("allocator.regime.majority-events", "50");
        OTHER_VALUES.put("allocator.pnl-proportional.min-allocation", "0.01");
        OTHER_VALUES.put("allocator.pnl-proportional.max-allocation", "0.9");
        OTHER_VALUES.put("allocator.composite.min-allocation", "0.02");
        OTHER_VALUES.put("allocator.composite.max-allocation", "0.5");
        OTHER_VALUES.put("allocator.composite.pnl-weight", "0.5");
        OTHER_VALUES.put("allocator.composite.sharpe-weight", "0.2");
        OTHER_VALUES.put("allocator.composite.winrate-weight", "0.25");
        OTHER_VALUES.put("allocator.composite.drawdown-weight", "0.05");
        OTHER_VALUES.put("allocator.soft-penalty.min-allocation", "0.01");
        OTHER_VALUES.put("allocator.soft-penalty.max-allocation", "0.3");
        OTHER_VALUES.put("allocator.soft-penalty.error-rate-gate", "0.2");
        OTHER_VALUES.put("allocator.soft-penalty.hit-rate-offset", "0.5");
        OTHER_VALUES.put("allocator.soft-penalty.error-scale-bps", "50");
        OTHER_VALUES.put("allocator.soft-penalty.cvar-per-bps", "0.02");
        OTHER_VALUES.put("allocator.soft-penalty.cvar-floor", "0.3");
        OTHER_VALUES.put("allocator.soft-penalty.drawdown-per-bps", "0.02");
        OTHER_VALUES.put("allocator.soft-penalty.drawdown-floor", "0.5");
    }

    @TempDir
    Path stateDir;

    @Test
    void theKeysAreThoseOfTheSettingsRecords() {
        assertThat(ConfigurationKey.declaredBeside(AllocatorSettings.class)).extracting(ConfigurationKey::name)
                .containsExactlyInAnyOrderElementsOf(OTHER_VALUES.keySet());
    }

    @Test
    void theServiceStartsWithTheDefaultsOfAllocatorSettings() {
        try (ApplicationContext context = ApplicationContext.run(startable(Map.of()))) {
            assertThat(context.getBean(AllocatorSettings.class)).isEqualTo(AllocatorSettings.defaults())
                    .isEqualTo(new AllocatorSettings("soft_penalty", 24, Duration.ofMinutes(5), 0.10, 0.5, Optional.empty(), 200,
                            RegimeSettings.defaults(), PnlProportionalSettings.defaults(), CompositeSettings.defaults(),
                            SoftPenaltySettings.defaults()));
        }
    }

    @Test
    void everyKeyIsBound() {
        try (ApplicationContext context = ApplicationContext.run(startable(OTHER_VALUES))) {
            assertThat(context.getBean(AllocatorSettings.class)).isEqualTo(new AllocatorSettings("composite", 4, Duration.ofMinutes(1),
                    0.2, 0.4, Optional.of(Path.of("target/settings-test/weights.json")), 50,
                    new RegimeSettings("TREND=1.0,CRISIS=0.3", 0.7, 50),
                    new PnlProportionalSettings(0.01, 0.9),
                    new CompositeSettings(0.02, 0.5, 0.5, 0.2, 0.25, 0.05),
                    new SoftPenaltySettings(0.01, 0.3, 0.2, 0.5, 50, 0.02, 0.3, 0.02, 0.5)));
        }
    }

    static Stream<Arguments> badValues() {
        return OTHER_VALUES.keySet().stream().filter(key -> !FREE_TEXT.contains(key))
                .flatMap(key -> Stream.of("abc", "-1").map(bad -> Arguments.of(key, bad)));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void anUnreadableOrInvalidValueStopsTheStartNamingItsKeyAndValue(String key, String bad) {
        assertThatThrownBy(() -> ApplicationContext.run(startable(Map.of(key, bad))).close()).as(key + "=" + bad)
                .satisfies(e -> assertThat(configurationError(e).getMessage())
                        .contains(key)
                        .containsAnyOf(shown(bad)));
    }

    @Test
    void aMinAboveTheMaxStopsTheStartNamingBothKeys() {
        assertThatThrownBy(() -> ApplicationContext.run(startable(Map.of("allocator.composite.min-allocation", "0.5"))).close())
                .satisfies(e -> assertThat(configurationError(e).getMessage())
                        .contains("allocator.composite.min-allocation (0.5) must be <= allocator.composite.max-allocation (0.4)"));
    }

    @Test
    void theReadmeTableListsEveryKeyWithItsEnvAndDefault() {
        List<ConfigurationKey> declared = ConfigurationKey.declaredBeside(AllocatorSettings.class, RegistryConfiguration.class);

        assertThat(ConfigurationTable.check(Path.of("README.md"), Path.of("src/main/resources/application.yml"), declared)).isEmpty();
    }

    /** What a context needs to start without Kafka or a registry: nothing listens on port 1, streams not started. */
    private Map<String, Object> startable(Map<String, String> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put("kafka.bootstrap.servers", "127.0.0.1:1");
        config.put("registry.url", "http://127.0.0.1:1");
        config.put("kafka.streams.default.application.id", "allocator-settings-test-" + UUID.randomUUID());
        config.put("kafka.streams.default.state.dir", stateDir.toString());
        config.put("kafka.streams.default.start-kafka-streams", false);
        return TestCredentials.in(config);
    }

    /** How a message shows the bad value: quoted when it did not convert or is text, else as the number read. */
    private static String[] shown(String bad) {
        return bad.matches("-?[0-9.]+")
                ? new String[] {"'" + bad + "'", "was " + bad, "was " + Double.parseDouble(bad)}
                : new String[] {"'" + bad + "'"};
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
