package com.metasupervisor.allocator.topology;

import com.metasupervisor.allocator.config.AllocatorSettings;
import com.metasupervisor.allocator.domain.AgentFigures;
import com.metasupervisor.allocator.domain.AgentWeight;
import com.metasupervisor.allocator.domain.Allocation;
import com.metasupervisor.allocator.domain.AllocationPolicy;
import com.metasupervisor.allocator.domain.Bound;
import com.metasupervisor.allocator.domain.Exclusion;
import com.metasupervisor.allocator.domain.ExclusionKind;
import com.metasupervisor.allocator.domain.LedgerFigures;
import com.metasupervisor.allocator.domain.Lifecycle;
import com.metasupervisor.allocator.domain.PaperLedger;
import com.metasupervisor.allocator.domain.PolicyName;
import com.metasupervisor.allocator.domain.Publication;
import com.metasupervisor.allocator.domain.RegimeView;
import com.metasupervisor.avro.AgentAllocation;
import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.AllocationBound;
import com.metasupervisor.avro.AllocationChange;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.avro.PolicyLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The allocator's records of the catalog and the domain values they carry: AgentStats → AgentFigures, a published
 * {@link Allocation} ↔ AllocationSnapshot (the held allocation is stored as the snapshot it was published as),
 * a PaperLedger → PolicyLedger.
 */
public final class AllocationRecords {

    /** {@code source} of every snapshot. */
    public static final String SOURCE = "meta-supervisor allocator";
    /** The regime source of an allocation read back from a stored snapshot (the snapshot keeps only regime and multiplier). */
    static final String RESTORED_REGIME_SOURCE = "held snapshot";
    /** The reason the domain gives an agent without risk.agent-stats (design §2): tells NO_FIGURES from STRATEGY_DISABLED on restore. */
    static final String NO_FIGURES_REASON = "no risk.agent-stats yet";

    private AllocationRecords() {
    }

    /** The figures the policies read; the domain refuses figures that are not finite (the record is then skipped). */
    public static AgentFigures figures(AgentStats s) {
        return new AgentFigures(s.getStrategyClass(), s.getN(), s.getPnl7dBps(), s.getPnl30dBps(), s.getPnlSumBps(),
                s.getSharpe30d(), s.getWinrate30d(), s.getHitRate(), s.getMaxDrawdown30dBps(), s.getErrorRate(),
                s.getAvgAbsErrorBps(), s.getConfidenceMultiplier());
    }

    /** The snapshot of a publication; {@code snapshotId} and {@code previousId} (null for the first) name it and the one it replaces. */
    public static AllocationSnapshot snapshot(Publication publication, String snapshotId, String previousId, int horizonHours) {
        Allocation a = publication.allocation();
        Instant asOf = Instant.ofEpochMilli(a.asOf());
        List<AgentAllocation> agents = new ArrayList<>(a.agents().size());
        for (AgentWeight w : a.agents().values()) {
            agents.add(agent(w, a.policy(), asOf, snapshotId));
        }
        List<AllocationChange> changes = publication.changes().stream()
                .map(c -> new AllocationChange(c.agent(), c.from(), c.to(), c.reason())).toList();
        return AllocationSnapshot.newBuilder()
                .setSnapshotId(snapshotId)
                .setPolicy(a.policy().id())
                .setAllocations(agents)
                .setCash(a.cash())
                .setMinAllocation(a.minApplied())
                .setMaxAllocation(a.maxAllocation())
                .setRegime(a.regime().regime())
                .setRegimeMultiplier(a.regime().multiplier())
                .setGuardianPaused(a.guardianPaused())
                .setSource(SOURCE)
                .setReasonForPublish(publication.reason())
                .setWarnings(new ArrayList<>(a.warnings()))
                .setAsOf(asOf)
                .setTurnover(publication.turnover())
                .setChanges(new ArrayList<>(changes))
                .setPreviousSnapshotId(previousId)
                .setHorizonHours(horizonHours)
                .build();
    }

