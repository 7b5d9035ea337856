package com.metasupervisor.product;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a soak run measured and checked, written as {@code product-it/target/soak/report.md}. */
final class SoakReport {

    private final SoakSettings settings;
    private final Instant started = Instant.now();
    private final Map<String, String> figures = new LinkedHashMap<>();
    private final List<SoakKill> kills = new ArrayList<>();
    private final List<SoakCheck> checks = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private DiskUsage disk;

    SoakReport(SoakSettings settings) {
        this.settings = settings;
    }

    void figure(String name, String value) {
        figures.put(name, value);
    }

    void kill(SoakKill kill) {
        kills.add(kill);
    }

    void check(SoakCheck check) {
        checks.add(check);
    }

    void note(String note) {
        notes.add(note);
    }

    void disk(DiskUsage usage) {
        this.disk = usage;
    }

    List<SoakKill> kills() {
        return List.copyOf(kills);
    }

    List<SoakCheck> failed() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Soak: ./ms run under load, every process SIGKILLed in turn (issue 15, acceptance 2-5)\n\n");
        md.append("Started ").append(started).append(", ").append(settings.events()).append(" alpha events for ")
                .append(settings.agents()).append(" agents (").append(SoakFeed.STRATEGY_CLASSES.size()).append(" strategy classes, ")
                .append(SoakFeed.REGIMES.size()).append(" regimes in 1-hour episodes, ").append(SoakFeed.SYMBOLS)
                .append(" symbols), paced at ").append(settings.rate()).append(" events/s with one price tick per event, seed ")
                .append(settings.seed()).append(". Data directory `").append(settings.dataDir()).append("`, logs `")
                .append(settings.runDir()).append("`. Checks: ").append(checks.size() - failed().size()).append(" of ")
                .append(checks.size()).append(" passed.\n\n");
        md.append("## Figures\n\n| figure | value |\n|---|---|\n");
        figures.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("\n## Kills (SIGKILL while the feed runs; times from the kill)\n\n").append(SoakKill.tableHeader()).append('\n');
        kills.forEach(k -> md.append(k.tableRow()).append('\n'));
        md.append("\n\"Lag caught up\": every service's consumer lag (last stable offset − committed offset over the partitions its "
                + "application has committed) at most ").append(settings.caughtUpLag()).append(" records, about one second of feed.\n");
        md.append("\n## Checks\n\n| check | result | figures |\n|---|---|---|\n");
        checks.forEach(c -> md.append(c.tableRow()).append('\n'));
        if (disk != null) {
            md.append("\n## Data directory at the end (after the clean stop)\n\n| path | allocated (du -s -B1) | apparent (du -sb) |\n|---|---|---|\n");
            disk.allocated().forEach((path, bytes) -> md.append("| `").append(path).append("` | ").append(bytes).append(" (")
                    .append(DiskUsage.human(bytes)).append(") | ").append(disk.apparent().get(path)).append(" (")
                    .append(DiskUsage.human(disk.apparent().get(path))).append(") |\n"));
        }
        if (disk != null && !disk.brokerTopics().isEmpty()) {
            md.append("\nLargest topics under `broker/logs` (allocated, every partition, internal topics included):\n\n| topic | allocated |\n|---|---|\n");
            disk.brokerTopics().forEach((topic, bytes) -> md.append("| `").append(topic).append("` | ").append(DiskUsage.human(bytes)).append(" |\n"));
        }
        if (!notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    void write() throws IOException {
        Files.createDirectories(settings.reportFile().getParent());
        Files.writeString(settings.reportFile(), markdown(), StandardCharsets.UTF_8);
    }
}
