package com.metasupervisor.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.avro.ReportingAction;
import com.metasupervisor.reporting.config.ExecutorSettings;
import com.metasupervisor.reporting.domain.report.AlertLine;
import com.metasupervisor.reporting.execute.LedgerExecution;
import com.metasupervisor.reporting.ledger.LedgerRecords;
import com.metasupervisor.reporting.ledger.PrCommentRequest;
import com.metasupervisor.reporting.ledger.WebhookRequest;
import com.metasupervisor.streams.api.Problem;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ledger endpoints over an executor's view, without a server (the IT calls them over HTTP). */
class LedgerControllerTest {

    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    private static final ObjectMapper JSON = ObjectMapper.getDefault();

    private final LedgerExecution ledger = new LedgerExecution(Map.of(), ExecutorSettings.defaults());
    private final LedgerController controller = new LedgerController(() -> ledger, JSON);

    private ReportingAction read(ReportingAction record, long offset) {
        ledger.read(record.getActionKey(), record, offset);
        return record;
    }

    @SuppressWarnings("unchecked")
    private static List<LedgerEntryView> body(HttpResponse<?> response) {
        assertThat(response.code()).isEqualTo(HttpStatus.OK.getCode());
        return (List<LedgerEntryView>) response.body();
    }

    @Test
    void listsTheLatestRecordOfEachActionNewestFirstFilteredAndLimited() throws Exception {
        AlertLine alert = new AlertLine(T0, "al-1", "arb", "OPENED", "HIGH", "m");
        ReportingAction webhook = read(LedgerRecords.started(new WebhookRequest(null, alert, null), T0), 0);
        ReportingAction comment = read(LedgerRecords.started(new PrCommentRequest("meta-supervisor/decisions-abc", alert), T0), 1);
        read(LedgerRecords.done(webhook, "webhook", null, 1, T0.plusSeconds(1)), 2);

        assertThat(body(controller.list(null, null, null))).extracting(LedgerEntryView::actionKey, LedgerEntryView::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(webhook.getActionKey(), "DONE"),
                        org.assertj.core.groups.Tuple.tuple(comment.getActionKey(), "STARTED"));
        assertThat(body(controller.list("STARTED", null, null))).extracting(LedgerEntryView::actionKey).containsExactly(comment.getActionKey());
        assertThat(body(controller.list(null, "WEBHOOK", null))).extracting(LedgerEntryView::actionKey).containsExactly(webhook.getActionKey());
        assertThat(body(controller.list(null, null, 1))).hasSize(1);

        LedgerEntryView done = body(controller.list("DONE", null, null)).getFirst();
        assertThat(done.reference()).isEqualTo("webhook");
        assertThat(done.at()).isEqualTo("2026-11-30T08:00:01Z");
        assertThat(done.request().get("type").getStringValue()).isEqualTo("webhook");
        String json = JSON.writeValueAsString(done);
        assertThat(json).contains("\"action_key\":\"webhook:alert:al-1:OPENED\"", "\"request\":{");
    }

    @Test
    void oneActionByItsKeySlashesIncludedAndProblemsForUnknownKeysAndBadParameters() {
        AlertLine alert = new AlertLine(T0, "al-1", "arb", "OPENED", "HIGH", "m");
        ReportingAction comment = read(LedgerRecords.started(new PrCommentRequest("meta-supervisor/decisions-abc", alert), T0), 0);
        HttpResponse<?> one = controller.one(comment.getActionKey());
        assertThat(one.code()).isEqualTo(HttpStatus.OK.getCode());
        assertThat(((LedgerEntryView) one.body()).kind()).isEqualTo("PR_COMMENT");

        HttpResponse<?> missing = controller.one("pr:nope");
        assertThat(missing.code()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
        assertThat(((Problem) missing.body()).detail()).contains("pr:nope");
        HttpResponse<?> badStatus = controller.list("DONEE", null, null);
        assertThat(badStatus.code()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        assertThat(((Problem) badStatus.body()).detail()).contains("status must be one of", "DONEE");
        assertThat(controller.list(null, "FAX", null).code()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        assertThat(controller.list(null, null, 0).code()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        assertThat(controller.list(null, null, 1_001).code()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
    }
}
