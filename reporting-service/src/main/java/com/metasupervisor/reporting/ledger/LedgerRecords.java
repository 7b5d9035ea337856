package com.metasupervisor.reporting.ledger;

import com.metasupervisor.avro.ReportingAction;
import com.metasupervisor.avro.ReportingStatus;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
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

    private LedgerRecords() {
    }

    /** The STARTED record of {@code request}, planned {@code at}. */
    public static ReportingAction started(ActionRequest request, Instant at) {
        return ReportingAction.newBuilder()
                .setActionKey(request.actionKey())
                .setKind(request.kind())
                .setStatus(ReportingStatus.STARTED)
                .setRequest(toJson(request))
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

    public static String toJson(ActionRequest request) {
        try {
            return JSON.writeValueAsString(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
