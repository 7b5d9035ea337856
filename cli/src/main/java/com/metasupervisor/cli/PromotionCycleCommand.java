package com.metasupervisor.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.metasupervisor.governance.promotion.PromotionLoopSettings;
import com.metasupervisor.governance.domain.promotion.CycleProposal;
import com.metasupervisor.governance.domain.promotion.PatchSubmission;
import com.metasupervisor.governance.promotion.PromotionCycleRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ms promotion-cycle --patches <file>}: one cycle of the promotion loop (SPEC §6) over config patches given as
 * JSON lines, with the loop's modes, bounds and files as governance-service runs them (PromotionLoopSettings' defaults
 * for everything these options do not set). The service runs the same cycle over {@code governance.config-patches}.
 */
@Command(name = "promotion-cycle",
        description = {"Runs one promotion-loop cycle over config patches (one JSON object a line, the fields of ConfigPatch.avsc:",
                "patch_id, target, old_value, new_value, status, eligible_for_live) and prints the proposal it made.",
                "Exit status: 0 done (with or without a proposal), 1 unreadable patches or files, 2 usage."})
final class PromotionCycleCommand implements Callable<Integer> {

    static final int DONE = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--patches", required = true, paramLabel = "<file>", description = "The config patches, one JSON object a line.")
    Path patches;

    @Option(names = "--auto-apply-mode", paramLabel = "<mode>", defaultValue = "manual_only",
            description = "disabled, manual_only or bounded_auto (now ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--output-dir", paramLabel = "<dir>", defaultValue = "reports/live_promotion",
            description = "Where the proposal is materialised, in <dir>/<proposal id>/ (now ${DEFAULT-VALUE}).")
    Path outputDir;

    @Option(names = "--live-overrides-path", paramLabel = "<file>", defaultValue = "config/live_overrides/auto.toml",
            description = "The TOML file bounded_auto writes (now ${DEFAULT-VALUE}).")
    Path liveOverridesPath;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PromotionLoopSettings settings;
        try {
            settings = PromotionLoopSettings.defaults().with(mode, outputDir.toString(), liveOverridesPath.toString());
        } catch (IllegalArgumentException e) {
            err.println("promotion-cycle: --auto-apply-mode: " + e.getMessage());
            return USAGE;
        }
        List<PatchSubmission> submissions;
        try {
            submissions = read(patches);
        } catch (NoSuchFileException e) {
            err.println("promotion-cycle: --patches " + patches + ": no such file");
            return FAILED;
        } catch (IOException e) {
            err.println("promotion-cycle: --patches " + patches + ": cannot be read (" + e + ")");
            return FAILED;
        } catch (IllegalArgumentException e) {
            err.println("promotion-cycle: " + e.getMessage());
            return FAILED;
        }
        try {
            PromotionCycleRunner.CycleReport report = new PromotionCycleRunner(settings.policy(), outputDir, liveOverridesPath)
                    .run(Instant.now(), submissions);
            report.problems().forEach(p -> err.println("promotion-cycle: warning: " + p));
            if (report.proposal().isEmpty()) {
                out.println("promotion-cycle: no proposal (" + settings.loopMode().label() + ", " + submissions.size() + " patches read)");
                return DONE;
            }
            CycleProposal p = report.proposal().get();
            out.println("proposal " + p.id() + " (" + p.mode().label() + ") in " + report.directory().orElseThrow());
            p.counts().forEach((decision, count) -> out.println("  " + decision + ": " + count));
            p.autoApplied().forEach((target, value) -> out.println("  auto-applied " + target + " = " + value + " to " + liveOverridesPath));
            return DONE;
        } catch (IOException e) {
            err.println("promotion-cycle: " + e.getMessage());
            return FAILED;
        }
    }

    /** The patches of a JSON-lines file; a bad line fails naming the file, its line and why. */
    static List<PatchSubmission> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<PatchSubmission> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = file + " line " + (i + 1) + ": ";
            try {
                JsonNode patch = JSON.readTree(line);
                if (patch == null || !patch.isObject()) {
                    throw new IllegalArgumentException(where + "not a JSON object");
                }
                out.add(new PatchSubmission(text(patch, "patch_id"), text(patch, "target"), optionalText(patch, "old_value"),
                        text(patch, "new_value"), text(patch, "status"), patch.path("eligible_for_live").asBoolean(false)));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(where + "not JSON: " + e.getOriginalMessage(), e);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException(e.getMessage().startsWith(where) ? e.getMessage() : where + e.getMessage(), e);
            }
        }
        return out;
    }

    private static String text(JsonNode patch, String field) {
        JsonNode value = patch.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value.asText();
    }

    private static String optionalText(JsonNode patch, String field) {
        JsonNode value = patch.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
