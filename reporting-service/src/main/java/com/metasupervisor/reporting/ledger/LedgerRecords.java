package com.metasupervisor.reporting.ledger;

import com.metasupervisor.avro.ReportingAction;
import com.metasupervisor.avro.ReportingStatus;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/** {@code reporting.ledger} records of an action: STARTED with its request, then DONE or FAILED with the outcome. */
public final class LedgerRecords {

    /**
     * Jackson databind, not Micronaut serde: it reads and writes the domain's records as they are (no annotations, empty
     * lists kept) without an application context, so the planner, the executor and the cli share one format. Times are
     * ISO-8601; properties a later version adds are ignored.
     */
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** Kept well under the broker's record limit; a detail is one error message. */
    static final int MAX_DETAIL = 2_000;
    /**
     * The largest request JSON a record carries, in UTF-8 bytes: Kafka refuses a record over 1 MB
     * ({@code max.request.size}, the topic's {@code max.message.bytes}), and the key, the other fields and Avro's
     * framing need the rest. The planner shrinks a pull request's request to fit before it asks for its record.
     */
    public static final int MAX_REQUEST_BYTES = 900_000;

    private LedgerRecords() {
    }

    /**
     * The STARTED record of {@code request}, planned {@code at}; an IllegalArgumentException when its JSON is over
     * {@value #MAX_REQUEST_BYTES} bytes (a record the broker would refuse, so a task would fail on it forever).
     */
    public static ReportingAction started(ActionRequest request, Instant at) {
        String json = toJson(request);
        int bytes = utf8Length(json);
        if (bytes > MAX_REQUEST_BYTES) {
            throw new IllegalArgumentException("reporting.ledger request of " + request.actionKey() + ": " + bytes
                    + " bytes of JSON, over the " + MAX_REQUEST_BYTES + "-byte limit of a ledger record's request");
        }
        return ReportingAction.newBuilder()
                .setActionKey(request.actionKey())
                .setKind(request.kind())
                .setStatus(ReportingStatus.STARTED)
                .setRequest(json)
                .setAttempts(0)
                .setAt(at)
                .build();
    }

    /** The DONE record following {@code started}: {@code reference} says where the result is (PR url, message id, file). */
    public static ReportingAction done(ReportingAction started, String reference, String detail, int attempts, Instant at) {
        return outcome(started, ReportingStatus.DONE, reference, detail, attempts, at);
    }

    /** The FAILED record following {@code started}: {@code detail} says why (never a credential). */
    public static ReportingAction failed(ReportingAction started, String detail, int attempts, Instant at) {
        return outcome(started, ReportingStatus.FAILED, null, detail, attempts, at);
    }

    private static ReportingAction outcome(ReportingAction started, ReportingStatus status, String reference, String detail,
                                           int attempts, Instant at) {
        Objects.requireNonNull(started, "started");
        return ReportingAction.newBuilder(started)
                .setStatus(status)
                .setReference(reference)
                .setDetail(detail == null ? null : detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "…" : detail)
                .setAttempts(attempts)
                .setAt(at)
                .build();
    }

    /** The request a ledger record carries; an IllegalArgumentException when it has none or it does not parse. */
    public static ActionRequest request(ReportingAction action) {
        String json = action.getRequest();
        if (json == null) {
            throw new IllegalArgumentException("ledger record " + action.getActionKey() + " carries no request");
        }
        try {
            return JSON.readValue(json, ActionRequest.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("ledger record " + action.getActionKey() + ": unreadable request: " + e.getMessage(), e);
        }
    }

    /** The size of {@code request}'s JSON in UTF-8 bytes, as {@link #started} measures it. */
    public static int requestBytes(ActionRequest request) {
        return utf8Length(toJson(request));
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    public static String toJson(ActionRequest request) {
        try {
            return JSON.writeValueAsString(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
