package com.metasupervisor.allocator.api;

import com.metasupervisor.avro.AgentAllocation;
import com.metasupervisor.avro.AllocationChange;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.avro.PolicyLedger;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The JSON the allocator API answers with: snake_case fields named as the Avro records' (AllocationSnapshot,
 * AgentAllocation, AllocationChange, PolicyLedger), every field present (null ones as null), timestamps as ISO-8601 text. Errors are {@code Problem}s (streams-kit).
 */
public final class AllocatorViews {

    private AllocatorViews() {
    }

    /** The published snapshot: the fields of {@code AllocationSnapshot}. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SnapshotView(String snapshotId, String policy, List<AgentAllocationView> allocations, double cash,
                               double minAllocation, double maxAllocation, String regime, double regimeMultiplier,
                               boolean guardianPaused, String source, String reasonForPublish, List<String> warnings,
                               String asOf, double turnover, List<ChangeView> changes, String previousSnapshotId,
                               int horizonHours) {

        static SnapshotView of(AllocationSnapshot s) {
            return new SnapshotView(s.getSnapshotId(), s.getPolicy(), s.getAllocations().stream().map(AgentAllocationView::of).toList(),
                    s.getCash(), s.getMinAllocation(), s.getMaxAllocation(), s.getRegime(), s.getRegimeMultiplier(),
                    s.getGuardianPaused(), s.getSource(), s.getReasonForPublish(), List.copyOf(s.getWarnings()), text(s.getAsOf()),
                    s.getTurnover(), changesOf(s), s.getPreviousSnapshotId(), s.getHorizonHours());
        }
    }

    /** One agent's allocation with its explanation: the fields of {@code AgentAllocation}. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AgentAllocationView(String agent, double weight, Double rawScore, Map<String, Double> multipliers,
                                      String excludedReason, String policy, String asOf, String snapshotId, String strategyClass,
                                      String status, String bound, Double targetWeight, Double previousWeight,
                                      boolean hysteresisHeld, String explanation) {

        static AgentAllocationView of(AgentAllocation a) {
            return new AgentAllocationView(a.getAgent(), a.getWeight(), a.getRawScore(), Map.copyOf(a.getMultipliers()),
                    a.getExcludedReason(), a.getPolicy(), text(a.getAsOf()), a.getSnapshotId(), a.getStrategyClass(), a.getStatus(),
                    a.getBound().name(), a.getTargetWeight(), a.getPreviousWeight(), a.getHysteresisHeld(), a.getExplanation());
        }
    }

    /** One agent's weight change in a publish: the fields of {@code AllocationChange}. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ChangeView(String agent, double fromWeight, double toWeight, String reason) {

        static ChangeView of(AllocationChange c) {
            return new ChangeView(c.getAgent(), c.getFromWeight(), c.getToWeight(), c.getReason());
        }
    }

    /** One publish of the history, newest first: its id, time, why, turnover, cash, regime, guardian and changes. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record HistoryEntryView(String snapshotId, String asOf, String reasonForPublish, double turnover, double cash,
                                   String regime, double regimeMultiplier, boolean guardianPaused, List<ChangeView> changes) {

        static HistoryEntryView of(AllocationSnapshot s) {
            return new HistoryEntryView(s.getSnapshotId(), text(s.getAsOf()), s.getReasonForPublish(), s.getTurnover(), s.getCash(),
                    s.getRegime(), s.getRegimeMultiplier(), s.getGuardianPaused(), changesOf(s));
        }
    }

    /** One policy's paper results and current weights: the fields of {@code PolicyLedger}. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PolicyLedgerView(String policy, boolean active, double cumulativePnlBps, Double sharpe, double maxDrawdownBps,
                                   double turnover, long weightChanges, long rows, int days, Map<String, Double> weights,
                                   double cash, String firstRowAt, String lastRowAt, String updatedAt) {

        static PolicyLedgerView of(PolicyLedger l) {
            return new PolicyLedgerView(l.getPolicy(), l.getActive(), l.getCumulativePnlBps(), l.getSharpe(), l.getMaxDrawdownBps(),
                    l.getTurnover(), l.getWeightChanges(), l.getRows(), l.getDays(), Map.copyOf(l.getWeights()), l.getCash(),
                    text(l.getFirstRowAt()), text(l.getLastRowAt()), text(l.getUpdatedAt()));
        }
    }

    private static List<ChangeView> changesOf(AllocationSnapshot s) {
        return s.getChanges().stream().map(ChangeView::of).toList();
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
