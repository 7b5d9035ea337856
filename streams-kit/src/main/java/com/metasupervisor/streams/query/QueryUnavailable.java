package com.metasupervisor.streams.query;

/**
 * An interactive query cannot be answered now: the streams are not RUNNING (starting, rebalancing,
 * stopped), a store is not queryable, or another instance did not answer. The REST answer is 503
 * ({@link QueryUnavailableHandler}): the client retries later.
 */
public final class QueryUnavailable extends RuntimeException {

    public QueryUnavailable(String message) {
        super(message);
    }

    public QueryUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
