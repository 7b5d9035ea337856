package com.metasupervisor.reconciler.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/** What the reconciler counts, as Prometheus sees it: every (event, horizon) ends as one of the pair counters. */
public final class ReconcilerMetrics {

    private final Counter duplicates;
    private final Counter reconciled;
    private final Map<GiveUpReason, Counter> givenUp = new EnumMap<>(GiveUpReason.class);
    private final Counter feedGapsOpened;

    public ReconcilerMetrics(MeterRegistry registry) {
        duplicates = Counter.builder("meta_supervisor.reconciler.duplicate_events")
                .description("Alpha events dropped because their (agent, event_id) was already seen").register(registry);
        reconciled = Counter.builder("meta_supervisor.reconciler.reconciled_rows")
                .description("(event, horizon) rows published to alpha.reconciled").register(registry);
        givenUp.put(GiveUpReason.UNKNOWN_SYMBOL, Counter.builder("meta_supervisor.reconciler.unknown_symbol")
                .description("(event, horizon) pairs of a symbol never priced when the catch-up bound passed (the agent's fault)")
                .register(registry));
        givenUp.put(GiveUpReason.UNPRICED, Counter.builder("meta_supervisor.reconciler.unpriced")
                .description("(event, horizon) pairs of a known symbol whose prices stopped or have a hole (a feed gap)")
                .register(registry));
        givenUp.put(GiveUpReason.UNRECONCILABLE, Counter.builder("meta_supervisor.reconciler.unreconcilable")
                .description("(event, horizon) pairs that arrived when their ticks were beyond the catch-up bound (reconciler.price-history)")
                .register(registry));
        feedGapsOpened = Counter.builder("meta_supervisor.reconciler.feed_gaps_opened")
                .description("PRICE_FEED_GAP alerts opened (a known symbol's prices stopped)").register(registry);
    }

    void duplicate() {
        duplicates.increment();
    }

    void reconciled() {
        reconciled.increment();
    }

    void givenUp(GiveUpReason reason) {
        givenUp.get(reason).increment();
    }

    void feedGapOpened() {
        feedGapsOpened.increment();
    }

    public double duplicates() {
        return duplicates.count();
    }

    public double reconciledRows() {
        return reconciled.count();
    }

    public double unknownSymbolCount() {
        return givenUp.get(GiveUpReason.UNKNOWN_SYMBOL).count();
    }

    public double unpricedCount() {
        return givenUp.get(GiveUpReason.UNPRICED).count();
    }

    public double unreconcilableCount() {
        return givenUp.get(GiveUpReason.UNRECONCILABLE).count();
    }

    /** Every pair given up, whatever the reason. */
    public double givenUpCount() {
        return givenUp.values().stream().mapToDouble(Counter::count).sum();
    }

    public double feedGapsOpened() {
        return feedGapsOpened.count();
    }
}
