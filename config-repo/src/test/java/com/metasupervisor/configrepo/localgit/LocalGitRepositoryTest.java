package com.metasupervisor.configrepo.localgit;

import com.metasupervisor.configrepo.ConfigRepositoryException;
import com.metasupervisor.configrepo.ProposedChange;
import com.metasupervisor.configrepo.PullRequest;
import com.metasupervisor.configrepo.RepoFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalGitRepositoryTest {

    private static final String MANIFEST = "agents/manifest.yaml";
    private static final String KILL_LIST = "meta_supervisor/kill_list.yaml";
    private static final String WEIGHTS = "allocation/weights.json";

    @TempDir
    Path dir;

    private LocalGitRepository seeded() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(MANIFEST, "# the fleet\nagents:\n  - agent: arb_1\n    strategy_class: arb\n    status: LIVE\n    owner: ops\n");
        files.put(KILL_LIST, "sentiment:\n  status: DISABLED\n");
        files.put(WEIGHTS, "{\"arb_1\": 1.0}\n");
        return LocalGitRepository.init(dir.resolve("config"), "main", files);
    }

    private static ProposedChange change(String branch, Map<String, String> files) {
        return new ProposedChange(branch, "Meta-Supervisor: Promotions / Retirements", "### PROMOTIONS\n- arb_2\n", files);
    }

    /** Runs the git CLI in the config repository: what a reviewer would see. */
    private String git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.resolve("config").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("git %s: %s", String.join(" ", args), out).isZero();
        return out;
    }

    @Test
    void initSeedsOneCommitWithACleanWorkingTree() throws Exception {
        try (LocalGitRepository repo = seeded()) {
            assertThat(repo.baseBranch()).isEqualTo("main");
            assertThat(repo.baseHead()).hasSize(40).isEqualTo(git("rev-parse", "main").strip());
            assertThat(git("rev-list", "--count", "main").strip()).isEqualTo("1");
            assertThat(git("status", "--porcelain")).isEmpty();
            assertThat(repo.read(KILL_LIST)).contains(new RepoFile(KILL_LIST, "sentiment:\n  status: DISABLED\n", repo.baseHead()));
        }
    }

    @Test
    void aCommitsTimeIsItsCommitterTimeAsGitShowsIt() throws Exception {
        try (LocalGitRepository repo = seeded()) {
            long seconds = Long.parseLong(git("log", "-1", "--format=%ct", "main").strip());
            assertThat(repo.commitTime(repo.baseHead())).isEqualTo(java.time.Instant.ofEpochSecond(seconds));
            assertThatThrownBy(() -> repo.commitTime("0".repeat(40))).isInstanceOf(ConfigRepositoryException.class)
                    .hasMessageContaining("cannot read commit 0000000000000000000000000000000000000000");
        }
    }

    @Test
    void proposeWritesOneCommitOnANewBranchAndLeavesTheBaseAlone() throws Exception {
        try (LocalGitRepository repo = seeded()) {
            String base = repo.baseHead();
            Path index = dir.resolve("config/.git/index");
            byte[] indexBefore = Files.readAllBytes(index);
            String newManifest = "agents:\n  - agent: arb_1\n    strategy_class: arb\n    status: RETIRED\n    owner: ops\n";
            String nested = "{\"id\": 1}\n";

            PullRequest pr = repo.propose(change("meta/promotions-abc", Map.of(MANIFEST, newManifest, "reports/deep/x/y/patch.json", nested)));
            // the index file is compared before any `git status` (which refreshes the index's stat data itself)
            assertThat(Files.readAllBytes(index)).isEqualTo(indexBefore);

            assertThat(pr).isEqualTo(new PullRequest(0, "meta/promotions-abc", "Meta-Supervisor: Promotions / Retirements",
                    dir.resolve("config").toAbsolutePath() + "#meta/promotions-abc", true));
            assertThat(repo.baseHead()).isEqualTo(base);
            assertThat(git("rev-parse", "main").strip()).isEqualTo(base);
            assertThat(git("rev-parse", "meta/promotions-abc^").strip()).isEqualTo(base);
            assertThat(git("rev-list", "--count", "main..meta/promotions-abc").strip()).isEqualTo("1");
            assertThat(git("diff", "--name-only", "main..meta/promotions-abc").lines().toList())
                    .containsExactlyInAnyOrder(MANIFEST, "reports/deep/x/y/patch.json");
            assertThat(git("show", "meta/promotions-abc:" + MANIFEST)).isEqualTo(newManifest);
            assertThat(git("show", "meta/promotions-abc:reports/deep/x/y/patch.json")).isEqualTo(nested);
            assertThat(git("show", "meta/promotions-abc:" + WEIGHTS)).isEqualTo("{\"arb_1\": 1.0}\n");
            assertThat(git("log", "-1", "--format=%an <%ae>|%cn <%ce>", "meta/promotions-abc").strip())
                    .isEqualTo("Meta-Supervisor <meta-supervisor@localhost>|Meta-Supervisor <meta-supervisor@localhost>");
            assertThat(git("log", "-1", "--format=%B", "meta/promotions-abc"))
                    .isEqualTo("Meta-Supervisor: Promotions / Retirements\n\n### PROMOTIONS\n- arb_2\n\n");
            // the working tree and index of this non-bare repository are exactly as before
            assertThat(git("status", "--porcelain")).isEmpty();
            assertThat(git("symbolic-ref", "HEAD").strip()).isEqualTo("refs/heads/main");
            assertThat(Files.exists(dir.resolve("config/reports"))).isFalse();
            // reads stay on the base branch
            assertThat(repo.read(MANIFEST).orElseThrow().content()).contains("status: LIVE");
        }
    }

    @Test
    void proposingTheSameBranchTwiceWritesNothingTheSecondTime() throws Exception {
        try (LocalGitRepository repo = seeded()) {
            PullRequest first = repo.propose(change("meta/retire-1", Map.of(WEIGHTS, "{}\n")));
            String head = git("rev-parse", "meta/retire-1").strip();

            PullRequest second = repo.propose(change("meta/retire-1", Map.of(WEIGHTS, "{\"other\": 2}\n")));

            assertThat(first.created()).isTrue();
            assertThat(second).isEqualTo(new PullRequest(0, "meta/retire-1", first.title(), first.url(), false));
            assertThat(git("rev-parse", "meta/retire-1").strip()).isEqualTo(head);
            assertThat(git("branch", "--list", "meta/*").lines().toList()).hasSize(1);
            assertThat(git("rev-list", "--count", "main..meta/retire-1").strip()).isEqualTo("1");
        }
    }

    @Test
    void refusesTheBaseBranchAndInvalidNames() throws Exception {
        try (LocalGitRepository repo = seeded()) {
            String base = repo.baseHead();
            assertThatThrownBy(() -> repo.propose(change("main", Map.of(WEIGHTS, "{}\n"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base branch 'main'");
            assertThatThrownBy(() -> repo.propose(change("refs/heads/main", Map.of(WEIGHTS, "{}\n"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base branch");
            for (String invalid : List.of("meta/..bad", "meta bad", "meta/x.lock", "meta/a~b", "meta:x", "meta/")) {
                assertThatThrownBy(() -> repo.propose(change(invalid, Map.of(WEIGHTS, "{}\n"))))
                        .as(invalid).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid branch name");
            }
            repo.propose(change("meta", Map.of(WEIGHTS, "{}\n")));
            assertThatThrownBy(() -> repo.propose(change("meta/inside", Map.of(WEIGHTS, "{}\n"))))
                    .isInstanceOf(ConfigRepositoryException.class).hasMessageContaining("conflicts with an existing branch");
            assertThat(git("rev-parse", "main").strip()).isEqualTo(base);
            assertThat(git("branch", "--list").lines().map(String::strip).toList()).containsExactlyInAnyOrder("* main", "meta");
        }
    }

    @Test
    void openPullRequestsAreUnmergedBranchesWithThePrefixOldestFirst() throws Exception {
        Clock[] clock = {Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)};
        seeded().close();
        try (LocalGitRepository repo = LocalGitRepository.open(dir.resolve("config"), "main", new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return clock[0].instant();
            }
        })) {
            clock[0] = Clock.fixed(Instant.parse("2026-01-03T00:00:00Z"), ZoneOffset.UTC);
            repo.propose(change("meta/b-newer", Map.of(WEIGHTS, "{\"b\": 1}\n")));
            clock[0] = Clock.fixed(Instant.parse("2026-01-02T00:00:00Z"), ZoneOffset.UTC);
            repo.propose(change("meta/z-older", Map.of(WEIGHTS, "{\"z\": 1}\n")));
            repo.propose(change("meta/merged", Map.of(WEIGHTS, "{\"m\": 1}\n")));
            repo.propose(change("other/x", Map.of(WEIGHTS, "{\"x\": 1}\n")));
            // a person merges meta/merged into main
            git("-c", "user.name=Person", "-c", "user.email=p@example.com", "merge", "--no-ff", "-m", "merge", "meta/merged");

            assertThat(repo.openPullRequests("meta/")).extracting(PullRequest::branch)
                    .containsExactly("meta/z-older", "meta/b-newer");
            assertThat(repo.openPullRequests("meta/")).allSatisfy(pr -> assertThat(pr.created()).isFalse());
            assertThat(repo.openPullRequests("nothing/")).isEmpty();
        }
    }

    @Test
    void commentsAreAppendedAsGitNotes() throws Exception {
        try (LocalGitRepository repo = seeded()) {
            PullRequest pr = repo.propose(change("meta/kill-arb", Map.of(WEIGHTS, "{}\n")));

            repo.comment(pr, "DIVERGENCE ALERT: arb_1 OPENED");
            repo.comment(pr, "DIVERGENCE ALERT: arb_1 ESCALATED\n");

            assertThat(git("notes", "--ref=meta-supervisor", "show", "meta/kill-arb"))
                    .isEqualTo("DIVERGENCE ALERT: arb_1 OPENED\n\nDIVERGENCE ALERT: arb_1 ESCALATED\n");
            assertThat(git("rev-list", "--count", "refs/notes/meta-supervisor").strip()).isEqualTo("2");
            assertThatThrownBy(() -> repo.comment(new PullRequest(0, "meta/none", "t", "u", false), "x"))
                    .isInstanceOf(ConfigRepositoryException.class).hasMessageContaining("meta/none");
        }
    }

    @Test
    void twoWritersProposingTheSameBranchAtOnceCreateItOnce() throws Exception {
        seeded().close();
        try (LocalGitRepository first = LocalGitRepository.open(dir.resolve("config"), "main");
             LocalGitRepository second = LocalGitRepository.open(dir.resolve("config"), "main");
             var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < 20; round++) {
                String branch = "meta/race-" + round;
                var start = new java.util.concurrent.CountDownLatch(1);
                var a = pool.submit(() -> {
                    start.await();
                    return first.propose(change(branch, Map.of(WEIGHTS, "{\"a\": 1}\n")));
                });
                var b = pool.submit(() -> {
                    start.await();
                    return second.propose(change(branch, Map.of(WEIGHTS, "{\"b\": 1}\n")));
                });
                start.countDown();
                List<PullRequest> answers = List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));
                // separate instances share no lock: the ref update's expected old id "none" is what lets only one win
                assertThat(answers).filteredOn(PullRequest::created).as(branch).hasSize(1);
                assertThat(git("rev-list", "--count", "main.." + branch).strip()).isEqualTo("1");
            }
        }
    }

    @Test
    void commentsFromTwoWritersAtOnceAreAllKept() throws Exception {
        seeded().close();
        try (LocalGitRepository first = LocalGitRepository.open(dir.resolve("config"), "main");
             LocalGitRepository second = LocalGitRepository.open(dir.resolve("config"), "main");
             var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            PullRequest pr = first.propose(change("meta/busy", Map.of(WEIGHTS, "{}\n")));
            var start = new java.util.concurrent.CountDownLatch(1);
            var a = pool.submit(() -> {
                start.await();
                for (int i = 0; i < 10; i++) {
                    first.comment(pr, "first " + i);
                }
                return null;
            });
            var b = pool.submit(() -> {
                start.await();
                for (int i = 0; i < 10; i++) {
                    second.comment(pr, "second " + i);
                }
                return null;
            });
            start.countDown();
            a.get(60, TimeUnit.SECONDS);
            b.get(60, TimeUnit.SECONDS);
            List<String> comments = git("notes", "--ref=meta-supervisor", "show", "meta/busy").lines()
                    .filter(line -> !line.isEmpty()).toList();
            assertThat(comments).hasSize(20);
            assertThat(comments.stream().filter(c -> c.startsWith("first ")).toList())
                    .containsExactly("first 0", "first 1", "first 2", "first 3", "first 4", "first 5", "first 6", "first 7", "first 8", "first 9");
            assertThat(git("rev-list", "--count", "refs/notes/meta-supervisor").strip()).isEqualTo("20");
        }
    }

    @Test
    void aCommentIsAppendedToANotePersonWroteWithTheCli() throws Exception {
        try (LocalGitRepository repo = seeded()) {
            PullRequest pr = repo.propose(change("meta/noted", Map.of(WEIGHTS, "{}\n")));
            git("-c", "user.name=Person", "-c", "user.email=p@example.com",
                    "notes", "--ref=meta-supervisor", "add", "-m", "looks fine to me", "meta/noted");

            repo.comment(pr, "DIVERGENCE ALERT: arb_1 OPENED");

            assertThat(git("notes", "--ref=meta-supervisor", "show", "meta/noted"))
                    .isEqualTo("looks fine to me\n\nDIVERGENCE ALERT: arb_1 OPENED\n");
        }
    }

    @Test
    void readOfAMissingFileIsEmptyAndNestedPathsAreRead() {
        try (LocalGitRepository repo = LocalGitRepository.init(dir.resolve("config"), "main",
                Map.of("a/b/c/deep.yaml", "x: 1\n", "top.txt", "t"))) {
            assertThat(repo.read("missing.yaml")).isEmpty();
            assertThat(repo.read("a/b/missing.yaml")).isEmpty();
            assertThat(repo.read("a/b/c/deep.yaml")).map(RepoFile::content).contains("x: 1\n");
            assertThatThrownBy(() -> repo.read("a/b")).isInstanceOf(ConfigRepositoryException.class).hasMessageContaining("not a file");
            assertThatThrownBy(() -> repo.read("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void worksOnABareRepositoryAndReadsTheBaseBranchNotTheCheckedOutOne() throws Exception {
        seeded().close();
        Path bare = dir.resolve("bare.git");
        Process clone = new ProcessBuilder("git", "clone", "--bare", "-q", dir.resolve("config").toString(), bare.toString())
                .redirectErrorStream(true).start();
        assertThat(clone.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(clone.exitValue()).isZero();
        try (LocalGitRepository repo = LocalGitRepository.open(bare, "main")) {
            PullRequest pr = repo.propose(change("meta/bare", Map.of(KILL_LIST, "sentiment:\n  status: ACTIVE\n")));
            assertThat(pr.created()).isTrue();
            assertThat(repo.read(KILL_LIST).orElseThrow().content()).isEqualTo("sentiment:\n  status: DISABLED\n");
            assertThat(repo.openPullRequests("meta/")).extracting(PullRequest::branch).containsExactly("meta/bare");
        }
        assertThatThrownBy(() -> LocalGitRepository.open(bare, "develop"))
                .isInstanceOf(ConfigRepositoryException.class).hasMessageContaining("'develop' does not exist");
        assertThatThrownBy(() -> LocalGitRepository.open(bare, "bad..name")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalGitRepository.open(dir.resolve("nowhere"), "main"))
                .isInstanceOf(ConfigRepositoryException.class).hasMessageContaining("no git repository");
    }
}
