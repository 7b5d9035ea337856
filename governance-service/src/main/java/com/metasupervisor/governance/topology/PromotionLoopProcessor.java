package com.metasupervisor.governance.topology;

import com.metasupervisor.avro.ConfigPatch;
import com.metasupervisor.avro.PatchDecision;
import com.metasupervisor.avro.PatchEvaluation;
import com.metasupervisor.avro.PromotionMode;
import com.metasupervisor.avro.PromotionProposal;
import com.metasupervisor.governance.promotion.PromotionLoopSettings;
import com.metasupervisor.governance.domain.promotion.CycleProposal;
import com.metasupervisor.governance.domain.promotion.EvaluatedPatch;
import com.metasupervisor.governance.domain.promotion.LoopMode;
import com.metasupervisor.governance.domain.promotion.PatchSubmission;
import com.metasupervisor.governance.domain.promotion.PatchTag;
import com.metasupervisor.governance.promotion.PromotionCycleRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the valid config patches received since the last cycle and, every {@code governance.promotion-loop.interval}
 * of wall clock, runs one promotion cycle over them ({@link PromotionCycleRunner}: the proposal folder, then
 * bounded_auto's overrides), publishes the proposal keyed by its id and forgets the patches.
 *
 * <ul>
 *   <li>Nothing pending: no cycle (no empty proposal on every tick).</li>
 *   <li>No candidate among them (e.g. only DRAFT patches): no proposal; they are forgotten all the same.</li>
 *   <li>Mode disabled: no file and no proposal; the pending patches are dropped each cycle (logged once).</li>
 *   <li>The file system refuses a write: ERROR logged, nothing published, the patches stay pending for the next
 *   cycle (a proposal exists only with its folder).</li>
 * </ul>
 */
final class PromotionLoopProcessor implements Processor<String, ConfigPatch, String, PromotionProposal> {

    private static final Logger LOG = LoggerFactory.getLogger(PromotionLoopProcessor.class);

    static final String PENDING = "governance-pending-patches";

    private final PromotionLoopSettings settings;
    private final Clock clock;
    private final PromotionCycleRunner runner;
    private ProcessorContext<String, PromotionProposal> context;
    private KeyValueStore<String, ConfigPatch> pending;
    private boolean droppingLogged;

    PromotionLoopProcessor(PromotionLoopSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.runner = new PromotionCycleRunner(settings.policy(), Path.of(settings.outputDir()), Path.of(settings.liveOverridesPath()));
    }

    @Override
    public void init(ProcessorContext<String, PromotionProposal> context) {
        this.context = context;
        this.pending = context.getStateStore(PENDING);
        context.schedule(settings.interval(), PunctuationType.WALL_CLOCK_TIME, at -> cycle());
    }

    /** A valid patch (the validation step let it through): its latest version waits for the next cycle. */
    @Override
    public void process(Record<String, ConfigPatch> record) {
        ConfigPatch patch = record.value();
        pending.put(patch.getPatchId(), patch);
    }

    private void cycle() {
        List<String> ids = new ArrayList<>();
        List<PatchSubmission> patches = new ArrayList<>();
        try (KeyValueIterator<String, ConfigPatch> all = pending.all()) {
            while (all.hasNext()) {
                KeyValue<String, ConfigPatch> entry = all.next();
                ids.add(entry.key);
                patches.add(submission(entry.value));
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        if (settings.loopMode() == LoopMode.DISABLED) {
            if (!droppingLogged) {
                LOG.info("promotion loop disabled (governance.promotion-loop.mode): config patches are dropped each cycle, "
                        + "no proposal is written or published ({} dropped now; said once)", ids.size());
                droppingLogged = true;
            }
            ids.forEach(pending::delete);
            return;
        }
        Instant now = clock.instant();
        PromotionCycleRunner.CycleReport report;
        try {
            report = runner.run(now, patches);
        } catch (IOException | UncheckedIOException e) {
            LOG.error("promotion cycle at {} failed writing its files ({} patches stay pending for the next cycle): {}",
                    now, ids.size(), e.toString(), e);
            return;
        }
        if (report.proposal().isPresent()) {
            CycleProposal proposal = report.proposal().get();
            PromotionProposal value = proposalRecord(proposal, report.directory().map(Path::toString).orElse(null));
            context.forward(new Record<>(proposal.id(), value, now.toEpochMilli()));
        } else {
            LOG.info("promotion cycle at {}: no candidate among {} pending patches, no proposal", now, ids.size());
        }
        ids.forEach(pending::delete);
    }

    /** The domain's view of a patch; refuses what the promotion loop cannot take (the validation step's contract). */
    static PatchSubmission submission(ConfigPatch patch) {
        return new PatchSubmission(patch.getPatchId(), patch.getTarget(), patch.getOldValue(), patch.getNewValue(), patch.getStatus(),
                patch.getEligibleForLive());
    }

    /** The governance.proposals record of a proposal materialised in {@code outputPath}. */
    static PromotionProposal proposalRecord(CycleProposal proposal, String outputPath) {
        List<PatchEvaluation> items = new ArrayList<>();
        for (EvaluatedPatch e : proposal.items()) {
            items.add(PatchEvaluation.newBuilder()
                    .setPatchId(e.patch().id())
                    .setTarget(e.patch().target())
                    .setTags(e.tags().stream().map(PatchTag::label).toList())
                    .setDecision(PatchDecision.valueOf(e.outcome().name()))
                    .setReasons(e.reasons())
                    .setOldValue(e.patch().oldValue())
                    .setNewValue(e.patch().newValue())
                    .setAppliedValue(e.appliedValue() == null ? null : e.appliedValue().toPlainString())
                    .build());
        }
        return PromotionProposal.newBuilder()
                .setProposalId(proposal.id())
                .setMode(PromotionMode.valueOf(proposal.mode().name()))
                .setCreatedAt(proposal.createdAt())
                .setItems(items)
                .setOutputPath(outputPath)
                .build();
    }
}
