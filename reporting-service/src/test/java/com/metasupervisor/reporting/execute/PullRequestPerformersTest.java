package com.metasupervisor.reporting.execute;

import static com.metasupervisor.reporting.execute.ExecuteFixtures.KILL_LIST;
import static com.metasupervisor.reporting.execute.ExecuteFixtures.MANIFEST;
import static com.metasupervisor.reporting.execute.ExecuteFixtures.T0;
import static com.metasupervisor.reporting.execute.ExecuteFixtures.WEIGHTS;
import static com.metasupervisor.reporting.execute.ExecuteFixtures.alert;
import static com.metasupervisor.reporting.execute.ExecuteFixtures.allocation;
import static com.metasupervisor.reporting.execute.ExecuteFixtures.decision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.configrepo.ConfigRepositoryBackend;
import com.metasupervisor.configrepo.ConfigRepositoryException;
import com.metasupervisor.configrepo.localgit.LocalGitRepository;
import com.metasupervisor.reporting.domain.DecisionKind;
import com.metasupervisor.reporting.domain.report.AlertLine;
import com.metasupervisor.reporting.ledger.DecisionBatchRequest;
import com.metasupervisor.reporting.ledger.LedgerRecords;
import com.metasupervisor.reporting.ledger.PrCommentRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.notes.Note;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pull request and comment performers on a real local git repository (what a reviewer inspects). */
class PullRequestPerformersTest {

    @TempDir
    Path dir;

    private DecisionBatchRequest request(List<AlertLine> alerts) {
        return new DecisionBatchRequest(List.of(
                decision("arb_binance_1", "arb", DecisionKind.KILL, T0),
                decision("macro_rates_2", "macro", DecisionKind.PROMOTE, T0.plusSeconds(1))),
                allocation(), List.of(ExecuteFixtures.disabled("macro", "class_cvar: RANGE")), alerts);
    }

    private Path seeded() {
        Path repo = dir.resolve("config-repo");
        LocalGitRepository.init(repo, "main", Map.of(PullRequestChange.MANIFEST, MANIFEST, PullRequestChange.KILL_LIST, KILL_LIST,
                PullRequestChange.WEIGHTS, WEIGHTS, "README.md", "people's notes\n")).close();
        return repo;
    }

    @Test
    void proposesOneCommitOnTheBaseHeadTouchingExactlyTheThreeFilesAndPlansTheAlertComments() throws Exception {
        Path repo = seeded();
        DecisionBatchRequest request = request(List.of(alert("al-1", "arb_binance_1"), alert("al-2", "macro_rates_2")));
        try (ConfigRepositoryConnection connection = new ConfigRepositoryConnection(
                ConfigRepositoryBackend.of("local-git", repo, "main", Map.of(), Map.of()))) {
            PullRequestPerformer performer = new PullRequestPerformer(connection);
            PerformedAction first = performer.perform(LedgerRecords.started(request, T0), request);
            String branch = request.batch().branchName();
            assertThat(first.reference()).endsWith("#" + branch);
            assertThat(first.detail()).isEqualTo("created");
            assertThat(first.followUps()).containsExactly(new PrCommentRequest(branch, alert("al-1", "arb_binance_1")),
                    new PrCommentRequest(branch, alert("al-2", "macro_rates_2")));

            try (Git git = Git.open(repo.toFile())) {
                Repository r = git.getRepository();
                ObjectId main = r.resolve("refs/heads/main");
                RevCommit head;
                try (RevWalk walk = new RevWalk(r)) {
                    head = walk.parseCommit(r.resolve("refs/heads/" + branch));
                }
                assertThat(head.getParentCount()).isEqualTo(1);
                assertThat(head.getParent(0).getId()).isEqualTo(main);
                assertThat(changedPaths(r, head)).containsExactlyInAnyOrder(PullRequestChange.MANIFEST, PullRequestChange.KILL_LIST,
                        PullRequestChange.WEIGHTS);
                assertThat(head.getFullMessage()).startsWith("Meta-Supervisor: Promotions / Retirements\n\n");
            }
            // a repeat (a crash before DONE) finds the branch and writes nothing
            PerformedAction again = performer.perform(LedgerRecords.started(request, T0), request);
            assertThat(again.reference()).isEqualTo(first.reference());
            assertThat(again.detail()).isEqualTo("existed already");
            try (Git git = Git.open(repo.toFile())) {
                assertThat(git.branchList().call()).extracting(ref -> ref.getName())
                        .containsExactlyInAnyOrder("refs/heads/main", "refs/heads/" + branch);
            }

            // the planned comment lands as a git note on the branch's head, inert
            PullRequestCommentPerformer comments = new PullRequestCommentPerformer(connection);
            AlertLine nasty = new AlertLine(T0, "al-3", "arb_binance_1", "ESCALATED", "HIGH", "see [here](http://x)\n# not a heading @ops");
            PrCommentRequest comment = new PrCommentRequest(branch, nasty);
            PerformedAction commented = comments.perform(LedgerRecords.started(comment, T0), comment);
            assertThat(commented.reference()).isEqualTo(first.reference());
            assertThat(note(repo, branch)).isEqualTo("Divergence alert al-3 ESCALATED for arb\\_binance\\_1: see \\[here\\]\\(http:\u200B//x\\) \\# not a heading @\u200Bops");

            // no open pull request with exactly that head: done, nothing written
            PrCommentRequest elsewhere = new PrCommentRequest(branch + "-other", nasty);
            PerformedAction notOpen = comments.perform(LedgerRecords.started(elsewhere, T0), elsewhere);
            assertThat(notOpen.detail()).isEqualTo("pull request not open");
        }
    }

    @Test
    void aRepositoryNotCreatedYetIsARetryableFailureThatOpensOnceItExists() throws Exception {
        Path repo = dir.resolve("later");
        DecisionBatchRequest request = request(List.of());
        try (ConfigRepositoryConnection connection = new ConfigRepositoryConnection(
                ConfigRepositoryBackend.of("local-git", repo, "main", Map.of(), Map.of()))) {
            PullRequestPerformer performer = new PullRequestPerformer(connection);
            assertThatThrownBy(() -> performer.perform(LedgerRecords.started(request, T0), request))
                    .isInstanceOf(ConfigRepositoryException.class)
                    .satisfies(e -> assertThat(ActionFailure.of(e).retryable()).isTrue());
            LocalGitRepository.init(repo, "main", Map.of(PullRequestChange.MANIFEST, MANIFEST)).close();
            assertThat(performer.perform(LedgerRecords.started(request, T0), request).detail()).isEqualTo("created");
        }
    }

    private static List<String> changedPaths(Repository r, RevCommit commit) throws Exception {
        try (var reader = r.newObjectReader(); Git git = new Git(r); RevWalk walk = new RevWalk(r)) {
            CanonicalTreeParser parent = new CanonicalTreeParser();
            parent.reset(reader, walk.parseCommit(commit.getParent(0)).getTree());
            CanonicalTreeParser tree = new CanonicalTreeParser();
            tree.reset(reader, commit.getTree());
            List<String> paths = new ArrayList<>();
            for (DiffEntry e : git.diff().setOldTree(parent).setNewTree(tree).call()) {
                paths.add(e.getNewPath());
            }
            return paths;
        }
    }

    private static String note(Path repo, String branch) throws Exception {
        try (Git git = Git.open(repo.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            RevCommit head = walk.parseCommit(git.getRepository().resolve("refs/heads/" + branch));
            Note note = git.notesShow().setNotesRef(LocalGitRepository.NOTES_REF).setObjectId(head).call();
            return new String(git.getRepository().open(note.getData()).getBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        }
    }
}
