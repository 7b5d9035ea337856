package com.metasupervisor.allocator.api;

import com.metasupervisor.allocator.api.AllocatorViews.AgentAllocationView;
import com.metasupervisor.allocator.api.AllocatorViews.HistoryEntryView;
import com.metasupervisor.allocator.api.AllocatorViews.PolicyLedgerView;
import com.metasupervisor.allocator.api.AllocatorViews.SnapshotView;
import com.metasupervisor.allocator.config.AllocatorSettings;
import com.metasupervisor.allocator.topology.AllocatorTopology;
import com.metasupervisor.allocator.topology.WeightsDocument;
import com.metasupervisor.streams.api.Problem;
import com.metasupervisor.streams.query.QueryForwarding;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.function.Supplier;

/**
 * The allocation from the state stores (interactive queries): {@code GET /allocations/current},
 * {@code /allocations/current/{agent}}, {@code /allocations/current/document}, {@code /allocations/history?limit=},
 * {@code /policies/compare}. The fleet is one task: a question goes to the instance that hosts it
 * ({@link QueryForwarding} by the key {@code fleet}). Errors are {@code application/problem+json}: 404 before the first
 * allocation or for an unknown agent, 400 for a limit outside 1..history-size, 503 while the streams are not RUNNING.
 * Open to anyone who reaches the port, like every service's reads (downstream traders read the allocation).
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AllocatorController {

    /** Snapshots answered by {@code /allocations/history} when no limit is given. */
    static final int DEFAULT_HISTORY_LIMIT = 20;

    private final AllocatorQueries queries;
    private final QueryForwarding forwarding;
    private final int historySize;

    AllocatorController(AllocatorQueries queries, QueryForwarding forwarding, AllocatorSettings settings) {
        this.queries = queries;
        this.forwarding = forwarding;
        this.historySize = settings.historySize();
    }

    @Get("/allocations/current")
    public HttpResponse<?> current(HttpRequest<?> request) {
        return fleet(request, () -> queries.current()
                .<HttpResponse<?>>map(s -> HttpResponse.ok(SnapshotView.of(s)))
                .orElseGet(AllocatorController::noAllocation));
    }

    @Get("/allocations/current/document")
    public HttpResponse<?> document(HttpRequest<?> request) {
        return fleet(request, () -> queries.current()
                .<HttpResponse<?>>map(s -> HttpResponse.ok(WeightsDocument.of(s)))
                .orElseGet(AllocatorController::noAllocation));
    }

    @Get("/allocations/current/{agent}")
    public HttpResponse<?> agent(@PathVariable String agent, HttpRequest<?> request) {
        return fleet(request, () -> queries.current()
                .<HttpResponse<?>>map(s -> s.getAllocations().stream().filter(a -> a.getAgent().equals(agent)).findFirst()
                        .<HttpResponse<?>>map(a -> HttpResponse.ok(AgentAllocationView.of(a)))
                        .orElseGet(() -> Problem.response(HttpStatus.NOT_FOUND, "agent " + agent + " is not in the current allocation")))
                .orElseGet(AllocatorController::noAllocation));
    }

    @Get("/allocations/history{?limit}")
    public HttpResponse<?> history(@Nullable @QueryValue Integer limit, HttpRequest<?> request) {
        int n = limit == null ? Math.min(DEFAULT_HISTORY_LIMIT, historySize) : limit;
        if (n < 1 || n > historySize) {
            return Problem.response(HttpStatus.BAD_REQUEST, "limit must be in 1.." + historySize + " (allocator.history-size), was " + n);
        }
        return fleet(request, () -> HttpResponse.ok(queries.history(n).stream().map(HistoryEntryView::of).toList()));
    }

    @Get("/policies/compare")
    public HttpResponse<?> compare(HttpRequest<?> request) {
        return fleet(request, () -> HttpResponse.ok(queries.ledgers().stream().map(PolicyLedgerView::of).toList()));
    }

    private HttpResponse<?> fleet(HttpRequest<?> request, Supplier<HttpResponse<?>> local) {
        return forwarding.byKey(request, AllocatorTopology.HELD_STORE, AllocatorTopology.FLEET_KEY, local);
    }

    private static HttpResponse<?> noAllocation() {
        return Problem.response(HttpStatus.NOT_FOUND, "no allocation published yet");
    }
}
