package com.metasupervisor.reconciler.topology;

import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.streams.validation.RecordValidator;
import com.metasupervisor.streams.validation.Violation;
import java.util.ArrayList;
import java.util.List;

/** SPEC §2/§3, the contract of market.prices as the reconciler reads it: a symbol, a time and a finite price above zero. */
public final class PriceTickValidator implements RecordValidator<PriceTick> {

    @Override
    public List<Violation> violations(PriceTick tick) {
        List<Violation> out = new ArrayList<>();
        if (tick.getSymbol() == null || tick.getSymbol().isBlank()) {
            out.add(new Violation("symbol", "missing_symbol", "symbol is missing or blank"));
        }
        if (tick.getTs() == null) {
            out.add(new Violation("ts", "missing_ts", "ts is missing"));
        }
        double price = tick.getPrice();
        if (!Double.isFinite(price)) {
            out.add(new Violation("price", "not_finite", "price is " + price));
        } else if (price <= 0) {
            out.add(new Violation("price", "price_not_positive", "price must be > 0, was " + price));
        }
        return out;
    }
}
