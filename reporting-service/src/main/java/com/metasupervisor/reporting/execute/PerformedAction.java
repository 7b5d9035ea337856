package com.metasupervisor.reporting.execute;

import com.metasupervisor.reporting.ledger.ActionRequest;
import java.util.List;
import java.util.Objects;

/**
 * What performing an action gave.
 *
 * @param reference where the result is: a pull request URL, a Message-ID, a file path, "webhook"
 * @param detail    anything worth saying (e.g. "pull request not open"); null when nothing
 * @param followUps actions this one plans (a pull request's alert comments), written STARTED before its DONE; an
 *                  action key already on the ledger is not planned again
 */
public record PerformedAction(String reference, String detail, List<ActionRequest> followUps) {
    public PerformedAction {
        Objects.requireNonNull(reference, "reference");
        followUps = List.copyOf(followUps);
    }

    public static PerformedAction at(String reference) {
        return new PerformedAction(reference, null, List.of());
    }
}
