package com.metasupervisor.simulator;

import java.time.Instant;

/** What the simulation emits, in event-time order: price ticks and agents' calls. */
public sealed interface SimulatedEvent permits MarketTick, AgentCall {

    /** The event's time: a tick's ts, a call's emitted_at. */
    Instant at();

    /** The record key on its topic: the symbol of a tick, the agent of a call. */
    String key();
}
