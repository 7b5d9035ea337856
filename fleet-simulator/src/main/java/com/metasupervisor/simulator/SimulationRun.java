package com.metasupervisor.simulator;

import com.metasupervisor.simulator.fleet.Fleet;
import com.metasupervisor.simulator.market.MarketPath;
import com.metasupervisor.simulator.market.RegimePath;
import java.util.List;

/**
 * A simulated run: its events in event-time order, the truth, and the paths they came from (the market path runs a
 * longest horizon past the run's end, so every call's move is known).
 */
public record SimulationRun(SimulationSpec spec, List<SimulatedEvent> events, Truth truth, RegimePath regimes, MarketPath market,
                            Fleet fleet) {

    public SimulationRun {
        events = List.copyOf(events);
    }

    public List<AgentCall> calls() {
        return events.stream().filter(AgentCall.class::isInstance).map(AgentCall.class::cast).toList();
    }

    public List<MarketTick> ticks() {
        return events.stream().filter(MarketTick.class::isInstance).map(MarketTick.class::cast).toList();
    }
}
