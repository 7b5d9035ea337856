package com.metasupervisor.reporting.execute;

import com.metasupervisor.avro.ReportingAction;
import com.metasupervisor.reporting.ledger.ActionRequest;

/**
 * Performs one kind of ledger action. Must be safe to repeat: a kill between performing and DONE performs it again on
 * restart (a pull request is found again by its branch, an e-mail carries a Message-ID derived from the action key, a
 * webhook repeats). Throws on failure; {@link ActionFailure#of} tells a retryable error from a permanent one.
 */
@FunctionalInterface
public interface ActionPerformer {

    /**
     * @param started the STARTED record (its key and request)
     * @param request the request it carries
     * @return where the result is (the DONE record's reference) and any follow-up actions to plan
     */
    PerformedAction perform(ReportingAction started, ActionRequest request) throws Exception;
}
