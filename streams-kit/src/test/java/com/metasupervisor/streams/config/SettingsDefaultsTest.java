package com.metasupervisor.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsDefaultsTest {

    @Test
    void theDefaultsAreTheBindableDefaultsConvertedAsMicronautConvertsThem() {
        SampleSettings defaults = SettingsDefaults.of(SampleSettings.class);

        assertThat(defaults).isEqualTo(new SampleSettings(2000, Duration.ofDays(30), 0.05, List.of(1, 4, 24), true,
                new SampleWindowSettings(Duration.ofDays(7), Duration.ofDays(30))));
    }

    @Test
    void theDefaultsAreWhatAContextBindsWithNoKeySet() {
        try (ApplicationContext context = KitContext.start(Map.of())) {
            assertThat(context.getBean(SampleSettings.class)).isEqualTo(SettingsDefaults.of(SampleSettings.class));
        }
    }

    @Test
    void aContextBindsASetKeyInsteadOfItsDefault() {
        try (ApplicationContext context = KitContext.start(Map.of("sample.max-rows", "7", "sample.window.short-window", "P2D",
                "sample.horizons", "2,8"))) {
            SampleSettings bound = context.getBean(SampleSettings.class);

            assertThat(bound.horizons()).containsExactly(2, 8);
            assertThat(bound.maxRows()).isEqualTo(7);
            assertThat(bound.window().shortWindow()).isEqualTo(Duration.ofDays(2));
        }
    }

    @Test
    void anOptionalKeyWithoutDefaultIsEmptyAsAContextBindsItUnset() {
        assertThat(SettingsDefaults.of(OptionalKeySettings.class)).isEqualTo(new OptionalKeySettings(Optional.empty(), 3));
        try (ApplicationContext context = KitContext.start(Map.of())) {
            assertThat(context.getBean(OptionalKeySettings.class)).isEqualTo(SettingsDefaults.of(OptionalKeySettings.class));
        }
        try (ApplicationContext context = KitContext.start(Map.of("optional-key.export-file", "/tmp/out/w.json"))) {
            assertThat(context.getBean(OptionalKeySettings.class).exportFile()).contains(Path.of("/tmp/out/w.json"));
        }
    }

    @Test
    void aComponentWithoutDefaultIsRefusedNamingItsKey() {
        assertThatThrownBy(() -> SettingsDefaults.of(UndefaultedSettings.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("undefaulted.name has no default");
    }

    @Test
    void onlyConfigurationPropertiesRecordsHaveDefaults() {
        record Plain(int rows) {
        }
        assertThatThrownBy(() -> SettingsDefaults.of(Plain.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a @ConfigurationProperties record");
    }
}
