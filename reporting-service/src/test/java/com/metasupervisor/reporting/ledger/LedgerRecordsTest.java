package com.metasupervisor.reporting.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.avro.ReportingAction;
import com.metasupervisor.avro.ReportingKind;
import com.metasupervisor.avro.ReportingStatus;
import com.metasupervisor.reporting.domain.AllocationDocument;
import com.metasupervisor.reporting.domain.DecisionFacts;
import com.metasupervisor.reporting.domain.DecisionKind;
import com.metasupervisor.reporting.domain.report.AlertLine;
import com.metasupervisor.reporting.domain.report.DecisionLine;
import com.metasupervisor.reporting.domain.report.DisabledClass;
import com.metasupervisor.reporting.domain.report.ProposalFacts;
import com.metasupervisor.reporting.domain.report.Reallocation;
import com.metasupervisor.reporting.domain.report.WeightChange;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerRecordsTest {

    private static final Instant T = Instant.parse("2026-11-30T08:00:00Z");
    private static final String NASTY = "a\"gent\n\u202E:{}\\ ⟨名⟩";

    private static DecisionFacts decision(String agent, DecisionKind kind) {
        return new DecisionFacts(agent + "@1:" + kind, agent, "arb", kind, List.of("rule: text \"quoted\""),
                Map.of("pnl_30d_bps", -12.5), T, "RANGE", false);
    }

    @Test
    void every_request_type_reads_back_equal_from_its_started_record() {
        AlertLine alert = new AlertLine(T, "div-" + NASTY + "#1", NASTY, "OPENED", "HIGH", "error 3.1 sigma");
        List<ActionRequest> requests = List.of(
                new DecisionBatchRequest(List.of(decision(NASTY, DecisionKind.KILL), decision("b", DecisionKind.PROMOTE)),
                        new AllocationDocument(Map.of(NASTY, 0.25, "b", 0.5), 0.25, "meta-supervisor allocator", T.toString(), 0.02, 0.5),
                        List.of(new DisabledClass("sentiment", T, "kill_list", "structural alpha decay")), List.of(alert)),
                new DecisionBatchRequest(List.of(decision("c", DecisionKind.RETIRE)), null, List.of(), List.of()),
                new StrategyDisableRequest(new DecisionFacts("macro@1:DISABLE_CLASS", "macro", "macro", DecisionKind.DISABLE_CLASS,
                        List.of("cvar"), Map.of("cvar_95_bps", 130.0), T, "RANGE", false), null, List.of(), List.of()),
                new PrCommentRequest("meta-supervisor/decisions-0123456789ab", alert),
                new DivergenceEmailRequest(alert),
                new DailySummaryRequest(LocalDate.of(2026, 11, 29), "Europe/London"),
                new WeeklyReportRequest(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 29), "UTC", WeeklyReportRequest.Delivery.EMAIL),
                new WebhookRequest(new DecisionLine(T, NASTY, "arb", "KILL", List.of("r"), false, "x@1:KILL"), null, null),
                new WebhookRequest(null, alert, null),
                new WebhookRequest(null, null, new Reallocation("s-2", T, "composite", "CRISIS", 0.12, "risk reduction: kill", 0.3,
                        List.of(new WeightChange(T, NASTY, 0.12, 0.0, "KILLED by governance")))),
                WebhookRequest.of(new ProposalFacts(T, "20261130T080000Z_ab12", "MANUAL_ONLY", List.of(
                        new ProposalFacts.Patch("p1", NASTY, "PENDING", List.of("r1", NASTY), null, "2", null),
                        new ProposalFacts.Patch("p2", "portfolio.leverage", "ACCEPTED_FOR_PROPOSAL", List.of(), "1", "3", "2")),
                        null)));
        for (ActionRequest request : requests) {
            ReportingAction started = LedgerRecords.started(request, T);
            assertThat(started.getStatus()).isEqualTo(ReportingStatus.STARTED);
            assertThat(started.getKind()).isEqualTo(request.kind());
            assertThat(started.getActionKey()).isEqualTo(request.actionKey());
            assertThat(LedgerRecords.request(started)).as(request.getClass().getSimpleName()).isEqualTo(request);
        }
    }

    @Test
    void outcome_records_keep_key_kind_and_request() {
        ActionRequest request = new DivergenceEmailRequest(new AlertLine(T, "a#1", "a", "ESCALATED", "HIGH", "m"));
        ReportingAction started = LedgerRecords.started(request, T);
        ReportingAction done = LedgerRecords.done(started, "<id@host>", null, 2, T.plusSeconds(3));
        assertThat(done.getStatus()).isEqualTo(ReportingStatus.DONE);
        assertThat(done.getReference()).isEqualTo("<id@host>");
        assertThat(done.getAttempts()).isEqualTo(2);
        assertThat(LedgerRecords.request(done)).isEqualTo(request);
        ReportingAction failed = LedgerRecords.failed(started, "x".repeat(5_000), 5, T.plusSeconds(9));
        assertThat(failed.getStatus()).isEqualTo(ReportingStatus.FAILED);
        assertThat(failed.getDetail()).hasSizeLessThan(2_100);
        assertThat(failed.getKind()).isEqualTo(ReportingKind.EMAIL);
    }

    @Test
    void keys_are_derived_from_content_and_long_parts_are_hashed() {
        AlertLine alert = new AlertLine(T, "x".repeat(500), "a", "OPENED", "HIGH", "m");
        String key = new DivergenceEmailRequest(alert).actionKey();
        assertThat(key).startsWith("email:alert:sha256-").endsWith(":OPENED").hasSizeLessThan(100);
        assertThat(new DivergenceEmailRequest(alert).actionKey()).isEqualTo(key);
        assertThat(new WeeklyReportRequest(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 29), "UTC",
                WeeklyReportRequest.Delivery.FILE).actionKey()).isEqualTo("pdf:weekly:2026-11-23");
    }

    @Test
    void a_part_with_the_separator_or_over_200_utf8_bytes_is_hashed_and_plain_parts_are_kept() {
        assertThat(ActionKeys.of("email", "alert", "agent-a#1", "OPENED")).isEqualTo("email:alert:agent-a#1:OPENED");
        assertThat(ActionKeys.of("k", "a:b", "c")).as("no two splits of one text share a key")
                .isNotEqualTo(ActionKeys.of("k", "a", "b:c"))
                .isEqualTo("k:sha256-" + ActionKeys.sha256("a:b") + ":c");
        assertThat(ActionKeys.of("k", "x".repeat(200))).isEqualTo("k:" + "x".repeat(200));
        assertThat(ActionKeys.of("k", "x".repeat(201))).isEqualTo("k:sha256-" + ActionKeys.sha256("x".repeat(201)));
        String cjk = "名".repeat(67); // 67 characters, 201 bytes of UTF-8
        assertThat(ActionKeys.of("k", cjk)).isEqualTo("k:sha256-" + ActionKeys.sha256(cjk));
        assertThat(ActionKeys.of("k", "名".repeat(66))).isEqualTo("k:" + "名".repeat(66));
        String lookalike = "sha256-" + ActionKeys.sha256("other:"); // what the part "other:" becomes
        assertThat(ActionKeys.of("k", lookalike)).as("a part cannot pass for another's hash")
                .isNotEqualTo(ActionKeys.of("k", "other:"))
                .isNotEqualTo("k:" + lookalike);
        assertThat(new WebhookRequest(new DecisionLine(T, "a", "arb", "KILL", List.of("r"), false, "a@1:KILL"), null, null).actionKey())
                .isEqualTo("webhook:decision:sha256-" + ActionKeys.sha256("a@1:KILL"));
        assertThat(WebhookRequest.of(new ProposalFacts(T, "20261130T080000Z_ab12", "BOUNDED_AUTO", List.of(), null)).actionKey())
                .isEqualTo("webhook:proposal:20261130T080000Z_ab12");
    }

    @Test
    void a_request_over_the_size_limit_is_refused_naming_its_key_and_its_size() {
        AlertLine fits = new AlertLine(T, "a#1", "a", "OPENED", "HIGH", "m".repeat(LedgerRecords.MAX_REQUEST_BYTES - 200));
        assertThat(LedgerRecords.requestBytes(new DivergenceEmailRequest(fits))).isLessThanOrEqualTo(LedgerRecords.MAX_REQUEST_BYTES);
        assertThat(LedgerRecords.started(new DivergenceEmailRequest(fits), T).getRequest()).hasSizeGreaterThan(899_000);

        // 300 000 characters, 900 000 bytes of UTF-8: bytes are what the broker counts
        DivergenceEmailRequest over = new DivergenceEmailRequest(new AlertLine(T, "a#2", "a", "OPENED", "HIGH", "名".repeat(300_000)));
        int bytes = LedgerRecords.requestBytes(over);
        assertThat(bytes).isGreaterThan(LedgerRecords.MAX_REQUEST_BYTES);
        assertThatThrownBy(() -> LedgerRecords.started(over, T)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(over.actionKey()).hasMessageContaining(Integer.toString(bytes))
                .hasMessageContaining(Integer.toString(LedgerRecords.MAX_REQUEST_BYTES));
    }

    @Test
    void a_record_without_a_readable_request_is_refused_naming_its_key() {
        ReportingAction bare = ReportingAction.newBuilder().setActionKey("k1").setKind(ReportingKind.EMAIL)
                .setStatus(ReportingStatus.STARTED).setAt(T).build();
        assertThatThrownBy(() -> LedgerRecords.request(bare)).hasMessageContaining("k1").hasMessageContaining("no request");
        bare.setRequest("{\"type\":\"nope\"}");
        assertThatThrownBy(() -> LedgerRecords.request(bare)).hasMessageContaining("k1").hasMessageContaining("unreadable");
        assertThatThrownBy(() -> new WebhookRequest(null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookRequest(null, null, null, null)).isInstanceOf(IllegalArgumentException.class);
        ProposalFacts proposal = new ProposalFacts(T, "p", "MANUAL_ONLY", List.of(), null);
        AlertLine alert = new AlertLine(T, "a#1", "a", "OPENED", "HIGH", "m");
        assertThatThrownBy(() -> new WebhookRequest(null, alert, null, proposal)).isInstanceOf(IllegalArgumentException.class);
        // a record written before proposals existed (no "proposal" property) still reads
        ReportingAction old = LedgerRecords.started(new WebhookRequest(null, alert, null), T);
        old.setRequest(old.getRequest().replace(",\"proposal\":null", ""));
        assertThat(old.getRequest()).doesNotContain("proposal");
        assertThat(LedgerRecords.request(old)).isEqualTo(new WebhookRequest(null, alert, null));
    }
}
