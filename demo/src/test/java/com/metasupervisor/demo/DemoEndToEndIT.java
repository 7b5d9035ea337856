package com.metasupervisor.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.configrepo.files.KillList;
import com.metasupervisor.configrepo.files.LifecycleStatus;
import com.metasupervisor.configrepo.files.ManifestEntry;
import com.metasupervisor.configrepo.files.ManifestFile;
import com.metasupervisor.configrepo.files.StrategyClassStatus;
import com.metasupervisor.demo.score.DemoScore;
import com.metasupervisor.simulator.publish.ReplaySpeed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, acceptance 2: a shorter demo (12 days), the whole product on the simulated fleet (real broker and registry, the five
 * services as processes, the local-git config repository, the SMTP and webhook sinks), scored against the truth: the
 * broken class disabled in CRISIS and its agents retired, the drifting agent alerted and its weight reduced, the strong
 * candidate proposed for promotion, the erroring agent killed, no sound agent removed, every reconciled row unique; and
 * what the run leaves on disk (acceptance 1's list) as the product wrote it.
 */
class DemoEndToEndIT {

    /** The repository root: Surefire runs in this module's directory. */
    private static final Path HOME = Path.of("").toAbsolutePath().getParent();
    /**
     * Seed 5's regime path has CRISIS episodes from the first day; 12 days leave the drifting agent (from day 6) the ~4
     * simulated days risk needs to see its 24 h rows collapse (they mature a day late).
     */
    private static final long SEED = 5;
    private static final int DAYS = 12;
    private static final int AGENTS = 24;
    /** 12 simulated days in 60 s of replay: the reconciler trains its sim model about every 2 simulated days. */
    private static final String SPEED = "17280";

    @Test
    void aShortRunGetsEveryScenarioRightAndLeavesItsResultsOnDisk(@TempDir Path tmp) throws Exception {
        DemoDirectory dir = DemoDirectory.fresh(tmp.resolve("demo"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        DemoMain demo = new DemoMain(new PrintStream(console, true, UTF_8),
                new DemoOptions(DAYS, AGENTS, SEED, ReplaySpeed.parse(SPEED), false), dir, HOME);
        DemoMain.Outcome outcome;
        try {
            assertThat(demo.run()).as(() -> "the demo ran; its console:\n" + console.toString(UTF_8)).isTrue();
            outcome = demo.outcome();
        } finally {
            demo.stop();
        }
        String said = console.toString(UTF_8);
        DemoScore score = outcome.score();
        assertThat(score).as(() -> "scored; console:\n" + said).isNotNull();
        assertThat(score.verdicts()).as(() -> "every scenario right; console:\n" + said).allMatch(DemoScore.Verdict::passed);
        assertThat(score.falseKills()).isEmpty();
        assertThat(score.brokenClass().agentsRetired()).isEqualTo(score.brokenClass().agentsTotal());
        assertThat(outcome.counts().reconciledRows()).as("reconciled rows").isPositive();
        assertThat(outcome.counts().distinctRows()).as("every (event id, horizon) once").isEqualTo(outcome.counts().reconciledRows());
        // issue 16: the demo acts as the operator with its credential, and the reconciler accepts it
        assertThat(outcome.training()).as(() -> "every horizon trained over REST with the operator token; console:\n" + said)
                .extracting(OperatorTraining.Outcome::horizonHours).containsExactlyElementsOf(OperatorTraining.HORIZONS);
        assertThat(outcome.training()).as("h24's window holds the fleet's rows").filteredOn(t -> t.horizonHours() == 24)
                .allMatch(OperatorTraining.Outcome::trained);
        assertThat(outcome.training()).as("no horizon refused").allMatch(t -> t.httpStatus() == 200);
        assertThat(dir.credentials().resolve("operator.token")).isRegularFile();
        assertThat(said).contains("operator credential: " + dir.credentials().resolve("operator.token"));

        // what the run leaves: the pull requests as commits on branches, the PDF, e-mails incl. a divergence alert, webhooks, allocation
        List<String> killLists = new ArrayList<>();
        List<String> manifests = new ArrayList<>();
        try (Git git = Git.open(dir.configRepo().toFile())) {
            for (Ref ref : git.branchList().call()) {
                if (!ref.getName().equals("refs/heads/main")) {
                    killLists.add(file(git.getRepository(), ref.getObjectId(), KillList.PATH));
                    manifests.add(file(git.getRepository(), ref.getObjectId(), "agents/manifest.yaml"));
                }
            }
        }
        String broken = score.brokenClass().strategyClass();
        assertThat(killLists).as("a pull request disabling " + broken)
                .anyMatch(k -> KillList.parse(k).strategyClass(broken).map(c -> c.status() == StrategyClassStatus.DISABLED).orElse(false));
        String brokenAgent = broken + "_01";
        assertThat(manifests).as("a pull request removing the broken class's agents (retired, or killed on their drawdown first)")
                .anyMatch(m -> statusOf(m, brokenAgent) == LifecycleStatus.RETIRED || statusOf(m, brokenAgent) == LifecycleStatus.KILLED);
        assertThat(manifests).as("a pull request with retirements")
                .anyMatch(m -> !m.isEmpty() && ManifestFile.parse(m).agents().stream().anyMatch(e -> e.status() == LifecycleStatus.RETIRED));
        assertThat(manifests).as("a pull request promoting the candidate")
                .anyMatch(m -> statusOf(m, score.strongCandidate().agent()) == LifecycleStatus.LIVE);
        assertThat(outcome.lpReport()).isRegularFile();
        assertThat(Files.readAllBytes(outcome.lpReport())).startsWith("%PDF".getBytes(UTF_8));
        assertThat(outcome.mailSaved()).isPositive();
        try (Stream<Path> mail = Files.list(dir.mail())) {
            assertThat(mail.map(p -> p.getFileName().toString().toLowerCase())).as("a divergence alert e-mail").anyMatch(n -> n.contains("diverg"));
        }
        assertThat(outcome.webhooksSaved()).isPositive();
        assertThat(dir.allocation()).isRegularFile();
        assertThat(Files.readString(dir.allocation())).contains("\"allocations\"", "\"cash\"");
    }

    private static String file(Repository repo, ObjectId commitId, String path) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit commit = walk.parseCommit(commitId);
            try (TreeWalk tree = TreeWalk.forPath(repo, path, commit.getTree())) {
                if (tree == null) {
                    return "";
                }
                ObjectLoader loader = repo.open(tree.getObjectId(0));
                return new String(loader.getBytes(), UTF_8);
            }
        }
    }

    /** {@code agent}'s status in a manifest's text (null when absent or no manifest). */
    private static LifecycleStatus statusOf(String manifest, String agent) {
        if (manifest.isEmpty()) {
            return null;
        }
        return ManifestFile.parse(manifest).agent(agent).map(ManifestEntry::status).orElse(null);
    }
}
