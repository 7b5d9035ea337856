package com.metasupervisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.metasupervisor.schemas.Topic;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./ms tail <topic> [--from-beginning] [--where field=value ...] [--max n] [--format line|json]}: follows a catalog
 * topic, or its dead-letter topic, and prints each record as it is committed. It reads committed records only and joins
 * no consumer group, so watching leaves nothing behind on the cluster.
 */
@Command(name = "tail",
        description = {"Follows a topic (alerts, any catalog topic or its .dlq) readably, with filters.",
                "One line per record: its time, key and the value's main fields (alerts: severity, subject, transition, kind, message; other topics field=value pairs, cut short).",
                "From the end by default. Dead letters show their bytes and error.* headers. Untrusted text is printed with its",
                "control characters escaped. Exit status: 0 stopped (Ctrl-C or --max reached), 1 Kafka failed, 2 usage."})
final class TailCommand implements Callable<Integer> {

    static final int DONE = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    /** A field's value in a line of other topics is cut to this many characters, the whole line to LINE_WIDTH. */
    private static final int FIELD_WIDTH = 40;
    private static final int LINE_WIDTH = 400;
    private static final Duration POLL = Duration.ofMillis(250);

    enum Format { line, json }

    @Parameters(index = "0", paramLabel = "<topic>", description = "A catalog topic, e.g. alerts, or its dead-letter topic, e.g. alpha.events.dlq.")
    String topicName;

    @Option(names = "--from-beginning", description = "Start at the oldest record still kept instead of the end.")
    boolean fromBeginning;

    @Option(names = "--where", paramLabel = "<field=value>",
            description = "Only records whose top-level field has this value (as printed by --format json; a dead letter's"
                    + " fields are key and its headers, e.g. error.reason=malformed). Repeat: all must hold.")
    List<String> where = new ArrayList<>();

    @Option(names = "--max", paramLabel = "<n>", description = "Stop after n matching records.")
    Long max;

    @Option(names = "--format", paramLabel = "<format>", defaultValue = "line", description = "line (readable) or json (as export writes). Now ${DEFAULT-VALUE}.")
    Format format;

    @Mixin
    BrokerOptions broker;

    @Spec
    CommandSpec spec;

