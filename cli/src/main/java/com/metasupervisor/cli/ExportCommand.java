package com.metasupervisor.cli;

import com.metasupervisor.schemas.Topic;
import com.metasupervisor.streams.files.AtomicFileWrite;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./ms export <topic> --output file.jsonl [--from <iso>] [--to <iso>]}: a catalog topic's committed records, as
 * they are when the command starts, to JSON lines ({@link TopicRecordLine}) that {@code ./ms import} writes back.
 */
@Command(name = "export",
        description = {"Exports a catalog topic to JSON lines that ./ms import writes back exactly.",
                "The committed records there when it starts, one {\"key\":..., \"timestamp\":..., \"value\":{...}} a line (the value's fields as in its schema, times ISO-8601),",
                "in time order merged across partitions (each partition's own order kept). --from/--to (ISO-8601, to exclusive)",
                "keep the records whose timestamp is in between. ./ms import writes them back exactly (key, value, timestamp).",
                "Exit status: 0 written, 1 Kafka failed, a value does not decode or the file cannot be written, 2 usage."})
final class ExportCommand implements Callable<Integer> {

    static final int DONE = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    @Parameters(index = "0", paramLabel = "<topic>", description = "A catalog topic, e.g. alpha.events.")
    String topicName;

    @Option(names = "--output", required = true, paramLabel = "<file>", description = "The JSON-lines file to write (replaced whole).")
    Path output;

    @Option(names = "--from", paramLabel = "<iso>", description = "Only records with a timestamp at or after this (e.g. 2026-11-01T00:00:00Z).")
    String from;

    @Option(names = "--to", paramLabel = "<iso>", description = "Only records with a timestamp before this.")
    String to;

    @Mixin
    BrokerOptions broker;

    @Spec
    CommandSpec spec;

    /** One record read, where it came from (the merge keeps each partition's order). */
    private record Read(int partition, long offset, TopicRecordLine line) {
    }

    /** Thrown when a record's value does not decode: the export would not be the topic. */
    private static final class UndecodableRecord extends RuntimeException {
        UndecodableRecord(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Topic<?> topic;
        long fromMillis;
        long toMillis;
        try {
            topic = BrokerOptions.catalogTopic(topicName);
            fromMillis = from == null ? Long.MIN_VALUE : instant("--from", from).toEpochMilli();
            toMillis = to == null ? Long.MAX_VALUE : instant("--to", to).toEpochMilli();
            if (toMillis <= fromMillis) {
                throw new IllegalArgumentException("--to " + to + " is not after --from " + from);
            }
        } catch (IllegalArgumentException e) {
            err.println("export: " + e.getMessage());
            return USAGE;
        }
        List<TopicRecordLine> lines;
        try {
            lines = read(topic, fromMillis, toMillis);
        } catch (UndecodableRecord e) {
            err.println("export: " + e.getMessage() + "; nothing was written");
            return FAILED;
        } catch (RuntimeException e) {
            err.println("export: reading " + topic.name() + " at " + broker.bootstrapServers + " failed: " + e.getMessage());
            return FAILED;
        }
        StringBuilder text = new StringBuilder();
        for (TopicRecordLine line : lines) {
            text.append(line.toJson()).append('\n');
        }
        try {
            AtomicFileWrite.replace(output, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            err.println("export: writing " + output + " failed: " + e.getMessage());
            return FAILED;
        }
        out.printf("export: %d records of %s written to %s%n", lines.size(), topic.name(), output.toAbsolutePath().normalize());
        return DONE;
    }

    private List<TopicRecordLine> read(Topic<?> topic, long fromMillis, long toMillis) {
        Map<Integer, List<Read>> byPartition = new HashMap<>();
        try (Deserializer<? extends SpecificRecord> values = topic.valueSerde(broker.registry()).deserializer()) {
            CommittedRecords.read(broker, "ms-export", topic.name(), fromMillis == Long.MIN_VALUE ? null : fromMillis, record -> {
                if (record.timestamp() < fromMillis || record.timestamp() >= toMillis) {
                    return;
                }
                SpecificRecord value;
                try {
                    value = record.value() == null ? null : values.deserialize(record.topic(), record.value());
                } catch (RuntimeException e) {
                    throw new UndecodableRecord("the value at " + record.topic() + "-" + record.partition() + " offset " + record.offset()
                            + " does not decode: " + TerminalText.safe(String.valueOf(e.getMessage()), 300), e);
                }
                byPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>())
                        .add(new Read(record.partition(), record.offset(), new TopicRecordLine(record.key(), record.timestamp(), value)));
            });
        }
        return mergedByTime(byPartition);
    }

    /**
     * Every partition's records in its own order, merged by timestamp (ties by partition): a key's records stay in the
     * order they were written even where timestamps go back, so an import restores the same latest value per key.
     */
    private static List<TopicRecordLine> mergedByTime(Map<Integer, List<Read>> byPartition) {
        record Cursor(List<Read> reads, int at) {
            Read head() {
                return reads.get(at);
            }
        }
        PriorityQueue<Cursor> heads = new PriorityQueue<>(Comparator.<Cursor>comparingLong(c -> c.head().line().timestamp())
                .thenComparingInt(c -> c.head().partition()));
        byPartition.values().stream().filter(l -> !l.isEmpty()).forEach(l -> heads.add(new Cursor(l, 0)));
        List<TopicRecordLine> merged = new ArrayList<>();
        while (!heads.isEmpty()) {
            Cursor next = heads.poll();
            merged.add(next.head().line());
            if (next.at() + 1 < next.reads().size()) {
                heads.add(new Cursor(next.reads(), next.at() + 1));
            }
        }
        return merged;
    }

    private static Instant instant(String option, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": not an ISO-8601 time (e.g. 2026-11-30T09:00:00Z): '" + text + "'");
        }
    }
}
