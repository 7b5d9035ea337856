package com.metasupervisor.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.exceptions.ConfigurationException;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every settings record is bound and checked first at start-up; a bad value stops it naming key and value. */
class SettingsStartupCheckTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = ';', value = {
            "sample.max-rows; abc; sample.max-rows must be a whole number, was 'abc'",
            "sample.max-rows; 1.5; sample.max-rows must be a whole number, was '1.5'",
            "sample.tail; half; sample.tail must be a number, was 'half'",
            "sample.max-age; soon; sample.max-age must be a duration such as PT30S, PT6H, P2D (ISO-8601) or 30s, was 'soon'",
            "sample.enabled; maybe; sample.enabled must be true or false, was 'maybe'",
            // Micronaut alone would bind [1, 24]: the bad item is dropped without a word
            "sample.horizons; 1,abc,24; sample.horizons must be a comma-separated list, each a whole number, was '1,abc,24'",
            "sample.window.long-window; P3X; sample.window.long-window must be a duration",
            "registry.auto-register; maybe; registry.auto-register must be true or false, was 'maybe'"})
    void aValueOfTheWrongTypeStopsTheStartNamingKeyAndValue(String key, String value, String message) {
        assertRefused(() -> ApplicationContext.run(Map.of(key, value)).close(), message);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = ';', value = {
            "sample.max-rows; 0; sample.max-rows must be > 0, was 0",
            "sample.tail; 1.5; sample.tail must be in (0, 1), was 1.5",
            "sample.max-age; PT0S; sample.max-age must be positive, was PT0S",
            "sample.window.long-window; PT36H; sample.window.long-window must be a whole number of days, was PT36H",
            "sample.window.short-window; P31D; sample.window.short-window (PT744H) must be <= sample.window.long-window (PT720H)",
            "registry.url; registry:8080; registry.url: registry url must be http(s)://host[:port], was 'registry:8080'"})
    void aValueTheRecordRefusesStopsTheStartWithItsMessage(String key, String value, String message) {
        assertRefused(() -> ApplicationContext.run(Map.of(key, value)).close(), message);
    }

    @Test
    void everyBadKeyIsNamedAtOnce() {
        assertRefused(() -> ApplicationContext.run(Map.of("sample.max-rows", "abc", "sample.tail", "half")).close(),
                "sample.max-rows must be a whole number, was 'abc'", "sample.tail must be a number, was 'half'");
        // a record refuses its first bad value; every record is asked
        assertRefused(() -> ApplicationContext.run(Map.of("sample.max-rows", "0", "registry.url", "registry:8080")).close(),
                "sample.max-rows must be > 0, was 0", "registry.url: registry url must be http(s)://host[:port], was 'registry:8080'");
    }

    @Test
    void aContextWithGoodValuesStartsAndBindsThem() {
        // a list as YAML writes it ([2, 8]) converts as well as "2,8"
        try (ApplicationContext context = KitContext.start(Map.of("sample.horizons", List.of(2, 8), "sample.max-age", "12h"))) {
            assertThat(context.getBean(SampleSettings.class).horizons()).containsExactly(2, 8);
            assertThat(context.getBean(SampleSettings.class).maxAge()).hasHours(12);
        }
    }

    @Test
    void theEnvironmentVariableOfAKeyIsItsUpperSnakeCaseForm() {
        assertThat(ConfigurationKey.envOf("sample.window.short-window")).isEqualTo("SAMPLE_WINDOW_SHORT_WINDOW");
        // bound the way Micronaut binds the process environment
        PropertySource env = PropertySource.of("env", Map.of(ConfigurationKey.envOf("sample.window.short-window"), "P3D",
                ConfigurationKey.envOf("sample.max-rows"), "9"), PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE);
        try (ApplicationContext context = KitContext.start(env)) {
            SampleSettings bound = context.getBean(SampleSettings.class);

            assertThat(bound.window().shortWindow()).hasDays(3);
            assertThat(bound.maxRows()).isEqualTo(9);
        }
    }

    private static void assertRefused(ThrowingCallable start, String... messages) {
        assertThatThrownBy(start).satisfies(e -> {
            Throwable cause = e;
            while (cause != null && !(cause instanceof ConfigurationException)) {
                cause = cause.getCause();
            }
            assertThat(cause).as("a ConfigurationException in %s", e).isNotNull();
            assertThat(cause.getMessage()).contains(messages);
        });
    }
}
