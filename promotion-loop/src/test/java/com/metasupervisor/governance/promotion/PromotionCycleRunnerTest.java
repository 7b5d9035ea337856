package com.metasupervisor.governance.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.metasupervisor.governance.domain.promotion.LoopMode;
import com.metasupervisor.governance.domain.promotion.PatchSubmission;
import com.metasupervisor.governance.domain.promotion.PromotionPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromotionCycleRunnerTest {

    private static final Instant NOW = Instant.parse("2026-11-30T04:05:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TomlMapper TOML = new TomlMapper();

    // one patch per decision, plus non-candidates and hostile text
    private static final List<PatchSubmission> PATCHES = List.of(
            new PatchSubmission("lev", "portfolio.leverage", "1.0", "2.0", "APPLIED_OFFLINE", true),
            new PatchSubmission("trig", "strategy.trigger_delay", "5", "8", "PROMOTED", true),
            new PatchSubmission("macro", "macro.regime_weight", "0.2", "0.35", "APPLIED_OFFLINE", true),
            new PatchSubmission("risk", "risk.max_cvar", "100", "90", "APPLIED_OFFLINE", true),
            new PatchSubmission("insane", "portfolio.leverage_cap", "2", "5", "APPLIED_OFFLINE", true),
            new PatchSubmission("policy", "execution.venue", "a", "b", "APPLIED_OFFLINE", false),
            new PatchSubmission("w1", "strategy.window", "10", "20", "APPLIED_OFFLINE", true),
            new PatchSubmission("w2", "strategy.window", "10", "30", "APPLIED_OFFLINE", true),
            new PatchSubmission("# [x](http://evil)\n- [x] done <b>", "notes.text", null, "*bold* `code` | cell",
                    "APPLIED_OFFLINE", true),
            new PatchSubmission("draft", "portfolio.leverage", "1", "1.5", "DRAFT", true));

    private static PromotionCycleRunner runner(LoopMode mode, Path dir) {
        return new PromotionCycleRunner(PromotionPolicy.defaults(mode), dir.resolve("reports/live_promotion"),
                dir.resolve("config/live_overrides/auto.toml"));
    }

    @Test
    void disabledWritesNothing(@TempDir Path dir) throws IOException {
        var report = runner(LoopMode.DISABLED, dir).run(NOW, PATCHES);
        assertThat(report.proposal()).isEmpty();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void manualOnlyMaterialisesTheProposalAndNoOverrides(@TempDir Path dir) throws IOException {
        var report = runner(LoopMode.MANUAL_ONLY, dir).run(NOW, PATCHES);
        String id = report.proposal().orElseThrow().id();
        Path proposalDir = report.directory().orElseThrow();
        assertThat(proposalDir).isEqualTo(dir.resolve("reports/live_promotion").resolve(id));
        assertThat(Files.exists(dir.resolve("config/live_overrides/auto.toml"))).isFalse();

        JsonNode meta = JSON.readTree(proposalDir.resolve("proposal_meta.json").toFile());
        assertThat(meta.get("proposal_id").asText()).isEqualTo(id).startsWith("20261130T040500Z_");
        assertThat(meta.get("mode").asText()).isEqualTo("manual_only");
        assertThat(meta.get("created_at").asText()).isEqualTo("2026-11-30T04:05:00Z");
        assertThat(meta.get("candidate_count").asInt()).isEqualTo(9);
        JsonNode counts = meta.get("counts_by_decision");
        assertThat(counts.get("ACCEPTED_FOR_PROPOSAL").asInt()).isEqualTo(5);
        assertThat(counts.get("REJECTED_BY_SANITY_CHECK").asInt()).isEqualTo(1);
        assertThat(counts.get("REJECTED_BY_POLICY").asInt()).isEqualTo(1);
        assertThat(counts.get("PENDING").asInt()).isEqualTo(2);
        assertThat(meta.get("auto_applied").size()).isZero();
        assertThat(meta.get("live_overrides_path").isNull()).isTrue();

        JsonNode patches = JSON.readTree(proposalDir.resolve("config_patches.json").toFile());
        assertThat(patches.get("proposal_id").asText()).isEqualTo(id);
        JsonNode lev = find(patches, "lev");
        assertThat(lev.get("decision").asText()).isEqualTo("ACCEPTED_FOR_PROPOSAL");
        assertThat(lev.get("tags")).extracting(JsonNode::asText).containsExactly("leverage", "risk");
        assertThat(lev.get("applied_value").isNull()).isTrue();
        assertThat(find(patches, "insane").get("reasons").get(0).asText()).contains("above the hard limit");
        assertThat(find(patches, "w1").get("decision").asText()).isEqualTo("PENDING");
        assertThat(find(patches, "policy").get("decision").asText()).isEqualTo("REJECTED_BY_POLICY");
        assertThat(patches.get("patches").findValuesAsText("patch_id")).doesNotContain("draft");
    }

    @Test
    void checklistListsEachAcceptedPatchAndEscapesPatchText(@TempDir Path dir) throws IOException {
        var report = runner(LoopMode.MANUAL_ONLY, dir).run(NOW, PATCHES);
        String md = Files.readString(report.directory().orElseThrow().resolve("OPERATOR_CHECKLIST.md"));
        assertThat(md).contains("### Patch lev", "### Patch trig", "### Patch macro", "### Patch risk");
        assertThat(md).contains("Apply the change through the config repository");
        assertThat(md).contains("- REJECTED_BY_POLICY: policy");
        // hostile text: no heading, link, checked box, HTML, emphasis, code or table cell survives
        assertThat(md).contains("### Patch \\# \\[x\\](http://evil) - \\[x\\] done \\<b\\>");
        assertThat(md).doesNotContain("\n- [x]").doesNotContain("<b>").doesNotContainPattern("(?<!\\\\)\\]\\(");
        assertThat(md).contains("\\*bold\\* \\`code\\` \\| cell");
    }

    @Test
    void boundedAutoWritesClampedStepsToTomlAndASecondCycleStepsOnFromThem(@TempDir Path dir) throws IOException {
        Path toml = dir.resolve("config/live_overrides/auto.toml");
        PromotionCycleRunner runner = runner(LoopMode.BOUNDED_AUTO, dir);
        var first = runner.run(NOW, PATCHES);
        JsonNode applied = TOML.readTree(toml.toFile()).get("auto_applied");
        assertThat(applied.get("portfolio.leverage").decimalValue()).isEqualByComparingTo("1.25");
        assertThat(applied.get("strategy.trigger_delay").decimalValue()).isEqualByComparingTo("7");
        assertThat(applied.get("macro.regime_weight").decimalValue()).isEqualByComparingTo("0.3");
        assertThat(applied.size()).isEqualTo(3);
        assertThat(TOML.readTree(toml.toFile()).get("meta").get("proposal_id").asText())
                .isEqualTo(first.proposal().orElseThrow().id());

        JsonNode meta = JSON.readTree(first.directory().orElseThrow().resolve("proposal_meta.json").toFile());
        assertThat(meta.get("mode").asText()).isEqualTo("bounded_auto");
        assertThat(meta.get("auto_applied").get("portfolio.leverage").asText()).isEqualTo("1.25");
        assertThat(meta.get("live_overrides_path").asText()).isEqualTo(toml.toString());
        JsonNode patches = JSON.readTree(first.directory().orElseThrow().resolve("config_patches.json").toFile());
        assertThat(find(patches, "macro").get("applied_value").asText()).isEqualTo("0.3");
        assertThat(find(patches, "risk").get("applied_value").isNull()).isTrue();
        String md = Files.readString(first.directory().orElseThrow().resolve("OPERATOR_CHECKLIST.md"));
        assertThat(md).contains("Auto-applied (bounded_auto): 1.25").contains("## Live overrides");

        // same patches an hour later: a new proposal, each value one more step from the live value
        var second = runner.run(NOW.plusSeconds(3600), PATCHES);
        assertThat(second.proposal().orElseThrow().id()).isNotEqualTo(first.proposal().orElseThrow().id())
                .startsWith("20261130T050500Z_");
        applied = TOML.readTree(toml.toFile()).get("auto_applied");
        assertThat(applied.get("portfolio.leverage").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(applied.get("strategy.trigger_delay").decimalValue()).isEqualByComparingTo("8");
        assertThat(applied.get("macro.regime_weight").decimalValue()).isEqualByComparingTo("0.35");
        try (Stream<Path> dirs = Files.list(dir.resolve("reports/live_promotion"))) {
            assertThat(dirs).hasSize(2);
        }
        // the very same cycle again rewrites its own directory, nothing more
        runner.run(NOW.plusSeconds(3600), PATCHES);
        try (Stream<Path> dirs = Files.list(dir.resolve("reports/live_promotion"))) {
            assertThat(dirs).hasSize(2);
        }
    }

    @Test
    void boundedAutoKeepsUnrelatedOverridesAndLeavesNoTempFiles(@TempDir Path dir) throws IOException {
        Path toml = dir.resolve("config/live_overrides/auto.toml");
        Files.createDirectories(toml.getParent());
        Files.writeString(toml, "[auto_applied]\n\"other.trigger_delay\" = 9.0\n\"portfolio.leverage\" = 1.9\n");
        runner(LoopMode.BOUNDED_AUTO, dir).run(NOW, PATCHES);
        JsonNode applied = TOML.readTree(toml.toFile()).get("auto_applied");
        assertThat(applied.get("other.trigger_delay").decimalValue()).isEqualByComparingTo("9");
        assertThat(applied.get("portfolio.leverage").decimalValue()).isEqualByComparingTo("2.0"); // 1.9 + ≤0.25, clamped
        try (Stream<Path> files = Files.list(toml.getParent())) {
            assertThat(files).containsExactly(toml);
        }
    }

    @Test
    void anInvalidOverridesFileIsNotOverwrittenAndTheCycleFallsBackToManualOnly(@TempDir Path dir) throws IOException {
        Path toml = dir.resolve("config/live_overrides/auto.toml");
        Files.createDirectories(toml.getParent());
        Files.writeString(toml, "[auto_applied\nbroken = ");
        var report = runner(LoopMode.BOUNDED_AUTO, dir).run(NOW, PATCHES);
        assertThat(Files.readString(toml)).isEqualTo("[auto_applied\nbroken = ");
        assertThat(report.proposal().orElseThrow().mode()).isEqualTo(LoopMode.MANUAL_ONLY);
        assertThat(report.problems()).singleElement().asString().contains("fell back to manual_only");
        JsonNode meta = JSON.readTree(report.directory().orElseThrow().resolve("proposal_meta.json").toFile());
        assertThat(meta.get("problems").get(0).asText()).contains("not valid TOML");
    }

    private static JsonNode find(JsonNode doc, String id) {
        for (JsonNode row : doc.get("patches")) {
            if (row.get("patch_id").asText().equals(id)) {
                return row;
            }
        }
        throw new AssertionError("no patch " + id);
    }
}
