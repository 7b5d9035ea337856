package com.metasupervisor.simulator.market;

import com.metasupervisor.streams.check.ArgChecker;
import java.util.EnumMap;
import java.util.Map;

/**
 * How prices move while a regime lasts, and how long it lasts. Rates are per hour of simulated time on the log price:
 * a tick of {@code dt} hours moves it by {@code drift·dt + vol·√dt·N(0,1)}, pulled back to the episode's anchor by
 * {@code meanReversion·dt} of the gap, plus a jump {@code N(jumpMean, jumpStd)} with probability {@code jumpsPerHour·dt}.
 *
 * @param meanHours       mean length of an episode (exponential)
 * @param driftPerHour    size of the drift; its sign is drawn per symbol and episode (a trend up or down), except that
 *                        a negative value is a drift down for every symbol (a crisis sells off)
 * @param next            where an episode goes when it ends: relative weights of the other regimes
 */
public record RegimeDynamics(double meanHours, double driftPerHour, double volPerHour, double meanReversionPerHour,
                             double jumpsPerHour, double jumpMean, double jumpStd, Map<Regime, Double> next) {

    public RegimeDynamics {
        ArgChecker.positive(meanHours, "meanHours");
        ArgChecker.finite(driftPerHour, "driftPerHour");
        ArgChecker.notNegative(volPerHour, "volPerHour");
        ArgChecker.notNegative(meanReversionPerHour, "meanReversionPerHour");
        ArgChecker.notNegative(jumpsPerHour, "jumpsPerHour");
        ArgChecker.finite(jumpMean, "jumpMean");
        ArgChecker.notNegative(jumpStd, "jumpStd");
        ArgChecker.notNull(next, "next");
        ArgChecker.isTrue(!next.isEmpty(), "next: at least one regime to go to");
        next.values().forEach(w -> ArgChecker.positive(w, "next weight"));
        next = Map.copyOf(new EnumMap<>(next));
    }
}
