package com.metasupervisor.risk.api;

import com.metasupervisor.risk.api.RiskViews.AgentStatsView;
import com.metasupervisor.risk.api.RiskViews.OpenAlertView;
import com.metasupervisor.risk.api.RiskViews.Problem;
import com.metasupervisor.risk.api.RiskViews.StrategyRiskView;
import com.metasupervisor.risk.topology.RiskTopology;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Risk figures from the local state stores (interactive queries): {@code GET /agents/{agent}/stats},
 * {@code GET /strategies/{strategy}/risk?regime=}, {@code GET /alerts/open}. With several instances
 * ({@code kafka.streams.default.application.server} set) an agent's question goes to the instance that
 * hosts it, and the others gather every instance's answer. 404: unknown key; 503: streams not RUNNING.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class RiskController {

    /** Set on a request forwarded by another instance: answer from the local stores only. */
    static final String FORWARDED = "X-Risk-Forwarded";

    private final RiskQueries queries;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RiskController(RiskQueries queries, JsonMapper json) {
        this.queries = queries;
        this.json = json;
    }

    @Get("/agents/{agent}/stats")
    public HttpResponse<?> agentStats(@PathVariable String agent, @Nullable @Header(FORWARDED) String forwarded) {
        return answer(() -> {
            if (forwarded == null) {
                var remote = queries.remoteActiveHostOf(agent);
                if (remote.isPresent()) {
                    return relay(remote.get(), "/agents/" + encode(agent) + "/stats");
                }
            }
            return queries.agentStats(agent)
                    .<HttpResponse<?>>map(s -> HttpResponse.ok(AgentStatsView.of(s)))
                    .orElseGet(() -> HttpResponse.notFound(new Problem("no stats for agent " + agent)));
        });
    }

    @Get("/strategies/{strategy}/risk{?regime}")
    public HttpResponse<?> strategyRisk(@PathVariable String strategy, @Nullable @QueryValue String regime,
                                        @Nullable @Header(FORWARDED) String forwarded) {
        return answer(() -> {
            List<StrategyRiskView> views = new ArrayList<>(queries.strategyRisk(strategy, regime).stream()
                    .map(StrategyRiskView::of).toList());
            if (forwarded == null) {
                String path = "/strategies/" + encode(strategy) + "/risk" + (regime == null ? "" : "?regime=" + encode(regime));
                for (HostInfo host : queries.otherHosts(RiskTopology.CVAR_PUBLISHED_STORE)) {
                    views.addAll(gather(host, path, StrategyRiskView.class));
                }
                views.sort(Comparator.comparing(StrategyRiskView::regime).thenComparing(StrategyRiskView::horizonHours));
            }
            if (views.isEmpty()) {
                return HttpResponse.notFound(new Problem("no risk figures for strategy " + strategy
                        + (regime == null ? "" : " in regime " + regime)));
            }
            return HttpResponse.ok(views);
        });
    }

    @Get("/alerts/open")
    public HttpResponse<?> openAlerts(@Nullable @Header(FORWARDED) String forwarded) {
        return answer(() -> {
            List<OpenAlertView> views = new ArrayList<>(queries.openAlerts());
            if (forwarded == null) {
                for (HostInfo host : queries.otherHosts(RiskTopology.AGENT_ALERTS_STORE)) {
                    views.addAll(gather(host, "/alerts/open", OpenAlertView.class));
                }
                views.sort(Comparator.comparing(OpenAlertView::alertId));
            }
            return HttpResponse.ok(views);
        });
    }

    private static HttpResponse<?> answer(Supplier<HttpResponse<?>> query) {
        try {
            return query.get();
        } catch (RiskQueries.Unavailable e) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(new Problem(e.getMessage()));
        } catch (InvalidStateStoreException e) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(new Problem("state stores are not queryable now: " + e.getMessage()));
        }
    }

    /** The answer of the instance that hosts the key, status and body as they are. */
    private HttpResponse<?> relay(HostInfo host, String path) {
        java.net.http.HttpResponse<String> r = get(host, path);
        return HttpResponse.status(HttpStatus.valueOf(r.statusCode())).contentType(MediaType.APPLICATION_JSON_TYPE).body(r.body());
    }

    /** Another instance's local answer as a list (404 is an empty one). */
    private <T> List<T> gather(HostInfo host, String path, Class<T> type) {
        java.net.http.HttpResponse<String> r = get(host, path);
        if (r.statusCode() == 404) {
            return List.of();
        }
        if (r.statusCode() != 200) {
            throw new RiskQueries.Unavailable(host + " answered " + r.statusCode() + ": " + r.body());
        }
        try {
            return json.readValue(r.body().getBytes(StandardCharsets.UTF_8), Argument.listOf(type));
        } catch (IOException e) {
            throw new RiskQueries.Unavailable(host + " answered unreadable JSON: " + e.getMessage());
        }
    }

    private java.net.http.HttpResponse<String> get(HostInfo host, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + path))
                .timeout(Duration.ofSeconds(10)).header(FORWARDED, "1").header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON).GET().build();
        try {
            return http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RiskQueries.Unavailable("instance " + host + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RiskQueries.Unavailable("interrupted while asking " + host);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
