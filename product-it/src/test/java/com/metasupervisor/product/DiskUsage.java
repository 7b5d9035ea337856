package com.metasupervisor.product;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Acceptance 5: the data directory's size as {@code du} gives it, allocated ({@code du -s -B1}: what the disk holds;
 * Kafka preallocates its index files sparse, so apparent sizes overstate them) and apparent ({@code du -sb}), for the
 * whole directory and each top-level entry.
 *
 * @param allocated path (the directory itself first) -> allocated bytes
 * @param apparent  path -> apparent bytes
 */
record DiskUsage(Map<String, Long> allocated, Map<String, Long> apparent, Map<String, Long> brokerTopics) {

    /** How many of the largest topics (all their partitions' directories under broker/logs) the report lists. */
    static final int LARGEST_TOPICS = 12;

    static DiskUsage of(Path dir) throws IOException, InterruptedException {
        Map<String, Long> allocated = new LinkedHashMap<>();
        Map<String, Long> apparent = new LinkedHashMap<>();
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.sorted().toList();
        }
        allocated.put(dir.getFileName() + "/", du(dir, "-B1"));
        apparent.put(dir.getFileName() + "/", du(dir, "-b"));
        for (Path entry : entries) {
            String name = dir.getFileName() + "/" + entry.getFileName();
            allocated.put(name, du(entry, "-B1"));
            apparent.put(name, du(entry, "-b"));
        }
        return new DiskUsage(allocated, apparent, largestTopics(dir.resolve("broker/logs")));
    }

    /** Allocated bytes per topic under Kafka's log directory (partition directories {@code <topic>-<n>}), largest first. */
    private static Map<String, Long> largestTopics(Path logs) throws IOException, InterruptedException {
        Map<String, Long> byTopic = new java.util.HashMap<>();
        if (!Files.isDirectory(logs)) {
            return Map.of();
        }
        List<Path> partitions;
        try (Stream<Path> list = Files.list(logs)) {
            partitions = list.filter(p -> Files.isDirectory(p) && p.getFileName().toString().matches(".+-\\d+")).toList();
        }
        for (Path partition : partitions) {
            String name = partition.getFileName().toString();
            byTopic.merge(name.substring(0, name.lastIndexOf('-')), du(partition, "-B1"), Long::sum);
        }
        Map<String, Long> largest = new LinkedHashMap<>();
        byTopic.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(LARGEST_TOPICS)
                .forEach(e -> largest.put(e.getKey(), e.getValue()));
        return largest;
    }

    private static long du(Path path, String unit) throws IOException, InterruptedException {
        Process du = new ProcessBuilder("du", "-s", unit, path.toString()).redirectErrorStream(true).start();
        String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!du.waitFor(60, TimeUnit.SECONDS)) {
            du.destroyForcibly();
            throw new IOException("du -s " + unit + " " + path + " did not finish");
        }
        // its total is the last line, also when it could not read an entry (exit 1 with a message before it)
        String[] lines = out.split("\n");
        String last = lines[lines.length - 1];
        if (!last.matches("\\d+\\s.*")) {
            throw new IOException("du -s " + unit + " " + path + ": " + out);
        }
        return Long.parseLong(last.split("\\s+")[0]);
    }

    static String human(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        return String.format(java.util.Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
