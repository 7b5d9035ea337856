package com.metasupervisor.governance.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LiveOverridesConfigLoaderTest {

    private static final Map<String, Object> BASE = base();

    private static Map<String, Object> base() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("portfolio.leverage", 1.0);
        m.put("strategy.trigger_delay", 5);
        m.put("macro.regime_weight", 0.2);
        m.put("portfolio.name", "main");
        return m;
    }

    private static Path valid(Path dir) throws IOException {
        Path toml = dir.resolve("auto.toml");
        Files.writeString(toml, """
                [auto_applied]
                "portfolio.leverage" = 1.75
                "strategy.trigger_delay" = 8.0
                "macro.regime_weight" = 0.35
                "unknown.key" = 3.0
                "portfolio.name" = 2.0

                [meta]
                proposal_id = "x"
                """);
        return toml;
    }

    @ParameterizedTest
    @ValueSource(strings = {"live", "testnet", "LIVE"})
    void validFileIsAppliedInLiveEnvironments(String env, @TempDir Path dir) throws IOException {
        LoadedConfig c = LiveOverridesConfigLoader.load(BASE, env, valid(dir));
        assertThat(c.values()).containsEntry("portfolio.leverage", 1.75).containsEntry("strategy.trigger_delay", 8)
                .containsEntry("macro.regime_weight", 0.35).containsEntry("portfolio.name", "main")
                .doesNotContainKey("unknown.key");
        assertThat(c.applied()).containsOnlyKeys("portfolio.leverage", "strategy.trigger_delay", "macro.regime_weight");
        assertThat(c.problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("unknown.key").contains("no such key"))
                .anySatisfy(p -> assertThat(p).contains("portfolio.name").contains("not a number"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"paper", "backtest", "dev", ""})
    void otherEnvironmentsKeepTheBaseWhateverTheFile(String env, @TempDir Path dir) throws IOException {
        for (Path file : new Path[] {valid(dir), dir.resolve("missing.toml"), invalid(dir)}) {
            LoadedConfig c = LiveOverridesConfigLoader.load(BASE, env, file);
            assertThat(c.values()).isEqualTo(BASE);
            assertThat(c.applied()).isEmpty();
            assertThat(c.problems()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"live", "testnet"})
    void missingFileWarnsAndKeepsTheBase(String env, @TempDir Path dir) {
        LoadedConfig c = LiveOverridesConfigLoader.load(BASE, env, dir.resolve("auto.toml"));
        assertThat(c.values()).isEqualTo(BASE);
        assertThat(c.problems()).singleElement().asString().contains("not found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[auto_applied\nx = ", "[auto_applied]\n\"portfolio.leverage\" = \"high\"\n",
            "auto_applied = 3\n", "[auto_applied]\n\"portfolio.leverage\" = nan\n"})
    void invalidFileWarnsAndKeepsTheWholeBase(String content, @TempDir Path dir) throws IOException {
        Path toml = dir.resolve("auto.toml");
        Files.writeString(toml, content);
        for (String env : new String[] {"live", "testnet"}) {
            LoadedConfig c = LiveOverridesConfigLoader.load(BASE, env, toml);
            assertThat(c.values()).isEqualTo(BASE);
            assertThat(c.applied()).isEmpty();
            assertThat(c.problems()).singleElement().asString().contains("base config in force");
        }
    }

    private static Path invalid(Path dir) throws IOException {
        Path toml = dir.resolve("bad.toml");
        Files.writeString(toml, "[[[");
        return toml;
    }
}
