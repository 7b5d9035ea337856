package com.metasupervisor.streams.query;

import com.metasupervisor.streams.api.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * 503 {@code application/problem+json} for a query that cannot be answered now: a {@link QueryUnavailable},
 * or a store that stopped being queryable while it was read (a rebalance moved its task away).
 */
public final class QueryUnavailableHandler {

    private QueryUnavailableHandler() {
    }

    @Produces(Problem.MEDIA_TYPE)
    @Singleton
    static final class Unavailable implements ExceptionHandler<QueryUnavailable, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, QueryUnavailable e) {
            return Problem.response(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        }
    }

    @Produces(Problem.MEDIA_TYPE)
    @Singleton
    static final class StoreNotQueryable implements ExceptionHandler<InvalidStateStoreException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, InvalidStateStoreException e) {
            return Problem.response(HttpStatus.SERVICE_UNAVAILABLE, "state stores are not queryable now: " + e.getMessage());
        }
    }
}
