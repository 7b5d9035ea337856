package com.metasupervisor.governance.domain;

import com.metasupervisor.configrepo.files.StrategyClassLimits;
import com.metasupervisor.streams.check.ArgChecker;
import java.util.Map;
import java.util.Optional;

/**
 * What a strategy class's status is decided from.
 *
 * @param strategyClass the class
 * @param listed        its entry in the kill list at the config repo's base branch (absent: no limits, ACTIVE)
 * @param attribution   its attributed figures over the window
 * @param currentRegime the current market regime, when known
 * @param cvarByRegime  risk's CVaR of the class by regime (only the current regime's is judged)
 */
public record ClassSituation(String strategyClass, Optional<StrategyClassLimits> listed, ClassAttribution attribution,
                             Optional<String> currentRegime, Map<String, RegimeCvar> cvarByRegime) {
    public ClassSituation {
        ArgChecker.notBlank(strategyClass, "strategyClass");
        ArgChecker.notNull(listed, "listed");
        ArgChecker.notNull(attribution, "attribution");
        ArgChecker.notNull(currentRegime, "currentRegime");
        cvarByRegime = Map.copyOf(ArgChecker.notNull(cvarByRegime, "cvarByRegime"));
        cvarByRegime.forEach((regime, cvar) -> ArgChecker.isTrue(regime.equals(cvar.regime()),
                "cvarByRegime key " + regime + " holds the CVaR of " + cvar.regime()));
    }
}
