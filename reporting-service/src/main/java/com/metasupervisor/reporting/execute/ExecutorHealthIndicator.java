package com.metasupervisor.reporting.execute;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.reactivestreams.Publisher;

/**
 * Health {@value #NAME}: the actions pending (STARTED, not yet DONE or FAILED), whether the ledger has been read to its
 * end since the start, and the last error (one line, never a credential). UP while the executing thread runs: a failing
 * action is retried and then recorded FAILED, which does not make the service unfit; DOWN when the thread has stopped
 * (nothing would be performed until a restart). Reads memory only.
 */
@Singleton
@io.micronaut.context.annotation.Requires(beans = ActionExecutor.class)
public final class ExecutorHealthIndicator implements HealthIndicator {

    public static final String NAME = "reporting-executor";

    private final ActionExecutor executor;

    public ExecutorHealthIndicator(ActionExecutor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(result());
    }

    HealthResult result() {
        LedgerExecution execution = executor.execution();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("running", executor.alive());
        details.put("ledger_read_to_end", executor.caughtUp());
        details.put("pending_actions", execution.pendingCount());
        if (execution.lastError() != null) {
            details.put("last_error", execution.lastError());
            details.put("last_error_at", execution.lastErrorAt().toString());
        }
        return HealthResult.builder(NAME, executor.alive() ? HealthStatus.UP : HealthStatus.DOWN).details(details).build();
    }
}
