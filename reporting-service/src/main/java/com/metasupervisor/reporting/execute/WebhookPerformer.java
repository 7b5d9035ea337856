package com.metasupervisor.reporting.execute;

import com.metasupervisor.avro.ReportingAction;
import com.metasupervisor.reporting.ledger.ActionRequest;
import com.metasupervisor.reporting.ledger.WebhookRequest;
import com.metasupervisor.reporting.notify.Notification;
import com.metasupervisor.reporting.notify.WebhookSender;
import java.util.List;
import java.util.Objects;

/**
 * WEBHOOK: the notification posted to the Slack-compatible webhook. A repeat after a crash posts it again
 * (at-least-once: a webhook has no way to recognise a repeat). A kind the settings do not send is DONE, not sent.
 */
public final class WebhookPerformer implements ActionPerformer {

    static final String REFERENCE = "webhook";

    private final WebhookSender sender;

    public WebhookPerformer(WebhookSender sender) {
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    @Override
    public PerformedAction perform(ReportingAction started, ActionRequest request) {
        if (!(request instanceof WebhookRequest webhook)) {
            throw new IllegalArgumentException("not a webhook action: " + request.getClass().getSimpleName());
        }
        Notification notification = webhook.decision() != null ? Notification.decision(webhook.decision())
                : webhook.alert() != null ? Notification.alert(webhook.alert())
                : webhook.proposal() != null ? Notification.proposal(webhook.proposal())
                : Notification.reallocation(webhook.reallocation());
        boolean sent = sender.send(notification);
        return new PerformedAction(REFERENCE, sent ? null : "not sent: no webhook URL, or kind " + notification.kind() + " is not sent",
                List.of());
    }
}
