package com.metasupervisor.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON-lines file read whole and checked line by line before anything is done with it: one JSON value a line, blank
 * lines skipped; every bad line is reported (file, line, field, why), not just the first.
 */
final class JsonLinesFile {

    /** Turns one line's JSON into what the command needs, or says which field is wrong. */
    @FunctionalInterface
    interface LineReader<T> {
        T read(JsonNode line) throws JsonFieldException;
    }

    /** Bad lines, each {@code <file> line <n>: <field>: <why>}; the message lists at most the first 20. */
    static final class BadLinesException extends Exception {
        private final List<String> problems;

        BadLinesException(List<String> problems) {
            super(problems.size() + (problems.size() == 1 ? " bad line" : " bad lines") + ", nothing was written:\n"
                    + String.join("\n", problems.subList(0, Math.min(20, problems.size())))
                    + (problems.size() > 20 ? "\n... and " + (problems.size() - 20) + " more" : ""));
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }

    private JsonLinesFile() {
    }

    /** Every line of {@code file} read by {@code reader}, in file order. */
    static <T> List<T> read(Path file, LineReader<T> reader) throws IOException, BadLinesException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<T> values = new ArrayList<>(lines.size());
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = file + " line " + (i + 1) + ": ";
            try {
                values.add(reader.read(RecordJson.JSON.readTree(line)));
            } catch (JsonProcessingException e) {
                problems.add(where + "not JSON: " + e.getOriginalMessage());
            } catch (JsonFieldException e) {
                problems.add(where + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new BadLinesException(problems);
        }
        return values;
    }
}
