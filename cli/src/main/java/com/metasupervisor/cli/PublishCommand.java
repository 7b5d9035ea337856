package com.metasupervisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.metasupervisor.schemas.Topic;
import com.metasupervisor.streams.publish.CatalogPublisher;
import com.metasupervisor.streams.publish.CatalogPublisher.Keyed;
import com.metasupervisor.streams.publish.CatalogPublisher.PublishException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ms publish --file events.jsonl [--topic alpha.events]}: an agent's alpha events (or any catalog topic's values)
 * from JSON lines to the topic, through streams-kit's {@link CatalogPublisher}. The whole file is checked first: one
 * bad line and nothing is published.
 */
@Command(name = "publish",
        description = {"Publishes alpha events (or any catalog topic's values) from a JSON-lines file, keyed by agent.",
                "A line holds the fields of AlphaEvent.avsc (snake_case; emitted_at ISO-8601 or epoch millis; optional fields may",
                "be absent); --topic and --key-field name another catalog topic and the value's field that is the key.",
                "Every line is checked before anything is sent: a bad line is named (file, line, field) and nothing is published.",
                "Exit status: 0 published, 1 a bad or missing file, or Kafka / the registry failed, 2 usage."})
final class PublishCommand implements Callable<Integer> {

    static final int DONE = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    @Option(names = "--file", required = true, paramLabel = "<file>", description = "The values, one JSON object a line.")
    Path file;

    @Option(names = "--topic", paramLabel = "<topic>", defaultValue = "alpha.events", description = "The catalog topic (now ${DEFAULT-VALUE}).")
    String topicName;

    @Option(names = "--key-field", paramLabel = "<field>", defaultValue = "agent",
            description = "The value's string field that is the record's key (now ${DEFAULT-VALUE}).")
    String keyField;

    @Option(names = "--send-timeout", paramLabel = "<seconds>", defaultValue = "30", description = "How long Kafka may take to acknowledge (now ${DEFAULT-VALUE}).")
    int sendTimeoutSeconds;

    @Mixin
    BrokerOptions broker;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Topic<?> topic;
        try {
            topic = BrokerOptions.catalogTopic(topicName);
            keyFieldOf(topic);
        } catch (IllegalArgumentException e) {
            err.println("publish: " + e.getMessage());
            return USAGE;
        }
        return publish(topic, out, err);
    }

    private <V extends SpecificRecord> int publish(Topic<V> topic, PrintWriter out, PrintWriter err) {
        int keyPos = keyFieldOf(topic).pos();
        List<Keyed<V>> batch;
        try {
            batch = JsonLinesFile.read(file, line -> keyed(topic, keyPos, line));
        } catch (IOException e) {
            err.println("publish: cannot read " + file + ": " + e.getMessage());
            return FAILED;
        } catch (JsonLinesFile.BadLinesException e) {
            err.println("publish: " + e.getMessage());
            return FAILED;
        }
        try (CatalogPublisher publisher = CatalogPublisher.create(broker.connection(), broker.registry(), "ms-publish",
                Duration.ofSeconds(sendTimeoutSeconds))) {
            publisher.publish(topic, batch);
        } catch (PublishException e) {
            err.println("publish: " + e.getMessage());
            return FAILED;
        } catch (RuntimeException e) {
            err.println("publish: publishing to " + topic.name() + " at " + broker.bootstrapServers + " failed: " + e.getMessage());
            return FAILED;
        }
        out.printf("publish: %d records from %s published to %s%n", batch.size(), file, topic.name());
        return DONE;
    }

    private <V extends SpecificRecord> Keyed<V> keyed(Topic<V> topic, int keyPos, JsonNode line) throws JsonFieldException {
        V value = RecordJson.fromJson(topic.valueType(), line);
        Object key = value.get(keyPos);
        if (key == null) {
            throw new JsonFieldException(keyField, "the key of the record: must not be null");
        }
        return new Keyed<>(key.toString(), value);
    }

    private Schema.Field keyFieldOf(Topic<?> topic) {
        Schema.Field field = topic.valueSchema().getField(keyField);
        if (field == null) {
            throw new IllegalArgumentException("--key-field: " + topic.valueType().getSimpleName() + " has no field '" + keyField + "'");
        }
        return field;
    }
}
