package com.metasupervisor.reporting.execute;

import com.metasupervisor.avro.ReportingAction;
import com.metasupervisor.configrepo.ConfigRepository;
import com.metasupervisor.configrepo.ConfigRepositoryException;
import com.metasupervisor.configrepo.PullRequest;
import com.metasupervisor.configrepo.RepoFile;
import com.metasupervisor.reporting.domain.report.AlertLine;
import com.metasupervisor.reporting.ledger.ActionRequest;
import com.metasupervisor.reporting.ledger.DecisionBatchRequest;
import com.metasupervisor.reporting.ledger.PrCommentRequest;
import com.metasupervisor.reporting.ledger.StrategyDisableRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PULL_REQUEST: reads the three files at the base head, composes the commit ({@link PullRequestChange}) and proposes
 * it. Repeating it after a crash finds the branch (config-repo answers {@code created=false}, writing nothing). Each
 * open alert of the request becomes a {@link PrCommentRequest}, planned on the ledger as an action of its own.
 */
public final class PullRequestPerformer implements ActionPerformer {

    private static final Logger LOG = LoggerFactory.getLogger(PullRequestPerformer.class);

    private final ConfigRepositoryConnection repository;

    public PullRequestPerformer(ConfigRepositoryConnection repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    @Override
    public PerformedAction perform(ReportingAction started, ActionRequest request) {
        String branch;
        List<AlertLine> alerts;
        PullRequest pr;
        switch (request) {
            case DecisionBatchRequest batch -> {
                branch = batch.batch().branchName();
                alerts = batch.openAlerts();
                pr = repository.with(repo -> repo.propose(PullRequestChange.of(batch, baseFiles(repo))));
            }
            case StrategyDisableRequest disable -> {
                branch = disable.draft().branchName();
                alerts = disable.openAlerts();
                pr = repository.with(repo -> repo.propose(PullRequestChange.of(disable, baseFiles(repo))));
            }
            default -> throw new IllegalArgumentException("not a pull request action: " + request.getClass().getSimpleName());
        }
        LOG.info("pull request {} {}: {}", pr.created() ? "opened" : "found again", branch, pr.url());
        List<ActionRequest> comments = alerts.stream().<ActionRequest>map(alert -> new PrCommentRequest(branch, alert)).toList();
        return new PerformedAction(pr.url(), pr.created() ? "created" : "existed already", comments);
    }

    /** The three files at one base head: a head that moves while they are read is read again (retryable). */
    static PullRequestChange.BaseFiles baseFiles(ConfigRepository repo) {
        String head = repo.baseHead();
        Optional<String> manifest = read(repo, PullRequestChange.MANIFEST, head);
        Optional<String> killList = read(repo, PullRequestChange.KILL_LIST, head);
        Optional<String> weights = read(repo, PullRequestChange.WEIGHTS, head);
        return new PullRequestChange.BaseFiles(manifest, killList, weights);
    }

    private static Optional<String> read(ConfigRepository repo, String path, String head) {
        Optional<RepoFile> file = repo.read(path);
        if (file.isPresent() && !file.get().commit().equals(head)) {
            throw new ConfigRepositoryException("the base branch moved while " + path + " was read; reading it again");
        }
        return file.map(RepoFile::content);
    }
}
