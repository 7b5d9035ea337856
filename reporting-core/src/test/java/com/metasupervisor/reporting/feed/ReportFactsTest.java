package com.metasupervisor.reporting.feed;

import static com.metasupervisor.testkit.ReconciledRowBuilder.reconciledRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.avro.AgentAllocation;
import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AlertSubjectKind;
import com.metasupervisor.avro.AlertTransition;
import com.metasupervisor.avro.AllocationChange;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.avro.GovernanceAction;
import com.metasupervisor.avro.GovernanceDecision;
import com.metasupervisor.avro.PatchDecision;
import com.metasupervisor.avro.PatchEvaluation;
import com.metasupervisor.avro.PolicyLedger;
import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.avro.PromotionMode;
import com.metasupervisor.avro.PromotionProposal;
import com.metasupervisor.avro.Severity;
import com.metasupervisor.avro.StrategyState;
import com.metasupervisor.avro.StrategyStatus;
import com.metasupervisor.reporting.domain.report.AgentStatsFact;
import com.metasupervisor.reporting.domain.report.AlertLine;
import com.metasupervisor.reporting.domain.report.AllocationPoint;
import com.metasupervisor.reporting.domain.report.DecisionLine;
import com.metasupervisor.reporting.domain.report.PolicyFact;
import com.metasupervisor.reporting.domain.report.PolicyLine;
import com.metasupervisor.reporting.domain.report.ProposalFacts;
import com.metasupervisor.reporting.domain.report.ProposalLine;
import com.metasupervisor.reporting.domain.report.ReconciledRowFact;
import com.metasupervisor.reporting.domain.report.ReportHistory;
import com.metasupervisor.reporting.domain.report.ReportPeriod;
import com.metasupervisor.reporting.domain.report.StrategyStatusFact;
import com.metasupervisor.reporting.domain.report.WeeklyReport;
import com.metasupervisor.reporting.domain.report.WeightChange;
import com.metasupervisor.schemas.Topic;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each input record's fact, from Avro records built as their producers build them. */
class ReportFactsTest {

    private static final Instant AT = Instant.parse("2026-03-03T10:15:00Z");
    private static final String NASTY = "agent\n‮<b>*x*</b> $(rm -rf) ";

    static AllocationSnapshot snapshot(Instant asOf, String id, Map<String, Double> weights, double cash, List<AllocationChange> changes) {
        return AllocationSnapshot.newBuilder().setSnapshotId(id).setPolicy("composite")
                .setAllocations(weights.entrySet().stream().map(e -> AgentAllocation.newBuilder().setAgent(e.getKey())
                        .setWeight(e.getValue()).setPolicy("composite").setAsOf(asOf).setSnapshotId(id).build()).toList())
                .setCash(cash).setMinAllocation(0.01).setMaxAllocation(0.5).setRegime("TREND").setRegimeMultiplier(1)
                .setGuardianPaused(false).setSource("meta-supervisor allocator").setReasonForPublish("max delta")
                .setAsOf(asOf).setChanges(changes).build();
    }

    static GovernanceDecision decision(String id, String subject, GovernanceAction action, boolean dryRun, Instant at) {
        return GovernanceDecision.newBuilder().setDecisionId(id).setAgent(subject).setStrategyClass("arb").setAction(action)
                .setReasons(List.of("kill_drawdown: -650 < -500")).setDecidedAt(at).setDryRun(dryRun).build();
    }

    static Alert alert(String id, AlertTransition transition, Instant at) {
        return Alert.newBuilder().setAlertId(id).setSubject(NASTY).setSubjectKind(AlertSubjectKind.AGENT).setKind("DIVERGENCE")
                .setTransition(transition).setSeverity(Severity.HIGH).setAction("REDUCE_ALLOC_AND_BLOCK_PROMOTION")
                .setOpenedAt(at).setAt(at).setMessage("mean error 40 bps > 25").build();
    }

    static StrategyStatus status(String strategyClass, StrategyState state, Instant at) {
        return StrategyStatus.newBuilder().setStrategyClass(strategyClass).setStatus(state)
                .setReasons(state == StrategyState.DISABLED ? List.of("class_drawdown: -300 < -250") : List.of())
                .setUpdatedAt(at).setSource("decision").build();
    }

    static AgentStats stats(String agent, int horizon, Double sharpe, Instant at) {
        return AgentStats.newBuilder().setAgent(agent).setStrategyClass("arb").setHorizonHours(horizon).setN(10)
                .setPnl7dBps(1).setPnl30dBps(2).setPnlSumBps(3).setSharpe30d(sharpe).setMaxDrawdown30dBps(-4)
                .setErrorRate(0).setConfidenceMultiplier(1).setUpdatedAt(at).build();
    }

