package com.metasupervisor.simulator;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An agent's directional call (topic alpha.events). A bad call ({@link #badKind()} present) carries the bad value as
 * it is (confidence 7.0, a NaN score, an unlisted symbol), so only what every call has is checked here.
 *
 * @param scoreFinal the call's strength, positive (its sign is the direction's)
 * @param regime     the regime the market was in when the call was made
 */
public record AgentCall(String eventId, String agent, String strategyClass, String symbol, int direction, double scoreFinal,
                        double confidence, String regime, Instant emittedAt, List<Integer> horizonsHours,
                        Optional<BadEventKind> badKind) implements SimulatedEvent {

    public AgentCall {
        ArgChecker.notBlank(eventId, "eventId");
        ArgChecker.notBlank(agent, "agent");
        ArgChecker.notBlank(strategyClass, "strategyClass");
        ArgChecker.notBlank(symbol, "symbol");
        ArgChecker.isTrue(direction == 1 || direction == -1, "direction must be +1 or -1, was " + direction);
        ArgChecker.notBlank(regime, "regime");
        ArgChecker.notNull(emittedAt, "emittedAt");
        horizonsHours = List.copyOf(ArgChecker.notNull(horizonsHours, "horizonsHours"));
        ArgChecker.notNull(badKind, "badKind");
    }

    @Override
    public Instant at() {
        return emittedAt;
    }

    @Override
    public String key() {
        return agent;
    }

    public boolean isBad() {
        return badKind.isPresent();
    }
}
