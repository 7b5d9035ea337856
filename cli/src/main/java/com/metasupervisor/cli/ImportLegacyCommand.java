package com.metasupervisor.cli;

import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.configrepo.ConfigRepositoryException;
import com.metasupervisor.configrepo.ProposedChange;
import com.metasupervisor.configrepo.PullRequest;
import com.metasupervisor.configrepo.files.ConfigFileException;
import com.metasupervisor.configrepo.files.ConfigFileProblem;
import com.metasupervisor.configrepo.files.KillList;
import com.metasupervisor.configrepo.files.ManifestEntry;
import com.metasupervisor.configrepo.files.ManifestFile;
import com.metasupervisor.configrepo.localgit.LocalGitRepository;
import com.metasupervisor.schemas.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.common.serialization.Deserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ms import-legacy}: the old Python system's files into the product. Its reconciled rows become
 * {@code alpha.reconciled} rows ({@link LegacyReconciledRow}); its manifest and kill list, checked by config-repo's
 * parsers, are committed to a local-git config repository. Everything is read and checked before anything is written.
 */
@Command(name = "import-legacy",
        description = {"Imports the old Python system's reconciled rows, manifest and kill list.",
                "alpha/reconciled.jsonl becomes ReconciledAlpha rows on alpha.reconciled (each (event, horizon) once: repeated rows",
                "and rows already on the topic are skipped; a stable event id is derived where a row has none; record time =",
                "matured_at). agents/manifest.yaml and meta_supervisor/kill_list.yaml are checked (every problem with file, line,",
                "key) and committed to a local-git config repository: a new one is created with them on the base branch; an",
                "existing one gets them on a branch import/legacy-<hash> for a person to merge (the base branch is never written).",
                "Exit status: 0 imported, 1 a bad or missing file, or Kafka, the registry or the repository failed, 2 usage."})
final class ImportLegacyCommand implements Callable<Integer> {

    static final int DONE = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    @Option(names = "--reconciled", paramLabel = "<file>", description = "The old alpha/reconciled.jsonl.")
    Path reconciled;

    @Option(names = "--manifest", paramLabel = "<file>", description = "The old agents/manifest.yaml.")
    Path manifest;

    @Option(names = "--kill-list", paramLabel = "<file>", description = "The old meta_supervisor/kill_list.yaml.")
    Path killList;

    @Option(names = "--config-repo", paramLabel = "<path>", description = "The local-git config repository (created when absent).")
    Path configRepo;

