package com.metasupervisor.governance;

import io.micronaut.runtime.Micronaut;

/** governance-service: PROMOTE / RETIRE / KILL, strategy kill lists by regime, manual actions, the promotion loop. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
