package com.metasupervisor.governance.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.governance.promotion.PromotionLoopSettings;
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

/** How governance reads {@code governance.*}: every key bound, each default once, a bad value stops the start. */
class GovernanceSettingsBindingTest {

    /** Every governance.* key with a valid value other than its default (all of them valid together). */
    private static final Map<String, String> OTHER_VALUES = new LinkedHashMap<>();
    /** Keys that take any text: no bad value. */
    private static final List<String> FREE_TEXT = List.of("governance.config-repo.path", "governance.config-repo.base-branch",
            "governance.config-repo.manifest-path", "governance.config-repo.kill-list-path", "governance.promotion-loop.output-dir",
            "governance.promotion-loop.live-overrides-path");

    static {
        OTHER_VALUES.put("governance.horizon-hours", "4");
        OTHER_VALUES.put("governance.history-size", "50");
        OTHER_VALUES.put("governance.decision.kill-max-drawdown-bps", "-600");
        OTHER_VALUES.put("governance.decision.kill-max-error-rate", "0.2");
        OTHER_VALUES.put("governance.decision.retire-min-rows", "60");
        OTHER_VALUES.put("governance.decision.retire-max-pnl-bps", "-10");
        OTHER_VALUES.put("governance.decision.retire-max-sharpe", "-0.5");
        OTHER_VALUES.put("governance.decision.promote-min-rows", "120");
        OTHER_VALUES.put("governance.decision.promote-min-sharpe", "1.2");
        OTHER_VALUES.put("governance.decision.promote-min-winrate", "0.55");
        OTHER_VALUES.put("governance.decision.promote-min-drawdown-bps", "-150");
        OTHER_VALUES.put("governance.promotion.consecutive-evaluations", "4");
        OTHER_VALUES.put("governance.promotion.min-span", "PT12H");
        OTHER_VALUES.put("governance.strategy-class.window", "P14D");
        OTHER_VALUES.put("governance.strategy-class.min-cvar-rows", "40");
        OTHER_VALUES.put("governance.strategy-class.min-hit-rate-rows", "20");
        OTHER_VALUES.put("governance.strategy-class.max-rows", "5000");
        OTHER_VALUES.put("governance.regime.majority-of", "50");
        OTHER_VALUES.put("governance.dry-run.rules", "kill_drawdown,class_cvar");
        OTHER_VALUES.put("governance.config-repo.backend", "github");
        OTHER_VALUES.put("governance.config-repo.path", "target/settings-test/config-repo");
        OTHER_VALUES.put("governance.config-repo.base-branch", "trunk");
        OTHER_VALUES.put("governance.config-repo.sync-interval", "PT1M");
        OTHER_VALUES.put("governance.config-repo.manifest-path", "fleet/manifest.yaml");
        OTHER_VALUES.put("governance.config-repo.kill-list-path", "fleet/kill_list.yaml");
        OTHER_VALUES.put("governance.promotion-loop.mode", "bounded_auto");
        OTHER_VALUES.put("governance.promotion-loop.interval", "PT30M");
        OTHER_VALUES.put("governance.promotion-loop.leverage-hard-limit", "2.5");
        OTHER_VALUES.put("governance.promotion-loop.leverage-min", "1.0");
        OTHER_VALUES.put("governance.promotion-loop.leverage-max", "2.5");
        OTHER_VALUES.put("governance.promotion-loop.leverage-max-step", "0.5");
        OTHER_VALUES.put("governance.promotion-loop.trigger-delay-min", "2");
        OTHER_VALUES.put("governance.promotion-loop.trigger-delay-max", "10");
        OTHER_VALUES.put("governance.promotion-loop.trigger-delay-max-step", "4");
        OTHER_VALUES.put("governance.promotion-loop.macro-weight-min", "0.1");
        OTHER_VALUES.put("governance.promotion-loop.macro-weight-max", "0.5");
        OTHER_VALUES.put("governance.promotion-loop.macro-weight-max-step", "0.2");
        OTHER_VALUES.put("governance.promotion-loop.output-dir", "target/settings-test/proposals");
        OTHER_VALUES.put("governance.promotion-loop.live-overrides-path", "target/settings-test/auto.toml");
    }

    @TempDir
    Path stateDir;

    @Test
    void theKeysAreThoseOfTheSettingsRecords() {
        assertThat(ConfigurationKey.declaredBeside(GovernanceSettings.class, PromotionLoopSettings.class)).extracting(ConfigurationKey::name)
                .containsExactlyInAnyOrderElementsOf(OTHER_VALUES.keySet());
    }

