package com.metasupervisor.governance.api;

import com.metasupervisor.avro.OpsAction;
import com.metasupervisor.avro.OpsActionKind;
import com.metasupervisor.governance.api.GovernanceViews.OpsActionView;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.streams.api.Problem;
import com.metasupervisor.streams.publish.CatalogPublisher;
import com.metasupervisor.streams.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Manual actions of SPEC §6, at once: {@code POST /ops/agents/{agent}/kill} and {@code POST /ops/strategies/{class}/disable}
 * with {@code {"reason": "..."}}, for an operator authenticated by a bearer JWT with role {@value Roles#OPERATOR}. Each publishes
 * an {@code OpsAction} on control.ops (key = the subject; the governor applies it as it reads it) and answers 202 with
 * the action as published; who asked is the token's subject, never the body. Re-enabling is only through the config
 * repository, so there is no endpoint for it. Errors are problems: 400 for a malformed body (naming the field), 401/403
 * (streams-kit's {@code RefusedRequestHandler}), 503 with {@code Retry-After} when Kafka or the registry cannot take the action
 * now.
 */
@Controller(OperatorController.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.OPERATOR)
public class OperatorController {

    public static final String BASE = "/ops";

    /** What a 503 suggests: the publisher already waited its send timeout. */
    static final String RETRY_AFTER_SECONDS = "5";

    private static final Logger LOG = LoggerFactory.getLogger(OperatorController.class);

    private final CatalogPublisher publisher;
    private final JsonMapper json;
    private final Clock clock;

    OperatorController(CatalogPublisher publisher, JsonMapper json, Clock clock) {
        this.publisher = publisher;
        this.json = json;
        this.clock = clock;
    }

    @Post("/agents/{agent}/kill")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<?> killAgent(@PathVariable String agent, @Nullable @Body String body, Authentication operator) {
        return act(OpsActionKind.KILL_AGENT, "agent", agent, body, operator);
    }

    @Post("/strategies/{strategy}/disable")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<?> disableStrategy(@PathVariable String strategy, @Nullable @Body String body, Authentication operator) {
        return act(OpsActionKind.DISABLE_STRATEGY, "strategy class", strategy, body, operator);
    }

    private HttpResponse<?> act(OpsActionKind kind, String what, String subject, @Nullable String body, Authentication operator) {
        var badName = GovernanceController.checkedName(what, subject);
        if (badName.isPresent()) {
            return badName.get();
        }
        String operatorName = operator.getName(); // the token's sub: Micronaut authenticates no token without one
        OperatorReason reason;
        try {
            reason = OperatorReason.fromJson(json, body);
        } catch (IllegalArgumentException e) {
            return Problem.response(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        OpsAction action = OpsAction.newBuilder()
                .setActionId(UUID.randomUUID().toString())
                .setAction(kind)
                .setSubject(subject)
                .setReason(reason.text())
                .setRequestedBy(operatorName)
                .setRequestedAt(clock.instant())
                .build();
        try {
            publisher.publish(Topics.CONTROL_OPS, subject, action);
        } catch (CatalogPublisher.PublishException e) {
            // the publisher's message is written for a client; the record was not (entirely) acknowledged
            LOG.warn("operator {} asked {} {}: not published ({})", operatorName, kind, subject, e.getMessage());
            HttpStatus status = e.retryable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR;
            MutableHttpResponse<Problem> refused = HttpResponse.<Problem>status(status).contentType(Problem.MEDIA)
                    .body(Problem.of(status, kind + " " + subject + " was not published: " + e.getMessage()));
            return e.retryable() ? refused.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS) : refused;
        }
        // the reason is in the record (the audit trail), not in the log: it is free text
        LOG.info("operator {} asked {} {}: action {} published", operatorName, kind, subject, action.getActionId());
        return HttpResponse.accepted().body(OpsActionView.of(action));
    }
}
