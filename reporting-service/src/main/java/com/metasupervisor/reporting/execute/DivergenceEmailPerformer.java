package com.metasupervisor.reporting.execute;

import com.metasupervisor.avro.ReportingAction;
import com.metasupervisor.reporting.ledger.ActionRequest;
import com.metasupervisor.reporting.ledger.DivergenceEmailRequest;
import com.metasupervisor.reporting.notify.Mailer;
import java.util.Objects;

/**
 * EMAIL "DIVERGENCE ALERT: &lt;agent&gt;": sent with a Message-ID derived from the action key, so a repeat after a crash
 * is recognisable as the same message. The DONE reference is the Message-ID.
 */
public final class DivergenceEmailPerformer implements ActionPerformer {

    private final Mailer mailer;

    public DivergenceEmailPerformer(Mailer mailer) {
        this.mailer = Objects.requireNonNull(mailer, "mailer");
    }

    @Override
    public PerformedAction perform(ReportingAction started, ActionRequest request) {
        if (!(request instanceof DivergenceEmailRequest email)) {
            throw new IllegalArgumentException("not a divergence e-mail action: " + request.getClass().getSimpleName());
        }
        return PerformedAction.at(mailer.sendDivergenceAlert(started.getActionKey(), email.alert()));
    }
}
