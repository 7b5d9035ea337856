package com.metasupervisor.reconciler.topology;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.PriceTick;

/** What reaches the matcher of a symbol: a call to price, or a price. */
sealed interface MatchInput {

    String symbol();

    static MatchInput event(AlphaEvent event) {
        return new Event(event);
    }

    static MatchInput tick(PriceTick tick) {
        return new Tick(tick);
    }

    record Event(AlphaEvent event) implements MatchInput {
        public String symbol() {
            return event.getSymbol();
        }
    }

    record Tick(PriceTick tick) implements MatchInput {
        public String symbol() {
            return tick.getSymbol();
        }
    }
}
