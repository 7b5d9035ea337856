package com.metasupervisor.allocator.api;

import com.metasupervisor.allocator.topology.InputValidators;
import com.metasupervisor.avro.GuardianState;
import com.metasupervisor.avro.RegimeState;
import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.streams.api.OperatorRequest;
import com.metasupervisor.streams.api.Problem;
import com.metasupervisor.streams.publish.CatalogPublisher;
import com.metasupervisor.streams.validation.Violation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's switches of SPEC §5, for an operator authenticated by a bearer token with role {@value #ROLE}:
 * {@code POST /ops/guardian} {@code {"paused": true, "reason": "..."}} pauses (or, with false, resumes) allocation
 * changes; {@code POST /ops/regime} {@code {"regime": "CRISIS", "risk_multiplier": 0.5}} sets the current regime
 * (multiplier optional: null = the configured one of that regime). Each publishes the record the allocator reads
 * ({@code control.guardian} key {@code guardian}, {@code market.regime} key {@code current}) and answers 202 with it once
 * Kafka acknowledged it; who asked is the token's subject, never the body. 400 for a malformed body (naming the member),
 * 401/403 from the service kit, 503 with {@code Retry-After} when Kafka or the registry cannot take it now.
 */
@Controller(AllocatorOpsController.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(AllocatorOpsController.ROLE)
public class AllocatorOpsController {

    public static final String BASE = "/ops";
    public static final String ROLE = "OPERATOR";
    static final String GUARDIAN_KEY = "guardian";
    static final String REGIME_KEY = "current";
    static final int MAX_REASON = 500;
    /** SPEC §5's regimes are upper-case words; FleetState upper-cases what it reads. */
    private static final Pattern REGIME_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,31}");
    private static final String RETRY_AFTER_SECONDS = "5";
    private static final Logger LOG = LoggerFactory.getLogger(AllocatorOpsController.class);

    private final CatalogPublisher publisher;
    private final JsonMapper json;
    private final Clock clock;

    AllocatorOpsController(CatalogPublisher publisher, JsonMapper json, Clock clock) {
        this.publisher = publisher;
        this.json = json;
        this.clock = clock;
    }

    @Post("/guardian")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<?> guardian(@Nullable @Body String body, Authentication operator) {
        GuardianState state;
        try {
            OperatorRequest request = OperatorRequest.read(json, body, "{\"paused\": true, \"reason\": \"...\"}", Set.of("paused", "reason"));
            state = GuardianState.newBuilder()
                    .setPaused(request.requiredBoolean("paused"))
                    .setReason(request.requiredString("reason", MAX_REASON))
                    .setSetBy(operator.getName())
                    .setAsOf(clock.instant())
                    .build();
        } catch (IllegalArgumentException e) {
            return Problem.response(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return publish(Topics.CONTROL_GUARDIAN, GUARDIAN_KEY, state, operator, state.getPaused() ? "guardian paused" : "guardian resumed",
                new GuardianView(state.getPaused(), state.getReason(), state.getSetBy(), state.getAsOf().toString()));
    }

    @Post("/regime")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<?> regime(@Nullable @Body String body, Authentication operator) {
        RegimeState state;
        try {
            OperatorRequest request = OperatorRequest.read(json, body, "{\"regime\": \"CRISIS\", \"risk_multiplier\": 0.5}",
                    Set.of("regime", "risk_multiplier"));
            String regime = request.requiredString("regime", 32);
            if (!REGIME_NAME.matcher(regime).matches()) {
                throw new IllegalArgumentException("regime must be a word of letters, digits and _ of at most 32 (e.g. TREND, RANGE, CRISIS)");
            }
            state = RegimeState.newBuilder()
                    .setRegime(regime.toUpperCase(java.util.Locale.ROOT))
                    .setRiskMultiplier(request.optionalNumber("risk_multiplier"))
                    .setSource("ops:" + operator.getName())
                    .setAsOf(clock.instant())
                    .build();
            List<Violation> violations = InputValidators.REGIME.check(state);
            if (!violations.isEmpty()) {
                throw new IllegalArgumentException(violations.stream().map(Violation::message).collect(Collectors.joining("; ")));
            }
        } catch (IllegalArgumentException e) {
            return Problem.response(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return publish(Topics.MARKET_REGIME, REGIME_KEY, state, operator, "regime " + state.getRegime(),
                new RegimeView(state.getRegime(), state.getRiskMultiplier(), state.getSource(), state.getAsOf().toString()));
    }

    private <V extends SpecificRecord> HttpResponse<?> publish(Topic<V> topic, String key, V value, Authentication operator,
                                                               String what, Object view) {
        try {
            publisher.publish(topic, key, value);
        } catch (CatalogPublisher.PublishException e) {
            LOG.warn("operator {} asked {}: not published ({})", operator.getName(), what, e.getMessage());
            HttpStatus status = e.retryable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR;
            MutableHttpResponse<Problem> refused = HttpResponse.<Problem>status(status).contentType(Problem.MEDIA)
                    .body(Problem.of(status, what + " was not published to " + topic.name() + ": " + e.getMessage()));
            return e.retryable() ? refused.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS) : refused;
        }
        LOG.info("operator {} set {} on {}", operator.getName(), what, topic.name());
        return HttpResponse.accepted().body(view);
    }

    /** 202 of {@code POST /ops/guardian}: the record as published. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record GuardianView(boolean paused, String reason, String setBy, String asOf) {
    }

    /** 202 of {@code POST /ops/regime}: the record as published. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record RegimeView(String regime, @Nullable Double riskMultiplier, String source, String asOf) {
    }
}
