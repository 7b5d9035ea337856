package com.metasupervisor.schemas;

import com.microsoft.kiota.ApiException;
import io.apicurio.registry.rest.client.models.ProblemDetails;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;

/**
 * What a serde failure says about the registry: the schema id is unknown (bad input), the
 * registry cannot be reached or answers 5xx (an outage: retry, never dead-letter), or neither.
 */
public enum RegistryFailure {
    /** The frame names a schema id the registry does not have. */
    SCHEMA_NOT_FOUND,
    /** The registry is down, unreachable or failing: the record itself may be fine. */
    REGISTRY_UNAVAILABLE,
    /** Not a registry problem (e.g. bytes that do not decode). */
    NONE;

    public static RegistryFailure of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiException api) {
                int status = api instanceof ProblemDetails problem && problem.getStatus() != null
                        ? problem.getStatus() : api.getResponseStatusCode();
                if (status == 404) {
                    return SCHEMA_NOT_FOUND;
                }
                if (status >= 500 || status == 429 || status == 408) {
                    return REGISTRY_UNAVAILABLE;
                }
            }
            if (t instanceof ConnectException || t instanceof HttpTimeoutException || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException) {
                return REGISTRY_UNAVAILABLE;
            }
            if (t instanceof EOFException) {
                return NONE; // a truncated payload: bad bytes, not a network problem
            }
        }
        return NONE;
    }
}
