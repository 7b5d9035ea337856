package com.metasupervisor.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemoOptionsTest {

    @Test
    void noArgumentsAreTheDocumentedDefaults() {
        DemoOptions options = DemoOptions.parse();

        assertThat(options.days()).isEqualTo(30);
        assertThat(options.agents()).isEqualTo(24);
        assertThat(options.seed()).isEqualTo(42);
        assertThat(options.speed().simulatedSecondsPerSecond()).isEqualTo(8640);
        assertThat(options.keepRunning()).isFalse();
    }

    @Test
    void everyOptionIsRead() {
        DemoOptions options = DemoOptions.parse("--days", "3", "--agents", "30", "--seed", "7", "--speed", "max", "--keep-running");

        assertThat(options.days()).isEqualTo(3);
        assertThat(options.agents()).isEqualTo(30);
        assertThat(options.seed()).isEqualTo(7);
        assertThat(options.speed().isMax()).isTrue();
        assertThat(options.keepRunning()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--days 0            | --days must be >= 1, was 0",
        "--days three        | --days: not a whole number: 'three'",
        "--agents 11         | --agents must be >= 12",
        "--speed fast        | --speed:",
        "--seed              | --seed needs a value",
        "--verbose           | unknown option '--verbose'",
        "--days 99999999999  | --days: too large"})
    void badOptionsAreRefusedNamingTheOption(String args, String message) {
        assertThatThrownBy(() -> DemoOptions.parse(args.strip().split(" +")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
