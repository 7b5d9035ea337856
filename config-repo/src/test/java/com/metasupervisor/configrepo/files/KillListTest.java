package com.metasupervisor.configrepo.files;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class KillListTest {

    /** SPEC §6's defaults as the README shows them. */
    static final String SPEC_DEFAULTS = """
            # Strategy kill list (SPEC §6). A person edits this; governance only reads it.
            macro:
              by_regime:
                TREND:
                  max_cvar_error_bps: 120
                RANGE:
                  max_cvar_error_bps: 90
            arb:
              status: ACTIVE
              max_drawdown_bps: -250
              min_hit_rate: 0.42
              by_regime:
                TREND:
                  max_cvar_error_bps: 140
                RANGE:
                  max_cvar_error_bps: 110
            funding:
              status: ACTIVE
              max_drawdown_bps: -200
            sentiment:
              status: DISABLED
              reason: structural alpha decay
            """;

    private static List<String> problems(String yaml) {
        return catchThrowableOfType(ConfigFileException.class, () -> KillList.parse(yaml))
                .problems().stream().map(ConfigFileProblem::toString).toList();
    }

    @Test
    void theSpecDefaultsFileBecomesTheSpecDefaults() {
        KillList killList = KillList.parse(SPEC_DEFAULTS);
        assertThat(killList).isEqualTo(KillList.specDefaults());
        assertThat(killList.classes().keySet()).containsExactly("macro", "arb", "funding", "sentiment");
        StrategyClassLimits arb = killList.strategyClass("arb").orElseThrow();
        assertThat(arb.maxDrawdownBps()).hasValue(-250);
        assertThat(arb.minHitRate()).hasValue(0.42);
        assertThat(arb.inRegime("RANGE")).contains(new RegimeLimit(110));
        assertThat(arb.inRegime("CRASH")).isEmpty();
        assertThat(killList.strategyClass("macro").orElseThrow().status()).isEqualTo(StrategyClassStatus.ACTIVE);
        assertThat(killList.strategyClass("sentiment").orElseThrow())
                .isEqualTo(new StrategyClassLimits(StrategyClassStatus.DISABLED, Optional.of("structural alpha decay"),
                        OptionalDouble.empty(), OptionalDouble.empty(), Map.of()));
        assertThat(KillList.parse("").classes()).isEmpty();
        assertThat(KillList.parse("# nothing yet\n").classes()).isEmpty();
    }

    @Test
    void theSeedFilesAreTheSpecDefaultsAndAnEmptyFleet() {
        assertThat(KillList.parse(SeedFiles.killList())).isEqualTo(KillList.specDefaults());
        assertThat(ManifestFile.parse(SeedFiles.manifest()).agents()).isEmpty();
        assertThat(SeedFiles.killList()).startsWith("#").as("commented for the person who edits it next");
    }

    @Test
    void classNamesWithOddCharactersAreData() {
        KillList killList = KillList.parse("\"alt: data's\":\n  reason: 'a \"quoted\" reason: yes'\n  status: DISABLED\n");
        assertThat(killList.strategyClass("alt: data's").orElseThrow().reason()).contains("a \"quoted\" reason: yes");
    }

    @Test
    void everyKindOfProblemIsReportedWithFileLineAndKey() {
        String yaml = """
                arb:
                  status: PAUSED
                  max_drawdown_bps: 250
                  min_hit_rate: "0.4"
                  by_regime:
                    TREND:
                      max_cvar_error_bps: 0
                    RANGE: 90
                    CRASH:
                      max_cvar: 10
                macro:
                  min_hit_rate: 1.5
                  stop_loss: 3
                  by_regime: [TREND]
                macro:
                  status: ACTIVE
                funding: DISABLED
                """;
        assertThat(problems(yaml)).containsExactly(
                "meta_supervisor/kill_list.yaml line 2: arb.status: unknown status 'PAUSED' (ACTIVE, DISABLED)",
                "meta_supervisor/kill_list.yaml line 3: arb.max_drawdown_bps: a drawdown limit is <= 0 bps (e.g. -250), found 250.0",
                "meta_supervisor/kill_list.yaml line 4: arb.min_hit_rate: expected a number, found a string",
                "meta_supervisor/kill_list.yaml line 7: arb.by_regime.TREND.max_cvar_error_bps: a CVaR limit is > 0 bps, found 0.0",
                "meta_supervisor/kill_list.yaml line 8: arb.by_regime.RANGE: expected a mapping {max_cvar_error_bps: <bps>}, found a number",
                "meta_supervisor/kill_list.yaml line 9: arb.by_regime.CRASH.max_cvar_error_bps: missing required key",
                "meta_supervisor/kill_list.yaml line 10: arb.by_regime.CRASH.max_cvar: unknown key (expected one of max_cvar_error_bps)",
                "meta_supervisor/kill_list.yaml line 12: macro.min_hit_rate: a hit rate is in [0, 1], found 1.5",
                "meta_supervisor/kill_list.yaml line 13: macro.stop_loss: unknown key (expected one of status, reason, max_drawdown_bps, min_hit_rate, by_regime)",
                "meta_supervisor/kill_list.yaml line 14: macro.by_regime: expected a mapping of regime → {max_cvar_error_bps}, found a list",
                "meta_supervisor/kill_list.yaml line 15: macro: duplicate key (first at line 11)",
                "meta_supervisor/kill_list.yaml line 17: funding: expected a mapping (status, reason, max_drawdown_bps, min_hit_rate, by_regime), found a string");
    }

    @Test
    void badYamlAndAWrongDocumentAreReported() {
        List<ConfigFileProblem> bad = catchThrowableOfType(ConfigFileException.class,
                () -> KillList.parse("arb:\n  status: ACTIVE\n    reason: x\n")).problems();
        assertThat(bad).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo(KillList.PATH);
            assertThat(problem.line()).isEqualTo(3);
            assertThat(problem.message()).startsWith("invalid YAML: ");
        });
        assertThat(problems("- arb\n")).containsExactly(
                "meta_supervisor/kill_list.yaml line 1: expected a mapping of strategy class → limits, found a list");
    }

    @Test
    void theRecordsRefuseInvalidValues() {
        assertThatThrownBy(() -> new RegimeLimit(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegimeLimit(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StrategyClassLimits(StrategyClassStatus.ACTIVE, Optional.empty(), OptionalDouble.of(10),
                OptionalDouble.empty(), Map.of())).hasMessageContaining("max_drawdown_bps");
        assertThatThrownBy(() -> new StrategyClassLimits(StrategyClassStatus.ACTIVE, Optional.empty(), OptionalDouble.empty(),
                OptionalDouble.of(-0.1), Map.of())).hasMessageContaining("min_hit_rate");
        assertThatThrownBy(() -> new KillList(Map.of(" ", KillList.specDefaults().classes().get("arb"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