    static PolicyLedger ledger(String policy, boolean active, Instant at) {
        return PolicyLedger.newBuilder().setPolicy(policy).setActive(active).setCumulativePnlBps(12.5).setSharpe(null)
                .setMaxDrawdownBps(-3).setTurnover(0.75).setWeightChanges(4).setRows(120).setDays(9).setCash(0.1)
                .setUpdatedAt(at).build();
    }

    static PatchEvaluation patch(String id, String target, PatchDecision decision, String oldValue, String newValue) {
        return PatchEvaluation.newBuilder().setPatchId(id).setTarget(target).setTags(List.of("leverage"))
                .setDecision(decision).setReasons(List.of("within bounds", NASTY)).setOldValue(oldValue)
                .setNewValue(newValue).setAppliedValue(null).build();
    }

    static PromotionProposal proposal(String id, Instant at, PatchEvaluation... items) {
        return PromotionProposal.newBuilder().setProposalId(id).setMode(PromotionMode.MANUAL_ONLY).setCreatedAt(at)
                .setItems(List.of(items)).setOutputPath("reports/live_promotion/" + id + "/").build();
    }

    @Test
    void aReconciledRowKeepsAgentClassHorizonTimePnlAndHit() {
        ReconciledRowFact row = ReportFacts.row(reconciledRow().agent(NASTY).strategy("mm").horizonHours(4).maturedAt(AT)
                .realizedBps(-12.5).build());

        assertThat(row).isEqualTo(new ReconciledRowFact(NASTY, "mm", 4, AT, -12.5, false));
        assertThat(ReportFacts.row(reconciledRow().realizedBps(3).build()).hit()).isTrue();
    }

    @Test
    void anAllocationKeepsItsWeightsAboveZeroCashAndChangesDatedAtItsTime() {
        AllocationSnapshot s = snapshot(AT, "s7", Map.of("a", 0.5, "b", 0.0, NASTY, 0.25), 0.25,
                List.of(new AllocationChange("b", 0.2, 0.0, "KILLED by governance"), new AllocationChange("a", 0.3, 0.5, "score")));

        var fact = ReportFacts.allocation(s);

        assertThat(fact.point()).isEqualTo(new AllocationPoint(AT, "s7", Map.of("a", 0.5, NASTY, 0.25), 0.25));
        assertThat(fact.changes()).containsExactly(new WeightChange(AT, "b", 0.2, 0.0, "KILLED by governance"),
                new WeightChange(AT, "a", 0.3, 0.5, "score"));
    }

