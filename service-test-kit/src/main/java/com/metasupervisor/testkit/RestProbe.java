package com.metasupervisor.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Requests to a running service's REST API from a test, and what every answer of every service must be:
 * JSON fields in snake_case ({@link #assertSnakeCase}), errors as RFC 9457 {@code application/problem+json}
 * ({@link #problem}).
 */
public final class RestProbe {

    /** snake_case: lower-case words and digits joined by single underscores. */
    public static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    public static final String PROBLEM_JSON = "application/problem+json";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private RestProbe() {
    }

    public static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    public static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public static int status(String url) throws IOException, InterruptedException {
        return get(url).statusCode();
    }

    /** The JSON body of a 200 answer (anything else fails the test with the body), its fields checked to be snake_case. */
    public static JsonNode json(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = get(url);
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return assertSnakeCase(json(response));
    }

    public static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /**
     * The problem an error answer carries, checked: status {@code status}, content type
     * {@code application/problem+json}, members {@code type}, {@code title}, {@code status} (equal to the
     * HTTP status) and a {@code detail}, every member snake_case.
     */
    public static JsonNode problem(HttpResponse<String> response, int status) throws IOException {
        return problem(response.request().method() + " " + response.uri(), response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), response.body(), status);
    }

    /** The same for an answer to a {@link #rawGet}. */
    public static JsonNode problem(RawAnswer answer, int status) throws IOException {
        return problem("GET " + answer.target(), answer.status(), answer.contentType(), answer.body(), status);
    }

    private static JsonNode problem(String request, int actualStatus, String contentType, String body, int status) throws IOException {
        assertThat(actualStatus).as("%s: %s", request, body).isEqualTo(status);
        assertThat(contentType).as("content type of %s", request).startsWith(PROBLEM_JSON);
        JsonNode problem = assertSnakeCase(JSON.readTree(body));
        assertThat(problem.path("type").isTextual()).as("type of %s", problem).isTrue();
        assertThat(problem.path("title").asText()).as("title of %s", problem).isNotBlank();
        assertThat(problem.path("status").asInt()).as("status of %s", problem).isEqualTo(status);
        assertThat(problem.path("detail").asText()).as("detail of %s", problem).isNotBlank();
        return problem;
    }

    /** An HTTP answer read off a socket: for requests no HTTP client sends, e.g. a malformed URI. */
    public record RawAnswer(String target, int status, String contentType, String body) {
    }

    /**
     * {@code GET target} sent as it is (no encoding, no checks) to {@code localhost:port}, e.g. a path with a
     * malformed escape, which the framework must refuse with a 400 problem like any other error.
     */
    public static RawAnswer rawGet(int port, String target) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = answer.indexOf("\r\n\r\n");
            String[] head = answer.substring(0, headersEnd).split("\r\n");
            String contentType = null;
            for (String header : head) {
                if (header.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    contentType = header.substring("content-type:".length()).trim();
                }
            }
            return new RawAnswer(target, Integer.parseInt(head[0].split(" ")[1]), contentType, answer.substring(headersEnd + 4));
        }
    }

    /** Fails unless every field name in {@code json}, at any depth, is snake_case; returns {@code json}. */
    public static JsonNode assertSnakeCase(JsonNode json) {
        List<String> bad = new ArrayList<>();
        collectNonSnakeCase(json, "$", bad);
        assertThat(bad).as("JSON fields not in snake_case in %s", json).isEmpty();
        return json;
    }

    private static void collectNonSnakeCase(JsonNode node, String path, List<String> bad) {
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!SNAKE_CASE.matcher(name).matches()) {
                    bad.add(path + "." + name);
                }
                collectNonSnakeCase(node.get(name), path + "." + name, bad);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectNonSnakeCase(node.get(i), path + "[" + i + "]", bad);
            }
        }
    }
}