    @Option(names = "--base-branch", paramLabel = "<branch>", defaultValue = "main", description = "Its base branch (now ${DEFAULT-VALUE}).")
    String baseBranch;

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
        if (reconciled == null && manifest == null && killList == null) {
            err.println("import-legacy: nothing to import: give --reconciled, --manifest and/or --kill-list");
            return USAGE;
        }
        if ((manifest != null || killList != null) && configRepo == null) {
            err.println("import-legacy: --manifest and --kill-list go into a config repository: give --config-repo");
            return USAGE;
        }
        // 1. read and check everything
        Map<String, String> repoFiles = new LinkedHashMap<>();
        Map<String, String> classByAgent = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        try {
            if (manifest != null) {
                String text = Files.readString(manifest, StandardCharsets.UTF_8);
                try {
                    for (ManifestEntry entry : ManifestFile.parse(manifest.toString(), text).agents()) {
                        classByAgent.put(entry.agent(), entry.strategyClass());
                    }
                    repoFiles.put(ManifestFile.PATH, text);
                } catch (ConfigFileException e) {
                    e.problems().stream().map(ConfigFileProblem::toString).forEach(problems::add);
                }
            }
            if (killList != null) {
                String text = Files.readString(killList, StandardCharsets.UTF_8);
                try {
                    KillList.parse(killList.toString(), text);
                    repoFiles.put(KillList.PATH, text);
                } catch (ConfigFileException e) {
                    e.problems().stream().map(ConfigFileProblem::toString).forEach(problems::add);
                }
            }
        } catch (IOException e) {
            err.println("import-legacy: cannot read " + e.getMessage());
            return FAILED;
        }
        List<TopicRecordLine> rows = List.of();
        int duplicates = 0;
        if (reconciled != null) {
            try {
                List<ReconciledAlpha> read = JsonLinesFile.read(reconciled, row -> LegacyReconciledRow.fromLegacy(row, classByAgent));
                Set<String> seen = new HashSet<>();
                List<TopicRecordLine> unique = new ArrayList<>(read.size());
                for (ReconciledAlpha row : read) {
                    // one row per (event, horizon): the old file could hold a row twice (a re-run of reconcile.py)
                    if (seen.add(rowId(row))) {
                        unique.add(new TopicRecordLine(row.getAgent(), row.getMaturedAt().toEpochMilli(), row));
                    }
                }
                duplicates = read.size() - unique.size();
                rows = unique;
            } catch (IOException e) {
                err.println("import-legacy: cannot read " + reconciled + ": " + e.getMessage());
                return FAILED;
            } catch (JsonLinesFile.BadLinesException e) {
                e.problems().forEach(problems::add);
            }
        }
        if (!problems.isEmpty()) {
            err.println("import-legacy: " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ", nothing was imported:");
            problems.forEach(p -> err.println("  " + p));
            return FAILED;
        }
        // 2. the rows not on the topic yet, then the files
        if (!rows.isEmpty()) {
            int before = rows.size();
            try {
                Set<String> onTopic = rowsOnTopic(rows);
                rows = rows.stream().filter(line -> !onTopic.contains(rowId((ReconciledAlpha) line.value()))).toList();
                TimestampedWriter.write(broker, Topics.ALPHA_RECONCILED, Topics.ALPHA_RECONCILED.name(), rows,
                        Duration.ofSeconds(sendTimeoutSeconds), "ms-import-legacy");
            } catch (TimestampedWriter.WriteException e) {
                err.println("import-legacy: " + e.getMessage());
                return FAILED;
            } catch (RuntimeException e) {
                err.println("import-legacy: reading " + Topics.ALPHA_RECONCILED.name() + " at " + broker.bootstrapServers + " failed: "
                        + e.getMessage());
                return FAILED;
            }
            List<String> skipped = new ArrayList<>();
            if (duplicates > 0) {
                skipped.add(duplicates + " repeated in the file");
            }
            if (before > rows.size()) {
                skipped.add((before - rows.size()) + " already on " + Topics.ALPHA_RECONCILED.name());
            }
            out.printf("import-legacy: %d reconciled rows written to %s%s%n", rows.size(), Topics.ALPHA_RECONCILED.name(),
                    skipped.isEmpty() ? "" : " (skipped: " + String.join(", ", skipped) + ")");
        } else if (reconciled != null) {
            out.printf("import-legacy: %s holds no rows%n", reconciled);
        }
        if (!repoFiles.isEmpty()) {
            try {
                out.println("import-legacy: " + commit(repoFiles));
            } catch (ConfigRepositoryException | IllegalArgumentException | IOException e) {
                err.println("import-legacy: the config repository at " + configRepo + ": " + e.getMessage());
                return FAILED;
            }
        }
        return DONE;
    }

    /** A reconciled row's identity: one row per (event, horizon) (SPEC §2). */
    private static String rowId(ReconciledAlpha row) {
        return row.getAgent() + "\u0000" + row.getEventId() + "\u0000" + row.getHorizonHours();
    }

    /**
     * The identities of the rows of these agents already on alpha.reconciled (an earlier import, or the new system's own
     * reconciliation of the same event): a second run of the import writes nothing twice. The topic is keyed by agent, so
     * only those agents' records are decoded.
     */
    private Set<String> rowsOnTopic(List<TopicRecordLine> rows) {
        Set<String> agents = new HashSet<>();
        rows.forEach(line -> agents.add(line.key()));
        Set<String> onTopic = new HashSet<>();
        try (Deserializer<ReconciledAlpha> values = Topics.ALPHA_RECONCILED.valueSerde(broker.registry()).deserializer()) {
            CommittedRecords.read(broker, "ms-import-legacy", Topics.ALPHA_RECONCILED.name(), null, record -> {
                if (record.value() == null || !agents.contains(record.key())) {
                    return;
                }
                try {
                    onTopic.add(rowId(values.deserialize(record.topic(), record.value())));
                } catch (RuntimeException e) {
                    // bytes that do not decode are no row of anyone's (the topic's readers dead-letter them)
                }
            });
        }
        return onTopic;
    }

    /** A new repository gets the files as its first commit; an existing one a branch for review. Says what it did. */
    private String commit(Map<String, String> files) throws IOException {
        boolean fresh = !Files.exists(configRepo) || (Files.isDirectory(configRepo) && isEmpty(configRepo));
        if (fresh) {
            try (LocalGitRepository repo = LocalGitRepository.init(configRepo, baseBranch, files)) {
                return String.join(", ", files.keySet()) + " committed to a new config repository " + configRepo.toAbsolutePath().normalize()
                        + " on " + baseBranch + " (" + repo.baseHead() + ")";
            }
        }
        try (LocalGitRepository repo = LocalGitRepository.open(configRepo, baseBranch)) {
            String branch = "import/legacy-" + digest(files);
            PullRequest pr = repo.propose(new ProposedChange(branch, "Import the old system's manifest and kill list",
                    "Imported by `./ms import-legacy` from the old Python system's files, checked by the product's parsers:\n"
                            + String.join("\n", files.keySet().stream().map(f -> "- `" + f + "`").toList()) + "\n", files));
            return String.join(", ", files.keySet()) + (pr.created() ? " proposed on " : " already proposed on ") + pr.url()
                    + " (merge it into " + baseBranch + ")";
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** 12 hex digits of SHA-256 over the files: the same files give the same branch, so a re-run finds it. */
    private static String digest(Map<String, String> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.forEach((path, text) -> {
                sha.update(path.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(text.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
