package com.metasupervisor.governance.promotion;

import com.metasupervisor.streams.files.AtomicFileWrite;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.metasupervisor.governance.domain.promotion.CycleProposal;
import com.metasupervisor.governance.domain.promotion.EvaluatedPatch;
import com.metasupervisor.governance.domain.promotion.LoopMode;
import com.metasupervisor.governance.domain.promotion.PatchTag;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Materialises a proposal in {@code <output-dir>/<proposal id>/} (SPEC §6): proposal_meta.json, config_patches.json
 * (Jackson) and OPERATOR_CHECKLIST.md, each written atomically. Re-running the same cycle rewrites the same files.
 */
public final class ProposalArtifacts {

    public static final String META = "proposal_meta.json";
    public static final String PATCHES = "config_patches.json";
    public static final String CHECKLIST = "OPERATOR_CHECKLIST.md";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ProposalArtifacts() {
    }

    /**
     * @param overridesPath the auto.toml bounded_auto writes (named in the meta and the checklist)
     * @param problems      warnings of the cycle (e.g. an invalid overrides file), recorded in the meta
     * @return the proposal's directory
     */
    public static Path write(Path outputDir, CycleProposal proposal, Path overridesPath, List<String> problems)
            throws IOException {
        Path dir = outputDir.resolve(proposal.id());
        AtomicFileWrite.replace(dir.resolve(META), JSON.writeValueAsBytes(meta(proposal, dir, overridesPath, problems)));
        AtomicFileWrite.replace(dir.resolve(PATCHES), JSON.writeValueAsBytes(patches(proposal)));
        AtomicFileWrite.replace(dir.resolve(CHECKLIST),
                OperatorChecklist.render(proposal, overridesPath).getBytes(StandardCharsets.UTF_8));
        return dir;
    }

    private static Map<String, Object> meta(CycleProposal p, Path dir, Path overridesPath, List<String> problems) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("proposal_id", p.id());
        meta.put("mode", p.mode().label());
        meta.put("created_at", p.createdAt().toString());
        meta.put("output_path", dir.toString());
        meta.put("candidate_count", p.items().size());
        Map<String, Integer> counts = new LinkedHashMap<>();
        p.counts().forEach((outcome, n) -> counts.put(outcome.name(), n));
        meta.put("counts_by_decision", counts);
        meta.put("accepted_patch_ids", p.accepted().stream().map(e -> e.patch().id()).toList());
        meta.put("auto_applied", plain(p.autoApplied()));
        meta.put("live_overrides_path", p.mode() == LoopMode.BOUNDED_AUTO ? overridesPath.toString() : null);
        meta.put("problems", List.copyOf(problems));
        meta.put("files", List.of(META, PATCHES, CHECKLIST));
        return meta;
    }

    private static Map<String, Object> patches(CycleProposal p) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (EvaluatedPatch e : p.items()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("patch_id", e.patch().id());
            row.put("target", e.patch().target());
            row.put("old_value", e.patch().oldValue());
            row.put("new_value", e.patch().newValue());
            row.put("status", e.patch().status());
            row.put("eligible_for_live", e.patch().eligibleForLive());
            row.put("tags", e.tags().stream().map(PatchTag::label).toList());
            row.put("decision", e.outcome().name());
            row.put("reasons", e.reasons());
            row.put("applied_value", e.appliedValue() == null ? null : e.appliedValue().toPlainString());
            rows.add(row);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("proposal_id", p.id());
        doc.put("patches", rows);
        return doc;
    }

    private static Map<String, String> plain(Map<String, BigDecimal> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v.toPlainString()));
        return out;
    }
}