    @Test
    void theServiceStartsWithTheDefaultsOfEverySettingsRecord() {
        try (ApplicationContext context = ApplicationContext.run(startable(Map.of()))) {
            assertThat(context.getBean(GovernanceSettings.class)).isEqualTo(GovernanceSettings.defaults()).isEqualTo(new GovernanceSettings(24, 100));
            assertThat(context.getBean(DecisionSettings.class)).isEqualTo(DecisionSettings.defaults());
            assertThat(context.getBean(PromotionGateSettings.class)).isEqualTo(PromotionGateSettings.defaults());
            assertThat(context.getBean(StrategyClassSettings.class)).isEqualTo(StrategyClassSettings.defaults());
            assertThat(context.getBean(RegimeSettings.class)).isEqualTo(RegimeSettings.defaults()).isEqualTo(new RegimeSettings(100));
            assertThat(context.getBean(DryRunSettings.class)).isEqualTo(DryRunSettings.defaults());
            assertThat(context.getBean(PromotionLoopSettings.class)).isEqualTo(PromotionLoopSettings.defaults());
        }
    }

    @Test
    void everyKeyIsBound() {
        Map<String, String> values = new HashMap<>(OTHER_VALUES);
        values.put("governance.config-repo.backend", "local-git"); // github would want GITHUB_* at start: bound below alone
        values.put("governance.config-repo.path", stateDir.resolve("repo").toString());
        try (ApplicationContext context = ApplicationContext.run(startable(values))) {
            assertThat(context.getBean(GovernanceSettings.class)).isEqualTo(new GovernanceSettings(4, 50));
            assertThat(context.getBean(DecisionSettings.class)).isEqualTo(new DecisionSettings(-600, 0.2, 60, -10, -0.5, 120, 1.2, 0.55, -150));
            assertThat(context.getBean(PromotionGateSettings.class)).isEqualTo(new PromotionGateSettings(4, Duration.ofHours(12)));
            assertThat(context.getBean(StrategyClassSettings.class)).isEqualTo(new StrategyClassSettings(Duration.ofDays(14), 40, 20, 5000));
            assertThat(context.getBean(RegimeSettings.class)).isEqualTo(new RegimeSettings(50));
            assertThat(context.getBean(DryRunSettings.class)).isEqualTo(new DryRunSettings(Optional.of("kill_drawdown,class_cvar")));
            assertThat(context.getBean(ConfigRepoSettings.class)).isEqualTo(new ConfigRepoSettings("local-git",
                    stateDir.resolve("repo").toString(), "trunk", Duration.ofMinutes(1), "fleet/manifest.yaml", "fleet/kill_list.yaml"));
            assertThat(context.getBean(PromotionLoopSettings.class)).isEqualTo(new PromotionLoopSettings("bounded_auto", Duration.ofMinutes(30),
                    2.5, 1.0, 2.5, 0.5, 2, 10, 4, 0.1, 0.5, 0.2, "target/settings-test/proposals", "target/settings-test/auto.toml"));
        }
        try (ApplicationContext context = ApplicationContext.run(startable(Map.of("governance.config-repo.backend", "github")))) {
            assertThat(context.getBean(ConfigRepoSettings.class).backend()).isEqualTo("github");
        }
    }

    static Stream<Arguments> badValues() {
        return OTHER_VALUES.keySet().stream().filter(key -> !FREE_TEXT.contains(key)).map(key -> Arguments.of(key, "abc"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void anUnreadableOrInvalidValueStopsTheStartNamingItsKey(String key, String bad) {
        assertThatThrownBy(() -> ApplicationContext.run(startable(Map.of(key, bad))).close()).as(key + "=" + bad)
                .satisfies(e -> assertThat(configurationError(e).getMessage()).contains(key).contains("abc"));
    }

    @Test
    void aMajorityOfNoEventsStopsTheStartNamingItsKey() {
        assertThatThrownBy(() -> ApplicationContext.run(startable(Map.of("governance.regime.majority-of", "0"))).close())
                .satisfies(e -> assertThat(configurationError(e).getMessage()).contains("governance.regime.majority-of"));
    }

    @Test
    void thePromoteDrawdownMustLieAboveTheKillDrawdown() {
        assertThatThrownBy(() -> ApplicationContext.run(startable(Map.of("governance.decision.promote-min-drawdown-bps", "-600"))).close())
                .satisfies(e -> assertThat(configurationError(e).getMessage()).contains("governance.decision.promote-min-drawdown-bps"));
    }

    @Test
    void theReadmeTableListsEveryKeyWithItsEnvAndDefault() {
        List<ConfigurationKey> declared = ConfigurationKey.declaredBeside(GovernanceSettings.class, PromotionLoopSettings.class,
                RegistryConfiguration.class);

        assertThat(ConfigurationTable.check(Path.of("README.md"), Path.of("src/main/resources/application.yml"), declared)).isEmpty();
    }

    /** What a context needs to start without Kafka or a registry: nothing listens on port 1, streams not started. */
    private Map<String, Object> startable(Map<String, String> settings) {
        Map<String, Object> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", "127.0.0.1:1");
        config.put("registry.url", "http://127.0.0.1:1");
        config.put("kafka.streams.default.application.id", "governance-settings-test-" + UUID.randomUUID());
        config.put("kafka.streams.default.state.dir", stateDir.toString());
        config.put("kafka.streams.default.start-kafka-streams", false);
        // the manifest sync starts with the context: a repository of its own, never the working directory's
        config.put("governance.config-repo.path", stateDir.resolve("config-repo").toString());
        config.putAll(settings);
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
