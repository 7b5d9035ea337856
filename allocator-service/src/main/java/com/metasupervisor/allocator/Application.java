package com.metasupervisor.allocator;

import io.micronaut.runtime.Micronaut;

/** allocator-service: explained capital weights per agent, exact caps, fail-safe reductions, every policy's paper results. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
