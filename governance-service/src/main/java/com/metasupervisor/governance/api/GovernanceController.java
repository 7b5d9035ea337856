package com.metasupervisor.governance.api;

import com.metasupervisor.avro.AgentStatus;
import com.metasupervisor.avro.DecisionSubjectKind;
import com.metasupervisor.governance.api.GovernanceViews.AgentStatusView;
import com.metasupervisor.governance.api.GovernanceViews.DecisionView;
import com.metasupervisor.governance.api.GovernanceViews.StrategyStatusView;
import com.metasupervisor.governance.config.GovernanceSettings;
import com.metasupervisor.governance.topology.GovernanceTopology;
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
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Governance as its stores hold it (interactive queries): {@code GET /agents/{agent}/status},
 * {@code /agents/{agent}/decisions?limit=}, {@code /strategies}, {@code /strategies/{class}/status},
 * {@code /strategies/{class}/decisions?limit=}. Every store is in the one task of the governor, so a question goes to the
 * instance that hosts it ({@link QueryForwarding} by the key {@code governor}). Errors are
 * {@code application/problem+json}: 404 for an agent or class governance does not know, 400 for a limit outside
 * 1..governance.history-size or a name with control characters, 503 while the streams are not RUNNING. No credential
 * is needed (only {@code /ops} is guarded).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_ANONYMOUS)
public class GovernanceController {

    /** Decisions answered when no limit is given. */
    static final int DEFAULT_DECISION_LIMIT = 20;

    private final GovernanceQueries queries;
    private final QueryForwarding forwarding;
    private final int historySize;

    GovernanceController(GovernanceQueries queries, QueryForwarding forwarding, GovernanceSettings settings) {
        this.queries = queries;
        this.forwarding = forwarding;
        this.historySize = settings.historySize();
    }

    @Get("/agents/{agent}/status")
    public HttpResponse<?> agentStatus(@PathVariable String agent, HttpRequest<?> request) {
        return checkedName("agent", agent).orElseGet(() -> governor(request, () -> {
            Optional<AgentStatus> status = queries.agentStatus(agent);
            if (status.isEmpty()) {
                return Problem.response(HttpStatus.NOT_FOUND, "governance has no status for agent " + agent
                        + " (not in the manifest and never decided)");
            }
            return HttpResponse.ok(AgentStatusView.of(status.get(), queries.manifest(agent).orElse(null),
                    queries.agentStats(agent).orElse(null)));
        }));
    }

    @Get("/agents/{agent}/decisions{?limit}")
    public HttpResponse<?> agentDecisions(@PathVariable String agent, @Nullable @QueryValue Integer limit, HttpRequest<?> request) {
        return decisions(DecisionSubjectKind.AGENT, "agent", agent, limit, request);
    }

    @Get("/strategies")
    public HttpResponse<?> strategies(HttpRequest<?> request) {
        return governor(request, () -> HttpResponse.ok(queries.strategies().stream()
                .map(s -> StrategyStatusView.of(s, queries.limits(s.getStrategyClass()).orElse(null))).toList()));
    }

    @Get("/strategies/{strategy}/status")
    public HttpResponse<?> strategyStatus(@PathVariable String strategy, HttpRequest<?> request) {
        return checkedName("strategy class", strategy).orElseGet(() -> governor(request, () -> queries.strategy(strategy)
                .<HttpResponse<?>>map(s -> HttpResponse.ok(StrategyStatusView.of(s, queries.limits(strategy).orElse(null))))
                .orElseGet(() -> Problem.response(HttpStatus.NOT_FOUND, "governance has no status for strategy class " + strategy))));
    }

    @Get("/strategies/{strategy}/decisions{?limit}")
    public HttpResponse<?> strategyDecisions(@PathVariable String strategy, @Nullable @QueryValue Integer limit,
                                             HttpRequest<?> request) {
        return decisions(DecisionSubjectKind.STRATEGY_CLASS, "strategy class", strategy, limit, request);
    }

    /** Newest first; an agent or class without decisions answers an empty list (a new agent has none yet). */
    private HttpResponse<?> decisions(DecisionSubjectKind kind, String what, String subject, @Nullable Integer limit,
                                      HttpRequest<?> request) {
        int n = limit == null ? Math.min(DEFAULT_DECISION_LIMIT, historySize) : limit;
        if (n < 1 || n > historySize) {
            return Problem.response(HttpStatus.BAD_REQUEST, "limit must be in 1.." + historySize + " ("
                    + GovernanceSettings.PREFIX + "history-size), was " + n);
        }
        return checkedName(what, subject).orElseGet(() -> governor(request,
                () -> HttpResponse.ok(queries.decisions(kind, subject, n).stream().map(DecisionView::of).toList())));
    }

    private HttpResponse<?> governor(HttpRequest<?> request, Supplier<HttpResponse<?>> local) {
        return forwarding.byKey(request, GovernanceTopology.AGENT_STATUS_STORE, GovernanceTopology.GOVERNOR_KEY, local);
    }

    /** A 400 problem for a name no agent or class can have (blank, or with control characters such as NUL). */
    static Optional<HttpResponse<?>> checkedName(String what, String name) {
        if (name.isBlank() || name.chars().anyMatch(Character::isISOControl)) {
            return Optional.of(Problem.response(HttpStatus.BAD_REQUEST, what + " must be a non-blank name without control characters"));
        }
        return Optional.empty();
    }
}
