package com.metasupervisor.reconciler.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** What the reconciler counts, as Prometheus sees it. */
public final class ReconcilerMetrics {

    private final Counter duplicates;
    private final Counter reconciled;
    private final Counter unreconcilable;

    public ReconcilerMetrics(MeterRegistry registry) {
        duplicates = Counter.builder("meta_supervisor.reconciler.duplicate_events")
                .description("Alpha events dropped because their (agent, event_id) was already seen").register(registry);
        reconciled = Counter.builder("meta_supervisor.reconciler.reconciled_rows")
                .description("(event, horizon) rows published to alpha.reconciled").register(registry);
        unreconcilable = Counter.builder("meta_supervisor.reconciler.unreconcilable")
                .description("(event, horizon) pairs whose price did not arrive within horizon + grace").register(registry);
    }

    void duplicate() {
        duplicates.increment();
    }

    void reconciled() {
        reconciled.increment();
    }

    void unreconcilable() {
        unreconcilable.increment();
    }

    public double duplicates() {
        return duplicates.count();
    }

    public double reconciledRows() {
        return reconciled.count();
    }

    public double unreconcilableCount() {
        return unreconcilable.count();
    }
}
