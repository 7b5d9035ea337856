package com.metasupervisor.product;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server standing in for a service the product calls out to (GitHub's API, a chat webhook) that answers
 * every request with one fixed status and body, and keeps every request it received (method, path, headers, body).
 */
final class RecordingHttpStub implements AutoCloseable {

    /** A request as received. */
    record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {
        Received {
            headers = Map.copyOf(headers);
            body = body.clone();
        }

        /** Its headers but {@code Authorization}, the one place a credential belongs, as "name: value" lines. */
        String headersButAuthorization() {
            StringBuilder text = new StringBuilder();
            headers.forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Authorization")) {
                    values.forEach(v -> text.append(name).append(": ").append(v).append('\n'));
                }
            });
            return text.toString();
        }

        /** The Authorization header's values. */
        List<String> authorization() {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Authorization"))
                    .flatMap(e -> e.getValue().stream()).toList();
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private RecordingHttpStub(HttpServer server) {
        this.server = server;
    }

    /** Listens on 127.0.0.1 (a free port), answering {@code status} with {@code json}. */
    static RecordingHttpStub answering(int status, String json) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            RecordingHttpStub stub = new RecordingHttpStub(server);
            byte[] answer = json.getBytes(StandardCharsets.UTF_8);
            server.createContext("/", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    stub.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                            exchange.getRequestHeaders(), in.readAllBytes()));
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>} */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
