package com.metasupervisor.reporting.execute;

import com.metasupervisor.reporting.domain.InertMarkdown;

import com.metasupervisor.avro.ReportingAction;
import com.metasupervisor.configrepo.PullRequest;
import com.metasupervisor.reporting.domain.report.AlertLine;
import com.metasupervisor.reporting.ledger.ActionRequest;
import com.metasupervisor.reporting.ledger.PrCommentRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * PR_COMMENT: "Divergence alert &lt;id&gt; &lt;transition&gt; for &lt;agent&gt;: &lt;message&gt;" on the open pull
 * request whose head is exactly the request's branch; none open (merged or closed meanwhile): DONE with detail
 * "pull request not open". A repeat after a crash comments again (at-least-once; rare, documented).
 */
public final class PullRequestCommentPerformer implements ActionPerformer {

    static final int MAX_MESSAGE = 1_000;
    static final int MAX_NAME = 300;

    private final ConfigRepositoryConnection repository;

    public PullRequestCommentPerformer(ConfigRepositoryConnection repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    @Override
    public PerformedAction perform(ReportingAction started, ActionRequest request) {
        if (!(request instanceof PrCommentRequest comment)) {
            throw new IllegalArgumentException("not a pull request comment: " + request.getClass().getSimpleName());
        }
        return repository.with(repo -> {
            Optional<PullRequest> open = repo.openPullRequests(comment.branch()).stream()
                    .filter(pr -> pr.branch().equals(comment.branch())).findFirst();
            if (open.isEmpty()) {
                return new PerformedAction(comment.branch(), "pull request not open", java.util.List.of());
            }
            repo.comment(open.get(), body(comment.alert()));
            return PerformedAction.at(open.get().url());
        });
    }

    static String body(AlertLine alert) {
        return "Divergence alert " + InertMarkdown.inline(alert.alertId(), MAX_NAME) + " " + InertMarkdown.inline(alert.transition(), 40)
                + " for " + InertMarkdown.inline(alert.subject(), MAX_NAME) + ": "
                + (alert.message() == null ? "(no message)" : InertMarkdown.inline(alert.message(), MAX_MESSAGE));
    }
}
