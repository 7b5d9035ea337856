package com.metasupervisor.reconciler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.reconciler.api.AlphaEventApiSettings;
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

/** How the reconciler reads {@code reconciler.*}: every key bound, each default once, a bad value stops the start. */
class ReconcilerSettingsBindingTest {

    /** Every reconciler.* key with a valid value other than its default. */
    private static final Map<String, String> OTHER_VALUES = new LinkedHashMap<>();

    static {
        OTHER_VALUES.put("reconciler.model-horizons-hours", "2,8");
        OTHER_VALUES.put("reconciler.grace", "PT3H");
        OTHER_VALUES.put("reconciler.tick-lateness", "PT2M");
        OTHER_VALUES.put("reconciler.price-history", "PT8H");
        OTHER_VALUES.put("reconciler.dedup-window", "P3D");
        OTHER_VALUES.put("reconciler.max-future-skew", "PT10M");
        OTHER_VALUES.put("reconciler.feed-gap", "PT2H");
        OTHER_VALUES.put("reconciler.model.lambda", "2");
        OTHER_VALUES.put("reconciler.model.min-rows", "100");
        OTHER_VALUES.put("reconciler.model.max-rows", "5000");
        OTHER_VALUES.put("reconciler.model.holdout-fraction", "0.25");
        OTHER_VALUES.put("reconciler.model.train-interval", "PT12H");
        OTHER_VALUES.put("reconciler.api.max-batch", "500");
        OTHER_VALUES.put("reconciler.api.send-timeout", "PT10S");
    }

    @TempDir
    Path stateDir;

    @Test
    void theKeysAreThoseOfTheSettingsRecords() {
        assertThat(ConfigurationKey.declaredBeside(ReconcilerSettings.class)).extracting(ConfigurationKey::name)
                .containsExactlyInAnyOrderElementsOf(OTHER_VALUES.keySet());
    }

    @Test
    void theServiceStartsWithTheDefaultsOfItsSettings() {
        try (ApplicationContext context = ApplicationContext.run(startable(Map.of()))) {
            assertThat(context.getBean(ReconcilerSettings.class)).isEqualTo(ReconcilerSettings.defaults());
            assertThat(context.getBean(AlphaEventApiSettings.class)).isEqualTo(AlphaEventApiSettings.defaults());
        }
    }

    @Test
    void everyKeyIsBound() {
        try (ApplicationContext context = ApplicationContext.run(startable(OTHER_VALUES))) {
            assertThat(context.getBean(ReconcilerSettings.class)).isEqualTo(new ReconcilerSettings(List.of(2, 8),
                    Duration.ofHours(3), Duration.ofMinutes(2), Duration.ofHours(8), Duration.ofDays(3), Duration.ofMinutes(10),
                    Duration.ofHours(2), new SimModelSettings(2, 100, 5000, 0.25, Duration.ofHours(12))));
            assertThat(context.getBean(AlphaEventApiSettings.class)).isEqualTo(new AlphaEventApiSettings(500, Duration.ofSeconds(10)));
        }
    }

    static Stream<Arguments> badValues() {
        return OTHER_VALUES.keySet().stream().flatMap(key -> Stream.of(Arguments.of(key, "abc"), Arguments.of(key, "-1")));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void anUnreadableOrInvalidValueStopsTheStartNamingItsKeyAndValue(String key, String bad) {
        assertThatThrownBy(() -> ApplicationContext.run(TestCredentials.in(new HashMap<>(Map.of(key, bad)))).close()).as(key + "=" + bad)
                .satisfies(e -> assertThat(configurationError(e).getMessage()).contains(key).contains(bad));
    }

    @Test
    void aListWithAnUnreadableItemStopsTheStart() {
        // Micronaut alone would bind [1, 24], the bad item dropped without a word
        assertThatThrownBy(() -> ApplicationContext.run(TestCredentials.in(new HashMap<>(Map.of("reconciler.model-horizons-hours", "1,four,24")))).close())
                .satisfies(e -> assertThat(configurationError(e).getMessage()).isEqualTo(
                        "reconciler.model-horizons-hours must be a comma-separated list, each a whole number, was '1,four,24'"));
    }

    @Test
    void aPriceHistoryShorterThanGracePlusLatenessStopsTheStartNamingTheKeys() {
        assertThatThrownBy(() -> ApplicationContext.run(TestCredentials.in(new HashMap<>(Map.of("reconciler.price-history", "PT1H")))).close())
                .satisfies(e -> assertThat(configurationError(e).getMessage()).isEqualTo(
                        "reconciler.price-history (PT1H) must be >= reconciler.grace + reconciler.tick-lateness (PT2H1M)"));
    }

    @Test
    void theReadmeTableListsEveryKeyWithItsEnvAndDefault() {
        List<ConfigurationKey> declared = ConfigurationKey.declaredBeside(ReconcilerSettings.class, RegistryConfiguration.class);

        assertThat(ConfigurationTable.check(Path.of("README.md"), Path.of("src/main/resources/application.yml"), declared)).isEmpty();
    }

    /** What a context needs to start without Kafka or a registry: nothing listens on port 1, streams not started. */
    private Map<String, Object> startable(Map<String, String> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put("kafka.bootstrap.servers", "127.0.0.1:1");
        config.put("registry.url", "http://127.0.0.1:1");
        config.put("kafka.streams.default.application.id", "reconciler-settings-test-" + UUID.randomUUID());
        config.put("kafka.streams.default.state.dir", stateDir.toString());
        config.put("kafka.streams.default.start-kafka-streams", false);
        return TestCredentials.in(config);
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
