package com.metasupervisor.risk.api;

import com.metasupervisor.risk.api.RiskViews.AgentStatsView;
import com.metasupervisor.risk.api.RiskViews.OpenAlertView;
import com.metasupervisor.risk.api.RiskViews.StrategyRiskView;
import com.metasupervisor.risk.topology.RiskTopology;
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
import java.util.Comparator;
import java.util.List;

/**
 * Risk figures from the state stores (interactive queries): {@code GET /agents/{agent}/stats},
 * {@code GET /strategies/{strategy}/risk?regime=}, {@code GET /alerts/open}. With several instances
 * ({@code kafka.streams.default.application.server} set) an agent's question goes to the instance that
 * hosts it, and the others are gathered from every instance ({@link QueryForwarding}). Errors are
 * {@code application/problem+json}: 404 for an unknown key; 503 while the streams are not RUNNING
 * ({@code QueryUnavailable}, answered by streams-kit).
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS) // reads stay open (issue 16): only actions need a credential
@ExecuteOn(TaskExecutors.BLOCKING)
public class RiskController {

    private final RiskQueries queries;
    private final QueryForwarding forwarding;

    RiskController(RiskQueries queries, QueryForwarding forwarding) {
        this.queries = queries;
        this.forwarding = forwarding;
    }

    @Get("/agents/{agent}/stats")
    public HttpResponse<?> agentStats(@PathVariable String agent, HttpRequest<?> request) {
        return forwarding.byKey(request, RiskTopology.AGENT_PUBLISHED_STORE, agent, () -> queries.agentStats(agent)
                .<HttpResponse<?>>map(s -> HttpResponse.ok(AgentStatsView.of(s)))
                .orElseGet(() -> Problem.response(HttpStatus.NOT_FOUND, "no stats for agent " + agent)));
    }

    @Get("/strategies/{strategy}/risk{?regime}")
    public HttpResponse<?> strategyRisk(@PathVariable String strategy, @Nullable @QueryValue String regime, HttpRequest<?> request) {
        List<StrategyRiskView> views = forwarding.everyInstance(request, RiskTopology.CVAR_PUBLISHED_STORE, StrategyRiskView.class,
                queries.strategyRisk(strategy, regime).stream().map(StrategyRiskView::of).toList(),
                Comparator.comparing(StrategyRiskView::regime).thenComparing(StrategyRiskView::horizonHours));
        if (views.isEmpty()) {
            return Problem.response(HttpStatus.NOT_FOUND, "no risk figures for strategy " + strategy
                    + (regime == null ? "" : " in regime " + regime));
        }
        return HttpResponse.ok(views);
    }

    @Get("/alerts/open")
    public HttpResponse<List<OpenAlertView>> openAlerts(HttpRequest<?> request) {
        return HttpResponse.ok(forwarding.everyInstance(request, RiskTopology.AGENT_ALERTS_STORE, OpenAlertView.class,
                queries.openAlerts(), Comparator.comparing(OpenAlertView::alertId)));
    }
}
