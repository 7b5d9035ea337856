package com.metasupervisor.governance.topology;

import com.metasupervisor.testkit.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.metasupervisor.avro.ConfigPatch;
import com.metasupervisor.avro.PatchDecision;
import com.metasupervisor.avro.PatchEvaluation;
import com.metasupervisor.avro.PromotionMode;
import com.metasupervisor.avro.PromotionProposal;
import com.metasupervisor.governance.promotion.PromotionLoopSettings;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.streams.deadletter.DeadLetter;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import com.metasupervisor.testkit.TopologyDriver;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promotion loop on TopologyTestDriver (registry-free serdes): patches wait in the pending store, a cycle runs
 * every interval of wall clock, one proposal per cycle on governance.proposals with its folder on disk, pending
 * cleared; invalid patches dead-lettered; disabled drops; a failed write keeps the patches for the next cycle.
 */
class PromotionLoopTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-30T06:00:00Z");
    private static final Duration INTERVAL = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(T0);
    private TopologyDriver topology;
    private TestInputTopic<String, ConfigPatch> patches;
    private TestOutputTopic<String, PromotionProposal> proposals;

    @AfterEach
    void close() {
        if (topology != null) {
            topology.close();
        }
    }

    private Path outputDir() {
        return dir.resolve("reports/live_promotion");
    }

    private Path overrides() {
        return dir.resolve("config/live_overrides/auto.toml");
    }

    private void start(String mode) {
        PromotionLoopSettings settings = PromotionLoopSettings.defaults();
        PromotionLoopSettings s = new PromotionLoopSettings(mode, INTERVAL, settings.leverageHardLimit(), settings.leverageMin(),
                settings.leverageMax(), settings.leverageMaxStep(), settings.triggerDelayMin(), settings.triggerDelayMax(),
                settings.triggerDelayMaxStep(), settings.macroWeightMin(), settings.macroWeightMax(), settings.macroWeightMaxStep(),
                outputDir().toString(), overrides().toString());
        topology = TopologyDriver.start("governance-promotion-test", T0,
                (builder, deadLetters) -> PromotionLoopTopology.add(builder, TopologyDriver.SERDES, s, clock, deadLetters));
        patches = topology.input(Topics.GOVERNANCE_CONFIG_PATCHES);
        proposals = topology.output(Topics.GOVERNANCE_PROPOSALS);
    }

    private static ConfigPatch patch(String id, String target, String oldValue, String newValue, String status, boolean eligible) {
        return ConfigPatch.newBuilder().setPatchId(id).setTarget(target).setOldValue(oldValue).setNewValue(newValue).setStatus(status)
                .setEligibleForLive(eligible).setCreatedAt(T0).setSource("learning-loop").build();
    }

    private void send(ConfigPatch... values) {
        for (ConfigPatch p : values) {
            patches.pipeInput(new TestRecord<>(p.getPatchId(), p, clock.instant()));
        }
    }

    /** The wall clock of the driver and the service's clock move together. */
    private void advance(Duration d) {
        clock.advance(d);
        topology.driver().advanceWallClockTime(d);
    }

    private List<String> pendingIds() {
        try (KeyValueIterator<String, ConfigPatch> all = topology.<ConfigPatch>store(PromotionLoopTopology.PENDING_PATCHES_STORE).all()) {
            List<String> ids = new java.util.ArrayList<>();
            all.forEachRemaining(kv -> ids.add(kv.key));
            return ids;
        }
    }

    private static Map<String, PatchEvaluation> byPatch(PromotionProposal p) {
        return p.getItems().stream().collect(Collectors.toMap(PatchEvaluation::getPatchId, Function.identity()));
    }

    private List<Path> proposalFolders() throws IOException {
        if (!Files.exists(outputDir())) {
            return List.of();
        }
        try (Stream<Path> listed = Files.list(outputDir())) {
            return listed.sorted().toList();
        }
    }

    @Test
    void patchesWaitForTheIntervalThenOneProposalCarriesEveryDecisionAndThePendingStoreIsCleared() throws IOException {
        start("manual_only");
        send(patch("lev", "portfolio.leverage", "1.0", "1.6", "APPLIED_OFFLINE", true),
                patch("insane", "portfolio.leverage_cap", "2", "5.0", "PROMOTED", true),
                patch("policy", "execution.venue", "a", "b", "APPLIED_OFFLINE", false),
                patch("w1", "strategy.window", "10", "20", "APPLIED_OFFLINE", true),
                patch("w2", "strategy.window", "10", "30", "APPLIED_OFFLINE", true),
                patch("draft", "macro.regime_weight", "0.2", "0.3", "DRAFT", true),
                // the latest record of a patch id is the one evaluated
                patch("lev", "portfolio.leverage", "1.0", "1.75", "APPLIED_OFFLINE", true));

        advance(INTERVAL.minusSeconds(1));
        assertThat(proposals.isEmpty()).isTrue();
        assertThat(pendingIds()).containsExactlyInAnyOrder("lev", "insane", "policy", "w1", "w2", "draft");

        advance(Duration.ofSeconds(1));
        List<KeyValue<String, PromotionProposal>> published = proposals.readKeyValuesToList();
        assertThat(published).hasSize(1);
        PromotionProposal p = published.getFirst().value;
        Instant cycleAt = T0.plus(INTERVAL);
        assertThat(published.getFirst().key).isEqualTo(p.getProposalId()).startsWith("20261130T061000Z_");
        assertThat(p.getMode()).isEqualTo(PromotionMode.MANUAL_ONLY);
        assertThat(p.getCreatedAt()).isEqualTo(cycleAt);
        Map<String, PatchEvaluation> items = byPatch(p);
        assertThat(items).containsOnlyKeys("lev", "insane", "policy", "w1", "w2"); // a DRAFT is no candidate
        assertThat(items.get("lev").getDecision()).isEqualTo(PatchDecision.ACCEPTED_FOR_PROPOSAL);
        assertThat(items.get("lev").getNewValue()).isEqualTo("1.75");
        assertThat(items.get("lev").getOldValue()).isEqualTo("1.0");
        assertThat(items.get("lev").getTags()).containsExactly("leverage", "risk");
        assertThat(items.get("lev").getAppliedValue()).isNull();
        assertThat(items.get("insane").getDecision()).isEqualTo(PatchDecision.REJECTED_BY_SANITY_CHECK);
        assertThat(items.get("policy").getDecision()).isEqualTo(PatchDecision.REJECTED_BY_POLICY);
        assertThat(items.get("w1").getDecision()).isEqualTo(PatchDecision.PENDING);
        assertThat(items.get("w2").getDecision()).isEqualTo(PatchDecision.PENDING);
        assertThat(items.values()).allSatisfy(e -> assertThat(e.getReasons()).isNotEmpty());
        assertThat(String.join(" ", items.get("insane").getReasons())).contains("3");

        Path folder = outputDir().resolve(p.getProposalId());
        assertThat(p.getOutputPath()).isEqualTo(folder.toString());
        assertThat(proposalFolders()).containsExactly(folder);
        JsonNode meta = JSON.readTree(folder.resolve("proposal_meta.json").toFile());
        assertThat(meta.get("proposal_id").asText()).isEqualTo(p.getProposalId());
        assertThat(meta.get("counts_by_decision").get("PENDING").asInt()).isEqualTo(2);
        assertThat(meta.get("accepted_patch_ids")).extracting(JsonNode::asText).containsExactly("lev");
        assertThat(JSON.readTree(folder.resolve("config_patches.json").toFile()).toString()).contains("1.75").doesNotContain("draft");
        assertThat(Files.readString(folder.resolve("OPERATOR_CHECKLIST.md"))).contains("portfolio.leverage");
        assertThat(overrides()).doesNotExist();
        assertThat(pendingIds()).isEmpty();

        // nothing new: the next interval makes no proposal
        advance(INTERVAL);
        assertThat(proposals.isEmpty()).isTrue();
        assertThat(proposalFolders()).hasSize(1);

        // a patch after that is evaluated alone in the cycle after
        send(patch("trig", "strategy.trigger_delay", "5", "7", "APPLIED_OFFLINE", true));
        advance(INTERVAL);
        PromotionProposal next = proposals.readValue();
        assertThat(byPatch(next)).containsOnlyKeys("trig");
        assertThat(next.getProposalId()).isNotEqualTo(p.getProposalId());
        assertThat(proposals.isEmpty()).isTrue();
    }

    @Test
    void boundedAutoWritesOneClampedStepToAutoTomlAndPublishesTheAppliedValue() throws IOException {
        start("bounded_auto");
        send(patch("lev", "portfolio.leverage", "1.0", "1.8", "APPLIED_OFFLINE", true),
                patch("risk", "risk.max_cvar", "100", "90", "APPLIED_OFFLINE", true));

        advance(INTERVAL);

        PromotionProposal p = proposals.readValue();
        assertThat(p.getMode()).isEqualTo(PromotionMode.BOUNDED_AUTO);
        Map<String, PatchEvaluation> items = byPatch(p);
        assertThat(items.get("lev").getAppliedValue()).isEqualTo("1.25"); // one step of 0.25 from 1.0
        assertThat(items.get("risk").getDecision()).isEqualTo(PatchDecision.ACCEPTED_FOR_PROPOSAL);
        assertThat(items.get("risk").getAppliedValue()).isNull(); // a risk-only tag is never auto-applied
        JsonNode toml = new TomlMapper().readTree(overrides().toFile());
        assertThat(toml.get("auto_applied").size()).isEqualTo(1);
        assertThat(toml.get("auto_applied").get("portfolio.leverage").decimalValue()).isEqualByComparingTo("1.25");
        JsonNode meta = JSON.readTree(outputDir().resolve(p.getProposalId()).resolve("proposal_meta.json").toFile());
        assertThat(new BigDecimal(meta.get("auto_applied").get("portfolio.leverage").asText())).isEqualByComparingTo("1.25");

        // the same patch again: the next step is measured from what auto.toml now says
        send(patch("lev", "portfolio.leverage", "1.0", "1.8", "APPLIED_OFFLINE", true));
        advance(INTERVAL);
        assertThat(byPatch(proposals.readValue()).get("lev").getAppliedValue()).isEqualTo("1.5");
        assertThat(new TomlMapper().readTree(overrides().toFile()).get("auto_applied").get("portfolio.leverage").decimalValue())
                .isEqualByComparingTo("1.5");
    }

    @Test
    void aPatchTheDomainRefusesIsDeadLetteredWithTheReasonAndNeverPending() {
        start("manual_only");
        ConfigPatch blankTarget = patch("p-bad", " ", null, "1.5", "APPLIED_OFFLINE", true);
        ConfigPatch blankId = patch(" ", "portfolio.leverage", null, "1.5", "APPLIED_OFFLINE", true);
        send(blankTarget, blankId, patch("p-good", "portfolio.leverage", "1.0", "1.5", "APPLIED_OFFLINE", true));
        patches.pipeInput(new TestRecord<>("p-gone", null, clock.instant()));

        List<TestRecord<String, ConfigPatch>> letters = topology.deadLetters(Topics.GOVERNANCE_CONFIG_PATCHES).readRecordsToList();

        assertThat(letters).extracting(TestRecord::key).containsExactly("p-bad", " ", "p-gone");
        assertThat(letters.get(0).value()).isEqualTo(blankTarget); // the record as it came
        assertThat(header(letters.get(0), DeadLetter.REASON)).isEqualTo(PromotionLoopTopology.PATCH_REFUSED);
        assertThat(header(letters.get(0), DeadLetter.DETAIL)).contains("patch target must not be blank");
        assertThat(header(letters.get(1), DeadLetter.DETAIL)).contains("patch id must not be blank");
        assertThat(header(letters.get(2), DeadLetter.REASON)).isEqualTo("missing_value");
        assertThat(pendingIds()).containsExactly("p-good");

        advance(INTERVAL);
        assertThat(byPatch(proposals.readValue())).containsOnlyKeys("p-good");
    }

    private static String header(TestRecord<String, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        assertThat(h).as("header %s", name).isNotNull();
        return new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void disabledWritesAndPublishesNothingAndDropsThePendingPatchesEachCycle() throws IOException {
        start("disabled");
        send(patch("lev", "portfolio.leverage", "1.0", "1.5", "APPLIED_OFFLINE", true));
        assertThat(pendingIds()).containsExactly("lev");

        advance(INTERVAL);
        assertThat(pendingIds()).isEmpty();

        send(patch("trig", "strategy.trigger_delay", "5", "7", "APPLIED_OFFLINE", true));
        advance(INTERVAL);

        assertThat(proposals.isEmpty()).isTrue();
        assertThat(pendingIds()).isEmpty();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void onlyNonCandidatesMakeNoProposalButAreForgotten() throws IOException {
        start("manual_only");
        send(patch("draft", "portfolio.leverage", "1.0", "1.5", "DRAFT", true));

        advance(INTERVAL);

        assertThat(proposals.isEmpty()).isTrue();
        assertThat(proposalFolders()).isEmpty();
        assertThat(pendingIds()).isEmpty();
    }

    @Test
    void aFailedWriteKeepsThePatchesPendingAndPublishesNothingUntilAWriteSucceeds() throws IOException {
        start("manual_only");
        // the output directory's parent is a file: the proposal folder cannot be created
        Files.createDirectories(dir.resolve("reports"));
        Files.writeString(dir.resolve("reports/live_promotion"), "not a directory");
        send(patch("lev", "portfolio.leverage", "1.0", "1.5", "APPLIED_OFFLINE", true));

        advance(INTERVAL);
        assertThat(proposals.isEmpty()).isTrue();
        assertThat(pendingIds()).containsExactly("lev");

        Files.delete(dir.resolve("reports/live_promotion"));
        send(patch("trig", "strategy.trigger_delay", "5", "7", "APPLIED_OFFLINE", true));
        advance(INTERVAL);

        PromotionProposal p = proposals.readValue();
        assertThat(byPatch(p)).containsOnlyKeys("lev", "trig");
        assertThat(outputDir().resolve(p.getProposalId()).resolve("proposal_meta.json")).exists();
        assertThat(pendingIds()).isEmpty();
    }

    @Test
    void theNodesAndTheStoreHaveTheNamesOfTheContract() {
        StreamsBuilder builder = new StreamsBuilder();
        PromotionLoopTopology.add(builder, TopologyDriver.SERDES, PromotionLoopSettings.defaults(), clock, DeadLetterMetrics.standalone());

        String description = builder.build().describe().toString();

        assertThat(description)
                .contains("Source: governance-config-patches (topics: [governance.config-patches])")
                .contains("Sink: validate-governance-config-patches-dlq (topic: governance.config-patches.dlq)")
                .contains("Processor: promotion-loop (stores: [governance-pending-patches])")
                .contains("Sink: governance-proposals (topic: governance.proposals)");
    }
}
