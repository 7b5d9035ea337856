package com.metasupervisor.reporting.api;

import com.metasupervisor.avro.ReportingAction;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.io.IOException;

/**
 * One action of {@code reporting.ledger} as its latest record says.
 *
 * @param actionKey the key (derived from the action's content)
 * @param kind      PULL_REQUEST, PR_COMMENT, EMAIL, WEBHOOK, LP_PDF
 * @param status    STARTED, DONE or FAILED
 * @param reference where the result is (pull request URL, Message-ID, file, "webhook"); null unless DONE
 * @param detail    why it failed, or a remark
 * @param at        when this status was written (ISO-8601)
 * @param attempts  attempts it took (0 while STARTED)
 * @param request   the planned request (JSON), null when the record carries none
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record LedgerEntryView(String actionKey, String kind, String status, @Nullable String reference,
                              @Nullable String detail, String at, @Nullable Integer attempts, @Nullable JsonNode request) {

    static LedgerEntryView of(ReportingAction action, ObjectMapper json) {
        return new LedgerEntryView(action.getActionKey(), action.getKind().name(), action.getStatus().name(),
                action.getReference(), action.getDetail(), action.getAt().toString(), action.getAttempts(),
                request(action.getRequest(), json));
    }

    private static JsonNode request(String text, ObjectMapper json) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, JsonNode.class);
        } catch (IOException e) {
            return JsonNode.createStringNode(text); // shown as it is rather than hidden
        }
    }
}
