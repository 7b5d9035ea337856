package com.metasupervisor.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.configrepo.files.KillList;
import com.metasupervisor.configrepo.files.RegimeLimit;
import com.metasupervisor.configrepo.files.SeedFiles;
import com.metasupervisor.configrepo.files.StrategyClassLimits;
import com.metasupervisor.configrepo.files.StrategyClassStatus;
import com.metasupervisor.simulator.fleet.StrategyClasses;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DemoKillListTest {

    @Test
    void theBrokenClassGetsItsCrisisLimitBesideTheSeedsRegimes() {
        KillList parsed = KillList.parse(DemoKillList.withCrisisLimit(SeedFiles.killList(), "macro", DemoKillList.CRISIS_LIMIT_BPS));

        assertThat(parsed).isEqualTo(defaultsWithCrisis("macro", DemoKillList.CRISIS_LIMIT_BPS));
        assertThat(parsed.strategyClass("macro").orElseThrow().inRegime("CRISIS")).contains(new RegimeLimit(55));
        assertThat(parsed.strategyClass("macro").orElseThrow().inRegime("TREND")).contains(new RegimeLimit(120));
    }

    @Test
    void theSeedsCommentsStay() {
        String text = DemoKillList.withCrisisLimit(SeedFiles.killList(), "macro", 150);

        assertThat(text).startsWith("# Strategy kill list (SPEC §6)");
    }

    /** Any class (in the seed with regimes, in it without, or not in it) and any limit: the defaults plus that one limit. */
    @Test
    void anyClassAndLimitParseAsTheDefaultsPlusTheLimit() {
        SplittableRandom random = new SplittableRandom(14);
        for (int i = 0; i < 200; i++) {
            String strategyClass = StrategyClasses.ALL.get(random.nextInt(StrategyClasses.ALL.size()));
            double limit = Math.round(random.nextDouble(1, 1000) * 10) / 10.0;

            KillList parsed = KillList.parse(DemoKillList.withCrisisLimit(SeedFiles.killList(), strategyClass, limit));

            assertThat(parsed).as("%s %s", strategyClass, limit).isEqualTo(defaultsWithCrisis(strategyClass, limit));
        }
    }

    @Test
    void aLimitThatIsNoLimitIsRefused() {
        assertThatThrownBy(() -> DemoKillList.withCrisisLimit(SeedFiles.killList(), "macro", 0))
                .hasMessageContaining("a CVaR limit is > 0 bps, was 0.0");
        assertThatThrownBy(() -> DemoKillList.withCrisisLimit(SeedFiles.killList(), "macro:\n  status: DISABLED", 10))
                .hasMessageContaining("not a strategy class name");
    }

    private static KillList defaultsWithCrisis(String strategyClass, double limit) {
        Map<String, StrategyClassLimits> classes = new LinkedHashMap<>(KillList.specDefaults().classes());
        StrategyClassLimits old = classes.getOrDefault(strategyClass, new StrategyClassLimits(StrategyClassStatus.ACTIVE,
                Optional.empty(), OptionalDouble.empty(), OptionalDouble.empty(), Map.of()));
        Map<String, RegimeLimit> regimes = new LinkedHashMap<>(old.byRegime());
        regimes.put("CRISIS", new RegimeLimit(limit));
        classes.put(strategyClass, new StrategyClassLimits(old.status(), old.reason(), old.maxDrawdownBps(), old.minHitRate(), regimes));
        return new KillList(classes);
    }
}
