package com.metasupervisor.reconciler.topology;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.PriceTick;

/** What reaches the matcher of a symbol: a call to price, or a price. */
sealed interface MatchInput {

    record Event(AlphaEvent event) implements MatchInput {
    }

    record Tick(PriceTick tick) implements MatchInput {
    }
}