    /**
     * One agent's record. {@code excluded_reason} is the exclusion's reason as the domain words it; its kind is
     * read back from the other fields ({@link #exclusionKind}).
     */
    public static AgentAllocation agent(AgentWeight w, PolicyName policy, Instant asOf, String snapshotId) {
        return AgentAllocation.newBuilder()
                .setAgent(w.agent())
                .setWeight(w.weight())
                .setRawScore(w.rawScore())
                .setMultipliers(new LinkedHashMap<>(w.multipliers()))
                .setExcludedReason(w.exclusion() == null ? null : w.exclusion().reason())
                .setPolicy(policy.id())
                .setAsOf(asOf)
                .setSnapshotId(snapshotId)
                .setStrategyClass(w.strategyClass())
                .setStatus(w.status() == null ? null : w.status().name())
                .setBound(AllocationBound.valueOf(w.bound().name()))
                .setTargetWeight(w.targetWeight())
                .setPreviousWeight(w.previousWeight())
                .setHysteresisHeld(w.hysteresisHeld())
                .setExplanation(w.explanation())
                .build();
    }

    /** The allocation a stored snapshot was published as (the held allocation of its policy, after a restart). */
    public static Allocation allocation(AllocationSnapshot s, AllocatorSettings settings) {
        PolicyName policy = PolicyName.of(s.getPolicy());
        AllocationPolicy rules = AllocationPolicy.of(policy, settings);
        TreeMap<String, AgentWeight> agents = new TreeMap<>();
        for (AgentAllocation a : s.getAllocations()) {
            Lifecycle status = a.getStatus() == null ? null : Lifecycle.valueOf(a.getStatus());
            Exclusion exclusion = a.getExcludedReason() == null ? null
                    : new Exclusion(exclusionKind(status, a.getRawScore(), a.getExcludedReason()), a.getExcludedReason());
            agents.put(a.getAgent(), new AgentWeight(a.getAgent(), a.getStrategyClass(), status, a.getWeight(), a.getTargetWeight(),
                    a.getPreviousWeight(), a.getRawScore(), new LinkedHashMap<>(a.getMultipliers()), Bound.valueOf(a.getBound().name()),
                    a.getHysteresisHeld(), exclusion, a.getExplanation()));
        }
        return new Allocation(policy, agents, s.getCash(), rules.minAllocation(), rules.maxAllocation(), s.getMinAllocation(),
                new RegimeView(s.getRegime(), s.getRegimeMultiplier(), RESTORED_REGIME_SOURCE), s.getGuardianPaused(),
                List.copyOf(s.getWarnings()), s.getAsOf().toEpochMilli());
    }

    /**
     * The kind of a stored exclusion, from the eligibility order (design §2): a status other than LIVE (or none) is
     * checked first; a gate is the only exclusion with a raw score; of the two others, no figures has its fixed reason.
     */
    static ExclusionKind exclusionKind(Lifecycle status, Double rawScore, String reason) {
        if (status != Lifecycle.LIVE) {
            return ExclusionKind.STATUS;
        }
        if (rawScore != null) {
            return ExclusionKind.GATE;
        }
        return NO_FIGURES_REASON.equals(reason) ? ExclusionKind.NO_FIGURES : ExclusionKind.STRATEGY_DISABLED;
    }

    /** A policy's paper results as published on allocations.shadow; {@code updatedAt} is event time. */
    public static PolicyLedger ledger(PolicyName policy, boolean active, PaperLedger ledger, long updatedAt) {
        LedgerFigures f = ledger.figures();
        Map<String, Double> weights = new TreeMap<>();
        ledger.weights().forEach((agent, w) -> {
            if (w > 0) {
                weights.put(agent, w);
            }
        });
        return PolicyLedger.newBuilder()
                .setPolicy(policy.id())
                .setActive(active)
                .setCumulativePnlBps(f.cumulativePnlBps())
                .setSharpe(f.sharpe())
                .setMaxDrawdownBps(f.maxDrawdownBps())
                .setTurnover(f.turnover())
                .setWeightChanges(f.weightChanges())
                .setRows(f.rows())
                .setDays(f.days())
                .setWeights(new LinkedHashMap<>(weights))
                .setCash(ledger.cash())
                .setFirstRowAt(f.firstRowAt() == null ? null : Instant.ofEpochMilli(f.firstRowAt()))
                .setLastRowAt(f.lastRowAt() == null ? null : Instant.ofEpochMilli(f.lastRowAt()))
                .setUpdatedAt(Instant.ofEpochMilli(updatedAt))
                .build();
    }
}
