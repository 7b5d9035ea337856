package com.metasupervisor.configrepo;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The config repository (SPEC §6, §7: {@code agents/manifest.yaml}, {@code meta_supervisor/kill_list.yaml},
 * {@code allocation/weights.json}): read at the head of its base branch, changed only through a new branch with one
 * commit and a pull request that a person merges. Never writes the base branch. One interface, two backends:
 * {@code local-git} (a local repository through JGit) and {@code github} (GitHub's REST API); governance-service
 * reads through it, reporting-service writes through it.
 */
public interface ConfigRepository extends AutoCloseable {

    /** The branch people merge into, e.g. {@code main}. */
    String baseBranch();

    /** The commit id (40 hex digits) at the head of the base branch now. */
    String baseHead();

    /**
     * When {@code commit} (40 hex digits) was made: its committer time, the same whoever asks, so records derived from
     * one commit are identical wherever they are written.
     */
    Instant commitTime(String commit);

    /** A file at the head of the base branch; empty when the file is not there. */
    Optional<RepoFile> read(String path);

    /**
     * Proposes {@code change}: a new branch {@code change.branch()} from the base head with one commit that writes
     * exactly {@code change.files()}, and a pull request of it into the base branch. Idempotent: when that branch or an
     * open pull request of it already exists (a retry after a crash), that pull request is answered with
     * {@code created} false and nothing is written. A branch named like the base branch, or not a valid branch
     * name, is refused with an IllegalArgumentException before anything is written.
     */
    PullRequest propose(ProposedChange change);

    /** The open pull requests whose head branch starts with {@code branchPrefix}, oldest first. */
    List<PullRequest> openPullRequests(String branchPrefix);

    /** Adds a comment to an open pull request (e.g. a divergence alert of one of its agents). */
    void comment(PullRequest pullRequest, String body);

    @Override
    void close();
}
