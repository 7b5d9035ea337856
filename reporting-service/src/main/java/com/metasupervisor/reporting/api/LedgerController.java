package com.metasupervisor.reporting.api;

import com.metasupervisor.avro.ReportingAction;
import com.metasupervisor.avro.ReportingKind;
import com.metasupervisor.avro.ReportingStatus;
import com.metasupervisor.reporting.execute.ActionExecutor;
import com.metasupervisor.reporting.execute.LedgerExecution;
import com.metasupervisor.streams.api.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code GET /ledger?status=&kind=&limit=}: the latest record of each action of {@code reporting.ledger}, newest first
 * (default limit {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT}); {@code GET /ledger/{key}}: one action (the key as it is, slashes included, or URL-encoded; 404
 * when the ledger has no such key). Answered from the executor's view of the ledger (memory, no I/O): it shows what the
 * executor has read so far.
 */
@Controller("/ledger")
@Secured(SecurityRule.IS_ANONYMOUS) // reads stay open (issue 16): only actions need a credential
@io.micronaut.context.annotation.Requires(beans = ActionExecutor.class)
public class LedgerController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    private final Supplier<LedgerExecution> ledger;
    private final ObjectMapper json;

    @jakarta.inject.Inject
    LedgerController(ActionExecutor executor, ObjectMapper json) {
        this(executor::execution, json);
    }

    LedgerController(Supplier<LedgerExecution> ledger, ObjectMapper json) {
        this.ledger = ledger;
        this.json = json;
    }

    @Get
    public HttpResponse<?> list(@QueryValue @Nullable String status, @QueryValue @Nullable String kind,
                                @QueryValue @Nullable Integer limit) {
        Optional<ReportingStatus> wantedStatus;
        Optional<ReportingKind> wantedKind;
        try {
            wantedStatus = parse(status, ReportingStatus.class, "status");
            wantedKind = parse(kind, ReportingKind.class, "kind");
        } catch (IllegalArgumentException e) {
            return Problem.response(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        int max = limit == null ? DEFAULT_LIMIT : limit;
        if (max < 1 || max > MAX_LIMIT) {
            return Problem.response(HttpStatus.BAD_REQUEST, "limit must be in [1, " + MAX_LIMIT + "], was " + max);
        }
        Stream<ReportingAction> records = ledger.get().latestRecords().stream();
        if (wantedStatus.isPresent()) {
            records = records.filter(r -> r.getStatus() == wantedStatus.get());
        }
        if (wantedKind.isPresent()) {
            records = records.filter(r -> r.getKind() == wantedKind.get());
        }
        List<LedgerEntryView> views = records.limit(max).map(r -> LedgerEntryView.of(r, json)).toList();
        return HttpResponse.ok(views);
    }

    @Get("/{+key}")
    public HttpResponse<?> one(@PathVariable String key) {
        return ledger.get().latest(key).<HttpResponse<?>>map(r -> HttpResponse.ok(LedgerEntryView.of(r, json)))
                .orElseGet(() -> Problem.response(HttpStatus.NOT_FOUND, "no action '" + key + "' on the ledger"));
    }

    private static <E extends Enum<E>> Optional<E> parse(String value, Class<E> type, String name) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(value.strip())).findFirst()
                .or(() -> {
                    throw new IllegalArgumentException(name + " must be one of " + Arrays.toString(type.getEnumConstants())
                            + ", was '" + value + "'");
                });
    }
}
