package com.metasupervisor.streams;

import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.streams.validation.RecordValidator;
import com.metasupervisor.streams.validation.Violation;
import java.util.ArrayList;
import java.util.List;

/** The kit tests' own contract for a tick (the services have theirs): a symbol, and a price above zero. */
public final class SymbolAndPositivePrice implements RecordValidator<PriceTick> {

    @Override
    public List<Violation> violations(PriceTick tick) {
        List<Violation> out = new ArrayList<>();
        if (tick.getSymbol().isBlank()) {
            out.add(new Violation("symbol", "missing_symbol", "symbol is missing or blank"));
        }
        if (!(tick.getPrice() > 0)) {
            out.add(new Violation("price", "price_not_positive", "price must be > 0, was " + tick.getPrice()));
        }
        return out;
    }
}
