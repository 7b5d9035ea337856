package com.metasupervisor.reconciler;

import io.micronaut.runtime.Micronaut;

/** reconciler-service: realized vs expected PnL per (event, horizon), and the sim model that expects it. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