    private volatile KafkaConsumer<String, byte[]> running;
    private volatile boolean stopRequested;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean deadLetters = topicName.endsWith(Topic.DEAD_LETTER_SUFFIX);
        Topic<?> topic;
        Map<String, String> filters;
        try {
            topic = BrokerOptions.catalogTopic(deadLetters ? topicName.substring(0, topicName.length() - Topic.DEAD_LETTER_SUFFIX.length()) : topicName);
            filters = filters(where);
            if (max != null && max < 1) {
                throw new IllegalArgumentException("--max must be >= 1, was " + max);
            }
        } catch (IllegalArgumentException e) {
            err.println("tail: " + e.getMessage());
            return USAGE;
        }
        try (StopOnInterrupt ctrlC = StopOnInterrupt.install(this::stop)) {
            return follow(topic, deadLetters, filters, out, err);
        } catch (WakeupException e) {
            return DONE;
        } catch (RuntimeException e) {
            err.println("tail: reading " + topicName + " at " + broker.bootstrapServers + " failed: " + e.getMessage());
            return FAILED;
        }
    }

    /** Ends the tail from another thread (Ctrl-C): the consumer's poll returns and the command exits 0. */
    void stop() {
        stopRequested = true;
        KafkaConsumer<String, byte[]> consumer = running;
        if (consumer != null) {
            consumer.wakeup();
        }
    }

    private int follow(Topic<?> topic, boolean deadLetters, Map<String, String> filters, PrintWriter out, PrintWriter err) {
        String name = deadLetters ? topic.deadLetterTopic() : topic.name();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(broker.rawConsumer("ms-tail"));
             Deserializer<? extends SpecificRecord> values = topic.valueSerde(broker.registry()).deserializer()) {
            running = consumer;
            if (stopRequested) {
                return DONE;
            }
            List<TopicPartition> partitions = consumer.partitionsFor(name).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                err.println("tail: no topic " + name + " at " + broker.bootstrapServers);
                return FAILED;
            }
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            partitions.forEach(consumer::position); // fix the start now: a record written after this line is shown
            err.printf("tail: following %s (%d partitions) from the %s; Ctrl-C stops%n", name, partitions.size(),
                    fromBeginning ? "beginning" : "end");
            long shown = 0;
            while (!stopRequested) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    Map<String, String> fields = new LinkedHashMap<>();
                    String text = deadLetters ? deadLetter(record, fields) : catalogRecord(topic, values, record, fields);
                    if (!matches(fields, filters)) {
                        continue;
                    }
                    out.println(text);
                    out.flush();
                    shown++;
                    if (max != null && shown >= max) {
                        return DONE;
                    }
                }
            }
            return DONE;
        } finally {
            running = null;
        }
    }

    /** The line for a catalog record; {@code fields} gets its key and top-level fields as --where compares them. */
    private String catalogRecord(Topic<?> topic, Deserializer<? extends SpecificRecord> values, ConsumerRecord<String, byte[]> record,
                                 Map<String, String> fields) {
        fields.put("key", String.valueOf(record.key()));
        SpecificRecord value;
        try {
            value = record.value() == null ? null : values.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            return prefix(record) + "(does not decode: " + TerminalText.safe(String.valueOf(e.getMessage()), 200) + ")";
        }
        if (value == null) {
            return format == Format.json ? new TopicRecordLine(record.key(), record.timestamp(), null).toJson().toString()
                    : prefix(record) + "(tombstone)";
        }
        ObjectNode json = RecordJson.toJson(value);
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            fields.put(field.getKey(), scalar(field.getValue()));
        }
        if (format == Format.json) {
            ObjectNode line = JsonNodeFactory.instance.objectNode();
            line.put("key", record.key());
            line.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
            line.set("value", json);
            // JSON escapes control characters itself except DEL and the invisible ones: escape what is left
            return TerminalText.safe(line.toString());
        }
        StringBuilder text = new StringBuilder(prefix(record));
        if (topic.name().equals("alerts")) {
            text.append(fields.get("severity")).append(' ').append(TerminalText.safe(fields.get("subject"), 80))
                    .append(' ').append(fields.get("transition")).append(' ').append(TerminalText.safe(fields.get("kind"), 40))
                    .append(": ").append(TerminalText.safe(fields.get("message"), 200));
        } else {
            String separator = "";
            for (Map.Entry<String, String> field : fields.entrySet()) {
                if (field.getKey().equals("key")) {
                    continue;
                }
                text.append(separator).append(field.getKey()).append('=').append(TerminalText.safe(field.getValue(), FIELD_WIDTH));
                separator = " ";
            }
        }
        return text.length() <= LINE_WIDTH ? text.toString() : text.substring(0, LINE_WIDTH - 1) + "…";
    }

    /** A dead letter: its original bytes (as text when printable, else base64) and every header. */
    private String deadLetter(ConsumerRecord<String, byte[]> record, Map<String, String> fields) {
        fields.put("key", String.valueOf(record.key()));
        for (Header header : record.headers()) {
            fields.put(header.key(), header.value() == null ? "null" : new String(header.value(), StandardCharsets.UTF_8));
        }
        if (format == Format.json) {
            ObjectNode line = JsonNodeFactory.instance.objectNode();
            line.put("key", record.key());
            line.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
            line.put("value_base64", record.value() == null ? null : Base64.getEncoder().encodeToString(record.value()));
            ObjectNode headers = line.putObject("headers");
            fields.forEach((k, v) -> {
                if (!k.equals("key")) {
                    headers.put(k, v);
                }
            });
            return TerminalText.safe(line.toString());
        }
        StringBuilder text = new StringBuilder(prefix(record));
        for (String header : List.of("error.reason", "error.stage", "error.at")) {
            text.append(header).append('=').append(TerminalText.safe(fields.getOrDefault(header, "-"), 60)).append(' ');
        }
        String detail = fields.get("error.detail");
        if (detail != null) {
            text.append("error.detail=").append(TerminalText.safe(detail, 160)).append(' ');
        }
        text.append("bytes=").append(bytes(record.value()));
        return text.toString();
    }

    private static String bytes(byte[] value) {
        if (value == null) {
            return "null";
        }
        String shown = value.length <= 48 ? Base64.getEncoder().encodeToString(value)
                : Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(value, 48)) + "…";
        return value.length + "B:" + shown;
    }

    private static String prefix(ConsumerRecord<String, byte[]> record) {
        return Instant.ofEpochMilli(record.timestamp()) + " " + TerminalText.safe(String.valueOf(record.key()), 60) + " ";
    }

    /** A top-level field's value as --where compares it: text as it is, anything else as its JSON. */
    private static String scalar(JsonNode node) {
        return node.isTextual() ? node.textValue() : node.toString();
    }

    static Map<String, String> filters(List<String> where) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (String condition : where) {
            int eq = condition.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("--where takes field=value, was '" + condition + "'");
            }
            filters.put(condition.substring(0, eq), condition.substring(eq + 1));
        }
        return filters;
    }

    private static boolean matches(Map<String, String> fields, Map<String, String> filters) {
        for (Map.Entry<String, String> filter : filters.entrySet()) {
            if (!filter.getValue().equals(fields.get(filter.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
