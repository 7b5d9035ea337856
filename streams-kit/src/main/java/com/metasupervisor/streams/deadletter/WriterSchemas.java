package com.metasupervisor.streams.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.metasupervisor.schemas.RegistrySettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer schema behind a frame's schema id, asked of the registry the way a Confluent client asks
 * ({@code GET /apis/ccompat/v7/schemas/ids/{id}}), so a dead letter can name the field that did not decode.
 * Only records that failed to decode come here: the answers are kept, a failed call is not (the next letter
 * asks again). Without a registry it knows no schema.
 */
final class WriterSchemas {

    private static final Logger LOG = LoggerFactory.getLogger(WriterSchemas.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_KEPT = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistrySettings registry;
    private final HttpClient http;
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();

    private WriterSchemas(RegistrySettings registry) {
        this.registry = registry;
        this.http = registry == null ? null : HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    /** Knows no schema: a dead letter then names the field as the catalog's schema reads it. */
    static WriterSchemas none() {
        return new WriterSchemas(null);
    }

    static WriterSchemas at(RegistrySettings registry) {
        return new WriterSchemas(Objects.requireNonNull(registry, "registry"));
    }

    /** The schema registered under {@code id}, or empty (no registry, an unknown id, no answer). */
    Optional<Schema> byId(int id) {
        if (registry == null) {
            return Optional.empty();
        }
        Schema known = byId.get(id);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Schema> fetched = fetch(id);
        fetched.ifPresent(schema -> {
            if (byId.size() >= MAX_KEPT) {
                byId.clear(); // ids are few; a flood of distinct bad ids must not grow this without bound
            }
            byId.put(id, schema);
        });
        return fetched;
    }

    private Optional<Schema> fetch(int id) {
        URI uri = URI.create(registry.confluentCompatApi() + "/schemas/ids/" + id);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.debug("{} answered HTTP {}", uri, response.statusCode());
                return Optional.empty();
            }
            JsonNode schema = JSON.readTree(response.body()).path("schema");
            return schema.isTextual() ? Optional.of(new Schema.Parser().parse(schema.asText())) : Optional.empty();
        } catch (IOException | SchemaParseException e) {
            LOG.debug("could not read the schema {} from {}: {}", id, uri, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
