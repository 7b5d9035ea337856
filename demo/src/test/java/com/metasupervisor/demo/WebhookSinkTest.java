package com.metasupervisor.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookSinkTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void eachPostBodyIsSavedAsNumberedJsonAndAnsweredOk() throws IOException, InterruptedException {
        try (WebhookSink sink = WebhookSink.start(dir)) {
            HttpResponse<String> first = post(sink, "{\"text\":\"KILL funding_01\"}");
            HttpResponse<String> second = post(sink, "{\"text\":\"allocation changed\"}");

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.body()).isEqualTo("ok");
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(sink.saved()).isEqualTo(2);
        }

        assertThat(files()).containsExactly("001.json", "002.json");
        assertThat(Files.readString(dir.resolve("001.json"))).isEqualTo("{\"text\":\"KILL funding_01\"}");
        assertThat(Files.readString(dir.resolve("002.json"))).isEqualTo("{\"text\":\"allocation changed\"}");
    }

    @Test
    void aGetIsRefusedAndNotSaved() throws IOException, InterruptedException {
        try (WebhookSink sink = WebhookSink.start(dir)) {
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(sink.url())).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(get.statusCode()).isEqualTo(405);
            assertThat(sink.saved()).isZero();
        }
        assertThat(files()).isEmpty();
    }

    private HttpResponse<String> post(WebhookSink sink, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(sink.url())).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private java.util.List<String> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