    @Test
    void anAllocationWithAWeightOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> ReportFacts.allocation(snapshot(AT, "bad", Map.of("a", 1.5), 0, List.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decisionsStatusesAlertsStatsAndLedgersMapFieldForField() {
        assertThat(ReportFacts.decision(decision("b@1:KILL", "b", GovernanceAction.KILL, true, AT)))
                .isEqualTo(new DecisionLine(AT, "b", "arb", "KILL", List.of("kill_drawdown: -650 < -500"), true, "b@1:KILL"));
        assertThat(ReportFacts.strategyStatus(status("mm", StrategyState.DISABLED, AT))).isEqualTo(new StrategyStatusFact(
                "mm", StrategyStatusFact.Status.DISABLED, AT, "decision", List.of("class_drawdown: -300 < -250")));
        assertThat(ReportFacts.strategyStatus(status("mm", StrategyState.ACTIVE, AT)).status())
                .isEqualTo(StrategyStatusFact.Status.ACTIVE);
        assertThat(ReportFacts.alert(alert("al1", AlertTransition.ESCALATED, AT)))
                .isEqualTo(new AlertLine(AT, "al1", NASTY, "ESCALATED", "HIGH", "mean error 40 bps > 25"));
        assertThat(ReportFacts.agentStats(stats("a", 24, 1.25, AT))).isEqualTo(new AgentStatsFact("a", "arb", 24, 1.25, AT));
        assertThat(ReportFacts.agentStats(stats("a", 24, null, AT)).sharpe30d()).isNull();
        assertThat(ReportFacts.policy(ledger("composite", true, AT)))
                .isEqualTo(new PolicyFact(new PolicyLine("composite", true, 12.5, null, -3, 0.75, 4, 120, 9), AT));
    }

    @Test
    void aProposalCountsItsPatchesPerDecisionAndKeepsEachPatchFieldForField() {
        PromotionProposal p = proposal("20260303T101500Z_ab12", AT,
                patch("p1", "portfolio.leverage", PatchDecision.ACCEPTED_FOR_PROPOSAL, "1.0", "1.5"),
                patch("p2", NASTY, PatchDecision.REJECTED_BY_POLICY, null, "x"),
                patch("p3", "risk.max_dd", PatchDecision.ACCEPTED_FOR_PROPOSAL, "0.2", "0.25"));

        assertThat(ReportFacts.proposal(p)).isEqualTo(new ProposalLine(AT, "20260303T101500Z_ab12", "MANUAL_ONLY", 3,
                Map.of("ACCEPTED_FOR_PROPOSAL", 2, "REJECTED_BY_POLICY", 1), "reports/live_promotion/20260303T101500Z_ab12/"));
        ProposalFacts facts = ReportFacts.proposalFacts(p);
        assertThat(facts.patches()).containsExactly(
                new ProposalFacts.Patch("p1", "portfolio.leverage", "ACCEPTED_FOR_PROPOSAL", List.of("within bounds", NASTY),
                        "1.0", "1.5", null),
                new ProposalFacts.Patch("p2", NASTY, "REJECTED_BY_POLICY", List.of("within bounds", NASTY), null, "x", null),
                new ProposalFacts.Patch("p3", "risk.max_dd", "ACCEPTED_FOR_PROPOSAL", List.of("within bounds", NASTY),
                        "0.2", "0.25", null));
        // the counts list in one order (by decision) whatever order the patches came in
        assertThat(ReportFacts.proposal(p).decisions().keySet()).containsExactly("ACCEPTED_FOR_PROPOSAL", "REJECTED_BY_POLICY");
        // a cycle that evaluated nothing is a proposal of 0 patches
        assertThat(ReportFacts.proposal(proposal("empty", AT)).patches()).isZero();
        assertThat(ReportFacts.proposal(proposal("empty", AT)).decisions()).isEmpty();
    }

    @Test
    void ofDispatchesEveryInputTypeAndSkipsTombstonesAndOtherTypes() {
        assertThat(ReportFacts.TOPICS).extracting(Topic::name).containsExactly("alpha.reconciled", "allocations",
                "allocations.shadow", "governance.decisions", "governance.strategy-status", "alerts", "risk.agent-stats",
                "governance.proposals");
        assertThat(ReportFacts.of(proposal("pp", AT))).containsInstanceOf(ProposalLine.class);
        assertThat(ReportFacts.of(reconciledRow().build())).containsInstanceOf(ReconciledRowFact.class);
        assertThat(ReportFacts.of(snapshot(AT, "s", Map.of(), 1, List.of()))).get().extracting(f -> f.getClass().getSimpleName())
                .isEqualTo("AllocationFact");
        assertThat(ReportFacts.of(ledger("p", false, AT))).containsInstanceOf(PolicyFact.class);
        assertThat(ReportFacts.of(decision("d", "a", GovernanceAction.HOLD, false, AT))).containsInstanceOf(DecisionLine.class);
        assertThat(ReportFacts.of(status("c", StrategyState.ACTIVE, AT))).containsInstanceOf(StrategyStatusFact.class);
        assertThat(ReportFacts.of(alert("x", AlertTransition.OPENED, AT))).containsInstanceOf(AlertLine.class);
        assertThat(ReportFacts.of(stats("a", 24, 1.0, AT))).containsInstanceOf(AgentStatsFact.class);
        assertThat(ReportFacts.of(null)).isEmpty();
        assertThat(ReportFacts.of(PriceTick.newBuilder().setSymbol("BTC").setTs(AT).setPrice(1).build())).isEqualTo(Optional.empty());
    }

    @Test
    void mappedRecordsMakeAReport() {
        ReportHistory history = new ReportHistory(24, 30);
        List.of(snapshot(Instant.parse("2026-03-02T00:00:00Z"), "s1", Map.of("a", 0.5), 0.5, List.of()),
                        reconciledRow().agent("a").maturedAt(AT).realizedBps(8).build(),
                        reconciledRow().eventId("e2").agent("a").horizonHours(4).maturedAt(AT).realizedBps(800).build(),
                        decision("a@1:PROMOTE", "a", GovernanceAction.PROMOTE, false, AT),
                        alert("al1", AlertTransition.OPENED, AT), stats("a", 24, 2.0, AT), ledger("composite", true, AT),
                        status("mm", StrategyState.DISABLED, AT))
                .forEach(r -> ReportFacts.of(r).ifPresent(history::apply));

        LocalDate monday = LocalDate.parse("2026-03-02");
        WeeklyReport report = history.weekly(new ReportPeriod(monday, monday, monday.plusDays(6), ZoneOffset.UTC), AT);

        assertThat(report.week().cumulativePnlBps()).isEqualTo(4.0); // 8 × 0.5; the 4 h row is not read
        assertThat(report.agents()).singleElement().satisfies(a -> {
            assertThat(a.sharpe30d()).isEqualTo(2.0);
            assertThat(a.status()).isEqualTo("LIVE");
            assertThat(a.weight()).isEqualTo(0.5);
        });
        assertThat(report.alerts()).extracting(AlertLine::subject).containsExactly(NASTY);
        assertThat(report.policies()).extracting(PolicyLine::policy).containsExactly("composite");
        assertThat(report.disabled()).extracting(d -> d.strategyClass()).containsExactly("mm");
    }
}
