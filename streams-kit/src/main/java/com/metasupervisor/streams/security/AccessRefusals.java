package com.metasupervisor.streams.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts refused requests: {@value #METER} (Prometheus {@code ms_access_refused_total}) with tag {@value #TAG} = the
 * {@link Reason}, nothing else (no token, name or path). Every reason is registered at 0, so a dashboard sees the
 * series before the first refusal. {@link RefusedRequestHandler} counts what Micronaut security refuses; a controller
 * that refuses by itself (the reconciler, an event under another agent's name) calls {@link #count}.
 */
@Context // created at start, so every series is there from the first scrape
public class AccessRefusals {

    public static final String METER = "ms.access.refused";
    public static final String TAG = "reason";

    /** Why a request was refused. */
    public enum Reason {
        /** No bearer token came. */
        NO_CREDENTIAL,
        /** A token came and was refused: malformed, signed with another secret, expired, not yet valid, another issuer, revoked. */
        BAD_CREDENTIAL,
        /** A valid token without the role the path needs. */
        WRONG_ROLE,
        /** An agent's valid token, for records under another agent's name. */
        OTHER_AGENT;

        /** The tag value: {@code no_credential}, ... */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);

    public AccessRefusals(MeterRegistry registry) {
        for (Reason reason : Reason.values()) {
            counters.put(reason, Counter.builder(METER).tag(TAG, reason.tag())
                    .description("Requests refused for want of a credential, a valid one, a role, or as another agent")
                    .register(registry));
        }
    }

    /** One request refused for {@code reason}. */
    public void count(Reason reason) {
        counters.get(reason).increment();
    }
}
