package com.metasupervisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./ms promotion-cycle} end to end on a temporary directory (issue 12 acceptance 4: the CLI). */
class PromotionCycleCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path patches(String... lines) throws IOException {
        return Files.writeString(dir.resolve("patches.jsonl"), String.join("\n", lines) + "\n");
    }

    @Test
    void boundedAutoMaterialisesOneProposalAndWritesTheClampedStepToTheOverrides() throws IOException {
        Path file = patches(
                "{\"patch_id\":\"p1\",\"target\":\"portfolio.leverage\",\"old_value\":\"1.0\",\"new_value\":\"1.8\",\"status\":\"APPLIED_OFFLINE\",\"eligible_for_live\":true}",
                "{\"patch_id\":\"p2\",\"target\":\"portfolio.leverage_cap\",\"old_value\":\"2\",\"new_value\":\"5.0\",\"status\":\"PROMOTED\",\"eligible_for_live\":true}",
                "{\"patch_id\":\"p3\",\"target\":\"signals.trigger_delay\",\"old_value\":\"5\",\"new_value\":\"7\",\"status\":\"APPLIED_OFFLINE\"}",
                "",
                "{\"patch_id\":\"p4\",\"target\":\"macro.regime_weight\",\"new_value\":\"0.5\",\"status\":\"DRAFT\",\"eligible_for_live\":true}");
        Path out = dir.resolve("proposals");
        Path overrides = dir.resolve("live").resolve("auto.toml");

        CommandRun run = CommandRun.of("promotion-cycle", "--patches", file.toString(), "--auto-apply-mode", "bounded_auto",
                "--output-dir", out.toString(), "--live-overrides-path", overrides.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<Path> proposals;
        try (Stream<Path> listed = Files.list(out)) {
            proposals = listed.toList();
        }
        assertThat(proposals).hasSize(1);
        Path proposal = proposals.getFirst();
        assertThat(proposal.getFileName().toString()).matches("\\d{8}T\\d{6}Z_[0-9a-f]{8}");
        assertThat(run.out()).contains("proposal " + proposal.getFileName() + " (bounded_auto) in " + proposal)
                .contains("auto-applied portfolio.leverage = 1.25 to " + overrides);
        JsonNode meta = JSON.readTree(proposal.resolve("proposal_meta.json").toFile());
        assertThat(meta.get("mode").asText()).isEqualTo("bounded_auto");
        JsonNode counts = meta.get("counts_by_decision");
        assertThat(counts.get("ACCEPTED_FOR_PROPOSAL").asInt()).isEqualTo(1);
        assertThat(counts.get("REJECTED_BY_SANITY_CHECK").asInt()).isEqualTo(1); // leverage 5.0 > 3.0
        assertThat(counts.get("REJECTED_BY_POLICY").asInt()).isEqualTo(1);       // not eligible for live
        JsonNode patchesJson = JSON.readTree(proposal.resolve("config_patches.json").toFile());
        assertThat(patchesJson.toString()).contains("p1", "p2", "p3").doesNotContain("p4"); // a DRAFT is no candidate
        assertThat(Files.readString(proposal.resolve("OPERATOR_CHECKLIST.md"))).contains("portfolio.leverage");
        // one step of 0.25 from the live 1.0 towards 1.8, written as a TOML number under [auto_applied]
        JsonNode toml = new TomlMapper().readTree(overrides.toFile());
        assertThat(toml.get("auto_applied").get("portfolio.leverage").decimalValue()).isEqualByComparingTo("1.25");
        assertThat(toml.get("auto_applied").size()).isEqualTo(1);
        JsonNode p1 = item(patchesJson, "p1");
        assertThat(p1.get("decision").asText()).isEqualTo("ACCEPTED_FOR_PROPOSAL");
        assertThat(item(patchesJson, "p2").get("decision").asText()).isEqualTo("REJECTED_BY_SANITY_CHECK");
        assertThat(item(patchesJson, "p3").get("decision").asText()).isEqualTo("REJECTED_BY_POLICY");
    }

    /** The entry of {@code patchId} in config_patches.json, wherever the array sits. */
    private static JsonNode item(JsonNode patchesJson, String patchId) {
        JsonNode found = patchesJson.findParents("patch_id").stream().filter(n -> n.get("patch_id").asText().equals(patchId))
                .findFirst().orElse(null);
        assertThat(found).as("config_patches.json entry %s in %s", patchId, patchesJson).isNotNull();
        return found;
    }

    @Test
    void aSecondBoundedAutoCycleStepsOnFromTheOverridesItWrote() throws IOException {
        Path file = patches(
                "{\"patch_id\":\"p1\",\"target\":\"portfolio.leverage\",\"old_value\":\"1.0\",\"new_value\":\"1.8\",\"status\":\"APPLIED_OFFLINE\",\"eligible_for_live\":true}");
        Path overrides = dir.resolve("auto.toml");
        String[] args = {"promotion-cycle", "--patches", file.toString(), "--auto-apply-mode", "bounded_auto",
                "--output-dir", dir.resolve("proposals").toString(), "--live-overrides-path", overrides.toString()};

        assertThat(CommandRun.of(args).exitCode()).isZero();
        CommandRun second = CommandRun.of(args);

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("auto-applied portfolio.leverage = 1.5");
        assertThat(new TomlMapper().readTree(overrides.toFile()).get("auto_applied").get("portfolio.leverage").decimalValue())
                .isEqualByComparingTo("1.5");
    }

    @Test
    void aMissingPatchesFileFailsNamingIt() {
        Path missing = dir.resolve("nope.jsonl");

        CommandRun run = CommandRun.of("promotion-cycle", "--patches", missing.toString(), "--output-dir", dir.resolve("o").toString());

        assertThat(run.exitCode()).isEqualTo(PromotionCycleCommand.FAILED);
        assertThat(run.err()).contains("promotion-cycle: --patches " + missing + ": no such file");
        assertThat(dir.resolve("o")).doesNotExist();
    }

    @Test
    void disabledMakesNoProposalAndWritesNothing() throws IOException {
        Path file = patches("{\"patch_id\":\"p1\",\"target\":\"portfolio.leverage\",\"old_value\":\"1.0\",\"new_value\":\"1.5\",\"status\":\"APPLIED_OFFLINE\",\"eligible_for_live\":true}");
        Path out = dir.resolve("proposals");

        CommandRun run = CommandRun.of("promotion-cycle", "--patches", file.toString(), "--auto-apply-mode", "disabled",
                "--output-dir", out.toString(), "--live-overrides-path", dir.resolve("auto.toml").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("no proposal (disabled, 1 patches read)");
        assertThat(out).doesNotExist();
        assertThat(dir.resolve("auto.toml")).doesNotExist();
    }

    @Test
    void anUnknownModeIsAUsageErrorNamingTheOption() throws IOException {
        CommandRun run = CommandRun.of("promotion-cycle", "--patches", patches("").toString(), "--auto-apply-mode", "yolo");

        assertThat(run.exitCode()).isEqualTo(PromotionCycleCommand.USAGE);
        assertThat(run.err()).startsWith("promotion-cycle: --auto-apply-mode: ").contains("yolo");
    }

    @Test
    void aBadPatchLineFailsNamingTheFileAndLine() throws IOException {
        Path file = patches(
                "{\"patch_id\":\"p1\",\"target\":\"portfolio.leverage\",\"new_value\":\"1.5\",\"status\":\"APPLIED_OFFLINE\"}",
                "{\"patch_id\":\"p2\",\"target\":\"portfolio.leverage\",\"status\":\"APPLIED_OFFLINE\"}",
                "not json");

        CommandRun run = CommandRun.of("promotion-cycle", "--patches", file.toString(), "--output-dir", dir.resolve("o").toString());

        assertThat(run.exitCode()).isEqualTo(PromotionCycleCommand.FAILED);
        assertThat(run.err()).contains(file + " line 2: missing new_value");
        assertThat(dir.resolve("o")).doesNotExist();
    }
}
