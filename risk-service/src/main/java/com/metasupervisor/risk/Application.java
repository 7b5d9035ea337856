package com.metasupervisor.risk;

import io.micronaut.runtime.Micronaut;

/** risk-service: CVaR by strategy × regime × horizon, agent statistics and divergence alerts. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
