package com.metasupervisor.reconciler.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.reconciler.config.ReconcilerSettings;
import com.metasupervisor.reconciler.topology.AlphaEventValidator;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.streams.api.Problem;
import com.metasupervisor.streams.publish.CatalogPublisher;
import com.metasupervisor.streams.security.AccessRefusals;
import com.metasupervisor.streams.security.Roles;
import com.metasupervisor.streams.validation.Violation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /alpha-events}: alpha events as JSON for agents that cannot speak Kafka (SPEC §3).
 *
 * <p>The body is one alpha event as a JSON object, or a JSON array of them, with the snake_case
 * fields of {@code AlphaEvent.avsc} ({@link AlphaEventJson}). Only for role {@value Roles#AGENT}, and an agent posts
 * as itself only: every event's {@code agent} must be the token's subject. All or nothing; every error is an RFC 9457
 * {@code application/problem+json} {@link Problem}:
 * <ul>
 *   <li>401 without a valid token, 403 for a token without role {@value Roles#AGENT} (the kit's
 *       {@code RefusedRequestHandler});</li>
 *   <li>403 with {@code "other_agent_items": [indexes]} when an event names another agent (counted
 *       {@code ms.access.refused{reason="other_agent"}}); nothing is produced;</li>
 *   <li>202 {@code {"accepted": n, "event_ids": [...]}} once Kafka has acknowledged every event on
 *       {@code alpha.events} (key: agent);</li>
 *   <li>400 with detail {@value #INVALID} and {@code "invalid": [{"index", "event_id", "errors":
 *       [{"field", "reason", "message"}]}]} listing every problem of every invalid item; nothing is
 *       produced;</li>
 *   <li>400 when the body is empty, not JSON, not an object or array, or an empty array; 413 when it
 *       carries more than {@code reconciler.api.max-batch} events;</li>
 *   <li>503 when Kafka or the registry fails (500 when the registry refuses to encode the events).</li>
 * </ul>
 */
@Controller("/alpha-events")
@Secured(Roles.AGENT)
public class AlphaEventController {

    static final String INVALID = "invalid alpha events";
    /** The member of the 403 problem listing the indexes of the events that name another agent. */
    static final String OTHER_AGENT_ITEMS = "other_agent_items";

    private static final Logger LOG = LoggerFactory.getLogger(AlphaEventController.class);

    private final CatalogPublisher publisher;
    private final AlphaEventValidator validator;
    private final int maxBatch;
    private final AccessRefusals refusals;

    AlphaEventController(CatalogPublisher publisher, ReconcilerSettings reconciler, Clock clock,
                         AlphaEventApiSettings settings, AccessRefusals refusals) {
        this.publisher = publisher;
        this.validator = new AlphaEventValidator(clock, reconciler.maxFutureSkew());
        this.maxBatch = settings.maxBatch();
        this.refusals = refusals;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @ExecuteOn(TaskExecutors.BLOCKING) // waits for Kafka's acknowledgements
    public HttpResponse<?> post(@Nullable @Body byte[] body, Authentication caller) {
        List<AlphaEventJson.Item> items;
        try {
            items = AlphaEventJson.readBatch(body, maxBatch, validator);
        } catch (AlphaEventJson.BodyException e) {
            return Problem.response(HttpStatus.valueOf(e.status()), e.getMessage());
        }
        // before validity: events under another agent's name are refused as such, whatever else is wrong with them
        String agent = caller.getName();
        List<Integer> otherAgents = items.stream().filter(i -> i.agent() != null && !i.agent().equals(agent))
                .map(AlphaEventJson.Item::index).toList();
        if (!otherAgents.isEmpty()) {
            refusals.count(AccessRefusals.Reason.OTHER_AGENT);
            LOG.warn("agent {} posted {} alpha event(s) under another agent's name: refused, nothing published", agent, otherAgents.size());
            return Problem.of(HttpStatus.FORBIDDEN, "agent " + agent + " may post its own alpha events only: item(s) " + otherAgents
                    + " name another agent; nothing was published", OTHER_AGENT_ITEMS, otherAgents).toResponse();
        }
        List<InvalidItem> invalid = items.stream().filter(i -> !i.valid()).map(InvalidItem::of).toList();
        if (!invalid.isEmpty()) {
            return Problem.of(HttpStatus.BAD_REQUEST, INVALID, "invalid", invalid).toResponse();
        }
        List<AlphaEvent> events = items.stream().map(AlphaEventJson.Item::event).toList();
        try {
            // serialised whole before anything is sent: a registry failure publishes nothing
            publisher.publish(Topics.ALPHA_EVENTS, events.stream().map(e -> new CatalogPublisher.Keyed<>(e.getAgent(), e)).toList());
        } catch (CatalogPublisher.PublishException e) {
            HttpStatus status = e.retryable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR;
            // part of a batch may have been written: the event ids make sending the whole batch again safe
            return Problem.response(status, e.getMessage()
                    + (e.partial() ? " (event ids make a retry of the whole batch safe: the reconciler drops duplicates)" : ""));
        }
        return HttpResponse.accepted().body(new Accepted(events.size(), events.stream().map(AlphaEvent::getEventId).toList()));
    }

    /** 202: every event was acknowledged by Kafka. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Accepted(int accepted, List<String> eventIds) {
    }

    /**
     * One invalid item, in the {@code invalid} member of the 400 problem: its index in the body, its event
     * id when it has a string one, its problems.
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record InvalidItem(int index, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String eventId, List<FieldError> errors) {

        static InvalidItem of(AlphaEventJson.Item item) {
            return new InvalidItem(item.index(), item.eventId(), item.errors().stream().map(FieldError::of).toList());
        }
    }

    /** One problem: the field, a snake_case reason code, a message for humans. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record FieldError(String field, String reason, String message) {

        static FieldError of(Violation v) {
            return new FieldError(v.field(), v.reason(), v.message());
        }
    }
}
