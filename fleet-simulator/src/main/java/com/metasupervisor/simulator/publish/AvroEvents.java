package com.metasupervisor.simulator.publish;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.simulator.AgentCall;
import com.metasupervisor.simulator.MarketTick;

/** The simulated events as the catalog's Avro records, a bad call's bad values kept (Avro encodes NaN and 7.0). */
public final class AvroEvents {

    private AvroEvents() {
    }

    public static PriceTick priceTick(MarketTick tick) {
        return PriceTick.newBuilder().setSymbol(tick.symbol()).setTs(tick.at()).setPrice(tick.price()).build();
    }

    /** No entry price (the reconciler takes the first tick at or after emitted_at) and no class override (the registry's). */
    public static AlphaEvent alphaEvent(AgentCall call) {
        return AlphaEvent.newBuilder()
                .setEventId(call.eventId())
                .setAgent(call.agent())
                .setSymbol(call.symbol())
                .setDirection(call.direction())
                .setScoreFinal(call.scoreFinal())
                .setConfidence(call.confidence())
                .setRegime(call.regime())
                .setEmittedAt(call.emittedAt())
                .setEntryPrice(null)
                .setHorizonsHours(call.horizonsHours())
                .setStrategyClass(null)
                .build();
    }
}
