package com.metasupervisor.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Acceptance 4: every subject's versions and their schema ids, as a Confluent client sees them
 * ({@code <registry>/apis/ccompat/v7}): "subject v<version>" -> id. Taken before the kills and after them; the
 * two must be equal (the KafkaSQL journal gives the same ids back after a registry restart).
 */
record SchemaIds(Map<String, Integer> idsBySubjectVersion) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    static SchemaIds read(String registryUrl) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        String api = registryUrl + "/apis/ccompat/v7";
        Map<String, Integer> ids = new TreeMap<>();
        for (JsonNode subject : get(http, api + "/subjects")) {
            String name = subject.asText();
            String path = api + "/subjects/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "/versions";
            for (JsonNode version : get(http, path)) {
                ids.put(name + " v" + version.asInt(), get(http, path + "/" + version.asInt()).get("id").asInt());
            }
        }
        return new SchemaIds(Map.copyOf(ids));
    }

    private static JsonNode get(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** What differs from {@code before}: subjects/versions whose id moved, appeared or vanished. */
    Map<String, String> changesSince(SchemaIds before) {
        Map<String, String> changes = new TreeMap<>();
        before.idsBySubjectVersion.forEach((key, id) -> {
            Integer now = idsBySubjectVersion.get(key);
            if (!id.equals(now)) {
                changes.put(key, id + " -> " + now);
            }
        });
        idsBySubjectVersion.forEach((key, id) -> {
            if (!before.idsBySubjectVersion.containsKey(key)) {
                changes.put(key, "new, id " + id);
            }
        });
        return changes;
    }
}
