package com.metasupervisor.simulator.fleet;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.Duration;
import java.util.List;

/**
 * The fleet's shape.
 *
 * @param agents              how many agents, dealt in turn to the six classes (at least 12: two per class)
 * @param minSkill            lowest skill of a sound agent
 * @param maxSkill            highest skill of a sound agent
 * @param minCallInterval     shortest mean time between an agent's calls
 * @param maxCallInterval     longest mean time between an agent's calls
 * @param crisisEdgeShare     the share of a positive edge (skill − 0.5) an agent keeps while the regime is CRISIS: every
 *                            sound model earns less in a crisis, and a sound agent's 80-row mean stays below SPEC §4's
 *                            divergence threshold though CRISIS moves are large
 * @param crisisCalmSymbols   how many of the calmest symbols the other agents keep to while the regime is CRISIS (risk
 *                            off: their crisis rows are smaller, so their drawdowns and 80-row means stay in bounds)
 * @param horizonsHours       the horizons every call asks to be reconciled at
 * @param judgedHorizonHours  the horizon skill is defined at (risk-service's scoring horizon, 24 h)
 */
public record FleetSettings(int agents, double minSkill, double maxSkill, Duration minCallInterval, Duration maxCallInterval,
                            double crisisEdgeShare, int crisisCalmSymbols, List<Integer> horizonsHours, int judgedHorizonHours) {

    public static final int MIN_AGENTS = 2 * StrategyClasses.ALL.size();

    public FleetSettings {
        ArgChecker.atLeast(agents, MIN_AGENTS, "agents");
        ArgChecker.inRange(minSkill, 0.5, 1, "minSkill");
        ArgChecker.inRange(maxSkill, minSkill, 1, "maxSkill");
        ArgChecker.positive(minCallInterval, "minCallInterval");
        ArgChecker.isTrue(maxCallInterval.compareTo(minCallInterval) >= 0, "maxCallInterval must be at least minCallInterval");
        ArgChecker.inRange(crisisEdgeShare, 0, 1, "crisisEdgeShare");
        ArgChecker.positive(crisisCalmSymbols, "crisisCalmSymbols");
        ArgChecker.notNull(horizonsHours, "horizonsHours");
        ArgChecker.isTrue(!horizonsHours.isEmpty() && horizonsHours.stream().allMatch(h -> h != null && h > 0),
                "horizonsHours: positive hours, at least one, was " + horizonsHours);
        horizonsHours = List.copyOf(horizonsHours);
        ArgChecker.isTrue(horizonsHours.contains(judgedHorizonHours),
                "judgedHorizonHours " + judgedHorizonHours + " must be one of horizonsHours " + horizonsHours);
    }

    /**
     * Skills 0.63..0.69 (spent on the big moves, so a 24 h row earns ≈ 0.4..0.5 of its move's spread on average: enough
     * that a sound agent's PnL stays positive from its 50th row on), three quarters of the edge kept in CRISIS and the calmest
     * four symbols traded there, one call per agent
     * every 30 to 90 minutes, horizons 1, 4, 24 h, judged at 24 h.
     */
    public static FleetSettings defaults(int agents) {
        return new FleetSettings(agents, 0.63, 0.69, Duration.ofMinutes(30), Duration.ofMinutes(90), 0.75, 4, List.of(1, 4, 24), 24);
    }

    public int longestHorizonHours() {
        return horizonsHours.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }
}
