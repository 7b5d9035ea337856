package com.metasupervisor.product;

import com.metasupervisor.schemas.ServiceDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Each service's {@code /health} (Micronaut: 200 when UP, 503 when DOWN), as a user's monitoring would ask it: plain
 * HTTP/1.1 with connect and read timeouts, a connection per question (nothing kept across a service's restart).
 */
final class ServiceHealth {

    enum Status { UP, DOWN, UNREACHABLE }

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final List<ServiceDefinition> services;
    private final AtomicReference<String> lastFailure = new AtomicReference<>("none");

    ServiceHealth(List<ServiceDefinition> services) {
        this.services = List.copyOf(services);
    }

    Status of(ServiceDefinition service) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + service.port() + "/health").toURL().openConnection();
            connection.setConnectTimeout((int) TIMEOUT.toMillis());
            connection.setReadTimeout((int) TIMEOUT.toMillis());
            connection.setUseCaches(false);
            int status = connection.getResponseCode();
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (body != null) {
                    body.readAllBytes();
                }
            }
            return status == 200 ? Status.UP : Status.DOWN;
        } catch (IOException | RuntimeException e) {
            lastFailure.set(service.name() + ": " + e);
            return Status.UNREACHABLE;
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    Map<String, Status> all() {
        Map<String, Status> statuses = new LinkedHashMap<>();
        services.forEach(service -> statuses.put(service.name(), of(service)));
        return statuses;
    }

    boolean allUp() {
        return services.stream().allMatch(service -> of(service) == Status.UP);
    }

    /** The last question that got no answer, for a report on a recovery that did not come. */
    String lastFailure() {
        return lastFailure.get();
    }
}
