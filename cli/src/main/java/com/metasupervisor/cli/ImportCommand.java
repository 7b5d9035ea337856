package com.metasupervisor.cli;

import com.metasupervisor.schemas.Topic;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./ms import <topic> --input file.jsonl [--to-topic <name>]}: an export written back, each record with its key,
 * value and timestamp. Every line is checked, and every value encoded, before anything is sent.
 */
@Command(name = "import",
        description = {"Imports the JSON lines of ./ms export into a topic, each record with its key, value and timestamp.",
                "Every line is checked first (a bad one is named by line and field, and nothing is written). --to-topic writes",
                "them to another topic (created beforehand) with the values still checked as <topic>'s.",
                "Exit status: 0 written, 1 a bad or missing file, or Kafka / the registry failed, 2 usage."})
final class ImportCommand implements Callable<Integer> {

    static final int DONE = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    @Parameters(index = "0", paramLabel = "<topic>", description = "The catalog topic the lines are records of, e.g. alpha.events.")
    String topicName;

    @Option(names = "--input", required = true, paramLabel = "<file>", description = "The JSON lines of an export.")
    Path input;

    @Option(names = "--to-topic", paramLabel = "<name>", description = "Write to this topic instead of <topic> (a copy, a staging topic).")
    String toTopic;

    @Option(names = "--send-timeout", paramLabel = "<seconds>", defaultValue = "60", description = "How long Kafka may take to acknowledge (now ${DEFAULT-VALUE}).")
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
        } catch (IllegalArgumentException e) {
            err.println("import: " + e.getMessage());
            return USAGE;
        }
        List<TopicRecordLine> lines;
        try {
            lines = JsonLinesFile.read(input, line -> TopicRecordLine.parse(topic, line));
        } catch (IOException e) {
            err.println("import: cannot read " + input + ": " + e.getMessage());
            return FAILED;
        } catch (JsonLinesFile.BadLinesException e) {
            err.println("import: " + e.getMessage());
            return FAILED;
        }
        String target = toTopic != null ? toTopic : topic.name();
        try {
            TimestampedWriter.write(broker, topic, target, lines, Duration.ofSeconds(sendTimeoutSeconds), "ms-import");
        } catch (TimestampedWriter.WriteException e) {
            err.println("import: " + e.getMessage());
            return FAILED;
        }
        out.printf("import: %d records from %s written to %s%n", lines.size(), input, target);
        return DONE;
    }
}
