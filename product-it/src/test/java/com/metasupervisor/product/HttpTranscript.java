package com.metasupervisor.product;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The test's HTTP client towards the services, keeping every answer it received whole (status line, headers, body):
 * what a caller sees, scanned for secrets afterwards. The requests themselves carry credentials on purpose and are
 * kept only as method and path.
 */
final class HttpTranscript {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** One answer: {@code request} is "METHOD path" (no header, no body: those carry the test's own credentials). */
    record Answer(int index, String request, int status, String text, String body) {
        String where() {
            return "HTTP answer #" + index + " to " + request;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final List<Answer> answers = new CopyOnWriteArrayList<>();

    /** GET {@code url}, with {@code bearer} as the Authorization header when present. */
    Answer get(String url, Optional<String> bearer) {
        return send(request(url, bearer).GET().build());
    }

    /** POST {@code json} to {@code url}, with {@code bearer} as the Authorization header when present. */
    Answer post(String url, Optional<String> bearer, String json) {
        return send(request(url, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    List<Answer> answers() {
        return List.copyOf(answers);
    }

    private static HttpRequest.Builder request(String url, Optional<String> bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
        bearer.ifPresent(token -> builder.header("Authorization", "Bearer " + token));
        return builder;
    }

    private Answer send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        StringBuilder text = new StringBuilder("HTTP/1.1 ").append(response.statusCode()).append('\n');
        response.headers().map().forEach((name, values) -> values.forEach(v -> text.append(name).append(": ").append(v).append('\n')));
        text.append('\n').append(response.body());
        synchronized (answers) {
            Answer answer = new Answer(answers.size() + 1, request.method() + " " + request.uri().getRawPath(),
                    response.statusCode(), text.toString(), response.body());
            answers.add(answer);
            return answer;
        }
    }
}
