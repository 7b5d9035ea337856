package com.metasupervisor.schemas;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * Registers the value schema of every catalog topic under its subject {@code <topic>-value} (Confluent's
 * TopicNameStrategy) and sets each subject's compatibility as SPEC §2 says: {@link Compatibility#FULL_TRANSITIVE}
 * for the input topics (those a party outside the product writes, per the service catalog: its writers upgrade
 * on their own schedule and may never drop or retype a field the product reads), {@link Compatibility#BACKWARD}
 * for the product's own. An agent with auto-registration off then finds every subject before anything is written.
 *
 * <p>Talks to the registry's Confluent-compatible API ({@code /apis/ccompat/v7}): {@code PUT /config/{subject}},
 * then {@code POST /subjects/{subject}/versions}. Idempotent: the same schema registered again keeps its id and
 * adds no version; a changed schema is a new version only if the subject's rule accepts it. The global rule
 * (BACKWARD) stays the default of any other subject. Run by the platform kit on its embedded registry, and by
 * {@code ./ms registry init} for compose and Kubernetes.
 */
public final class SchemaRegistration {

    /** The compatibility levels SPEC §2 uses, named as the Confluent API names them. */
    public enum Compatibility { BACKWARD, FULL_TRANSITIVE }

    /**
     * One subject with its schema and rule.
     *
     * @param name          the subject, {@code <topic>-value}
     * @param schema        the value schema the product reads and writes
     * @param compatibility the subject's compatibility rule
     */
    public record Subject(String name, Schema schema, Compatibility compatibility) {
        public Subject {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(schema, "schema of " + name);
            Objects.requireNonNull(compatibility, "compatibility of " + name);
            if (name.isBlank()) {
                throw new IllegalArgumentException("subject name is blank");
            }
        }
    }

    /**
     * A subject as the registry holds it after registration.
     *
     * @param subject what was registered
     * @param id      the schema id the registry answered (the id a Confluent frame carries)
     */
    public record Registered(Subject subject, int id) {
        public Registered {
            Objects.requireNonNull(subject, "subject");
            if (id < 0) {
                throw new IllegalArgumentException("schema id of " + subject.name() + " must be >= 0, was " + id);
            }
        }
    }

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistrySettings registry;
    private final HttpClient http;

    private SchemaRegistration(RegistrySettings registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    /** Registration against {@code registry}. */
    public static SchemaRegistration to(RegistrySettings registry) {
        return new SchemaRegistration(registry);
    }

    /** Every catalog topic's subject, in {@link Topics#all()} order, with the rule {@code catalog} implies. */
    public static List<Subject> plan(ServiceCatalog catalog) {
        List<Topic<?>> inputs = catalog.writtenByOutsideParties();
        return Topics.all().stream()
                .map(topic -> new Subject(topic.valueSubject(), topic.valueSchema(),
                        inputs.contains(topic) ? Compatibility.FULL_TRANSITIVE : Compatibility.BACKWARD))
                .toList();
    }

    /** {@link #plan} of the catalog in force, registered: what {@code ./ms run} and {@code ./ms registry init} do. */
    public List<Registered> registerCatalog() {
        return register(plan(ServiceCatalog.standard()));
    }

    /**
     * Sets each subject's rule, then registers its schema, in order.
     *
     * @throws SchemaRegistrationException naming the subject, when the registry refuses (e.g. 409: the schema
     *                                     breaks the subject's rule) or does not answer
     */
    public List<Registered> register(List<Subject> subjects) {
        List<Registered> registered = new ArrayList<>();
        for (Subject subject : subjects) {
            // the rule first: a changed schema is then checked against it, never against the global default
            send(subject, "PUT", "/config/" + encode(subject.name()),
                    JSON.createObjectNode().put("compatibility", subject.compatibility().name()));
            JsonNode answer = send(subject, "POST", "/subjects/" + encode(subject.name()) + "/versions",
                    JSON.createObjectNode().put("schemaType", "AVRO").put("schema", subject.schema().toString()));
            if (!answer.path("id").isIntegralNumber()) {
                throw new SchemaRegistrationException(subject.name() + ": the registry at " + registry.url()
                        + " answered no schema id: " + answer);
            }
            registered.add(new Registered(subject, answer.get("id").asInt()));
        }
        return List.copyOf(registered);
    }

    private JsonNode send(Subject subject, String method, String path, JsonNode body) {
        URI uri = URI.create(registry.confluentCompatApi() + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", CONTENT_TYPE).header("Accept", CONTENT_TYPE)
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SchemaRegistrationException(subject.name() + ": no answer from the registry at " + registry.url()
                    + " (" + method + " " + uri + "): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistrationException(subject.name() + ": interrupted while calling " + uri, e);
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            String message = answer.path("message").asText(response.body());
            throw new SchemaRegistrationException(subject.name() + ": the registry at " + registry.url() + " refused "
                    + method + " " + path + " (HTTP " + response.statusCode() + "): " + message);
        }
        return answer;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }
}
