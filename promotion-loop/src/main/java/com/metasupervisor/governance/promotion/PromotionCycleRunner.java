package com.metasupervisor.governance.promotion;

import com.metasupervisor.governance.domain.promotion.CycleProposal;
import com.metasupervisor.governance.domain.promotion.LoopMode;
import com.metasupervisor.governance.domain.promotion.PatchSubmission;
import com.metasupervisor.governance.domain.promotion.PromotionCycle;
import com.metasupervisor.governance.domain.promotion.PromotionPolicy;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one promotion cycle against the file system (SPEC §6), for the service and the CLI. bounded_auto reads the
 * current overrides (the step is measured from them), writes the proposal's artifacts first (the record of what is
 * about to change), then the overrides. An invalid overrides file is not overwritten: the cycle falls back to
 * manual_only and says so in the proposal's problems.
 */
public final class PromotionCycleRunner {

    private static final Logger LOG = LoggerFactory.getLogger(PromotionCycleRunner.class);

    private final PromotionPolicy policy;
    private final Path outputDir;
    private final Path overridesPath;

    public PromotionCycleRunner(PromotionPolicy policy, Path outputDir, Path overridesPath) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.outputDir = Objects.requireNonNull(outputDir, "outputDir");
        this.overridesPath = Objects.requireNonNull(overridesPath, "overridesPath");
    }

    /**
     * @param proposal  the cycle's proposal; empty when disabled or without candidates
     * @param directory where it was materialised
     * @param problems  warnings of the cycle
     */
    public record CycleReport(Optional<CycleProposal> proposal, Optional<Path> directory, List<String> problems) {
        public CycleReport {
            problems = List.copyOf(problems);
        }
    }

    public CycleReport run(Instant now, List<PatchSubmission> patches) throws IOException {
        List<String> problems = new ArrayList<>();
        PromotionPolicy effective = policy;
        Map<String, BigDecimal> live = Map.of();
        if (policy.mode() == LoopMode.BOUNDED_AUTO) {
            try {
                live = LiveOverridesFile.read(overridesPath);
            } catch (LiveOverridesFile.InvalidOverridesException e) {
                problems.add("bounded_auto fell back to manual_only: " + e.getMessage());
                LOG.warn("{}", problems.getLast());
                effective = policy.withMode(LoopMode.MANUAL_ONLY);
            }
        }
        Optional<CycleProposal> proposal = PromotionCycle.run(now, patches, effective, live);
        if (proposal.isEmpty()) {
            return new CycleReport(Optional.empty(), Optional.empty(), problems);
        }
        CycleProposal p = proposal.get();
        Path dir = ProposalArtifacts.write(outputDir, p, overridesPath, problems);
        if (!p.autoApplied().isEmpty()) {
            try {
                LiveOverridesFile.merge(overridesPath, p.autoApplied(), p.id(), now);
            } catch (LiveOverridesFile.InvalidOverridesException e) {
                // changed under us since the read: leave it to a person
                throw new IOException("live overrides changed during the cycle: " + e.getMessage(), e);
            }
        }
        LOG.info("promotion proposal {} ({}) in {}: {}", p.id(), p.mode().label(), dir, p.counts());
        return new CycleReport(proposal, Optional.of(dir), problems);
    }
}
