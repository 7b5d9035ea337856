package com.metasupervisor.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.metasupervisor.schemas.RegistrySettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** What a Confluent client does over HTTP against the registry's {@code /apis/ccompat/v7}. */
final class RegistryHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String ccompat;

    RegistryHttp(RegistrySettings registry) {
        this.ccompat = registry.confluentCompatApi();
    }

    record Answer(int status, JsonNode body) {
    }

    /** {@code GET /schemas/ids/{id}}: the schema text registered under that id. */
    Answer schemaById(int id) {
        return send(HttpRequest.newBuilder(URI.create(ccompat + "/schemas/ids/" + id)).GET().build());
    }

    /** {@code POST /subjects/{subject}/versions}: registers an Avro schema, answers {@code {"id": n}}. */
    Answer register(String subject, String schemaJson) {
        var body = JsonNodeFactory.instance.objectNode().put("schema", schemaJson).put("schemaType", "AVRO");
        return send(HttpRequest.newBuilder(URI.create(ccompat + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    /** {@code GET /subjects/{subject}/versions/{version}} ({@code latest} or a number): {@code id}, {@code version}, {@code schema}. */
    Answer version(String subject, String version) {
        return get("/subjects/" + subject + "/versions/" + version);
    }

    /** {@code GET /subjects/{subject}/versions}: the version numbers, e.g. {@code [1]}. */
    Answer versions(String subject) {
        return get("/subjects/" + subject + "/versions");
    }

    /** {@code GET /config/{subject}}: {@code {"compatibilityLevel": ...}} of that subject. */
    Answer compatibility(String subject) {
        return get("/config/" + subject);
    }

    private Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(ccompat + path)).GET().build());
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
