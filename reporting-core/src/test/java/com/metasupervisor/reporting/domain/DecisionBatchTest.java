package com.metasupervisor.reporting.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DecisionBatchTest {

    static final Instant T = Instant.parse("2026-11-30T07:00:00Z");

    static DecisionFacts decision(String agent, DecisionKind kind, Instant at, List<String> reasons, Map<String, Double> metrics) {
        return new DecisionFacts(agent + "@" + at.toEpochMilli() + ":" + kind, agent, "arb", kind, reasons, metrics, at,
                "TREND", false);
    }

    static DecisionFacts promote(String agent) {
        return decision(agent, DecisionKind.PROMOTE, T,
                List.of("promote_sharpe: sharpe_30d 1.8 >= 1.5", "promote_winrate: winrate_30d 0.56 >= 0.55"),
                Map.of("sharpe_30d", 1.8, "winrate_30d", 0.5612, "pnl_30d", 120.5));
    }

    static DecisionFacts kill(String agent) {
        return decision(agent, DecisionKind.KILL, T.plusSeconds(30), List.of("kill_drawdown: max_drawdown_30d -612 <= -500"),
                Map.of("max_drawdown_30d", -612.0));
    }

    @Test
    void aSmallBatchRendersExactly() {
        DecisionBatch batch = new DecisionBatch(List.of(kill("zeta"), promote("alpha")));

        assertThat(batch.title()).isEqualTo("Meta-Supervisor: Promotions / Retirements");
        assertThat(batch.body()).isEqualTo("""
                Governance decisions for the config repository: 1 promotion, 0 retirements, 1 kill.

                ### PROMOTIONS
                - **alpha**: class arb, regime TREND, decided 2026-11-30T07:00:00Z
                  - promote\\_sharpe: sharpe\\_30d 1.8 \\>= 1.5
                  - promote\\_winrate: winrate\\_30d 0.56 \\>= 0.55
                  - metrics: pnl\\_30d = 120.5, sharpe\\_30d = 1.8, winrate\\_30d = 0.5612

                ### KILLS
                - **zeta**: class arb, regime TREND, decided 2026-11-30T07:00:30Z
                  - kill\\_drawdown: max\\_drawdown\\_30d -612 \\<= -500
                  - metrics: max\\_drawdown\\_30d = -612

                ### Decision ids
                - alpha@1796022000000:PROMOTE
                - zeta@1796022030000:KILL
                """);
    }

    @Test
    void onlyNonEmptySectionsAppear() {
        DecisionFacts retire = new DecisionFacts("beta@1:RETIRE", "beta", null, DecisionKind.RETIRE, List.of(), Map.of(), T,
                null, false);
        String body = new DecisionBatch(List.of(retire)).body();

        assertThat(body).isEqualTo("""
                Governance decisions for the config repository: 0 promotions, 1 retirement, 0 kills.

                ### RETIREMENTS
                - **beta**: class unknown, regime unknown, decided 2026-11-30T07:00:00Z

                ### Decision ids
                - beta@1:RETIRE
                """);
        assertThat(body).doesNotContain("### PROMOTIONS").doesNotContain("### KILLS");
    }

    @Test
    void theSameSetInAnyOrderGivesTheSameBranchAndBody() {
        List<DecisionFacts> set = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            set.add(i % 3 == 0 ? kill("agent-" + i) : promote("agent-" + i));
        }
        DecisionBatch reference = new DecisionBatch(set);
        assertThat(reference.branchName()).matches("meta-supervisor/decisions-[0-9a-f]{12}");
        Random random = new Random(13);
        for (int round = 0; round < 200; round++) {
            List<DecisionFacts> shuffled = new ArrayList<>(set);
            Collections.shuffle(shuffled, random);
            if (round % 2 == 0) {
                shuffled.add(shuffled.get(random.nextInt(shuffled.size()))); // a replayed decision counts once
            }
            DecisionBatch batch = new DecisionBatch(shuffled);
            assertThat(batch.branchName()).isEqualTo(reference.branchName());
            assertThat(batch.body()).isEqualTo(reference.body());
            assertThat(batch).isEqualTo(reference);
        }
    }

    @Test
    void differentSetsGiveDifferentBranches() {
        DecisionBatch ab = new DecisionBatch(List.of(promote("a"), promote("b")));
        assertThat(new DecisionBatch(List.of(promote("a"))).branchName()).isNotEqualTo(ab.branchName());
        assertThat(new DecisionBatch(List.of(promote("a"), promote("c"))).branchName()).isNotEqualTo(ab.branchName());
        assertThat(new DecisionBatch(List.of(promote("a"), kill("b"))).branchName()).isNotEqualTo(ab.branchName());

        // seeded: random subsets of 40 decisions; distinct sets never share a branch
        List<DecisionFacts> pool = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            pool.add(promote("p" + i));
        }
        Random random = new Random(42);
        Map<String, Set<String>> setByBranch = new HashMap<>();
        for (int round = 0; round < 2_000; round++) {
            List<DecisionFacts> subset = pool.stream().filter(d -> random.nextInt(4) == 0).toList();
            if (subset.isEmpty()) {
                continue;
            }
            DecisionBatch batch = new DecisionBatch(subset);
            Set<String> ids = new HashSet<>(batch.decisionIds());
            Set<String> before = setByBranch.putIfAbsent(batch.branchName(), ids);
            assertThat(before == null || before.equals(ids)).as("branch %s of two sets", batch.branchName()).isTrue();
        }
    }

    @Test
    void theIdEncodingIsUnambiguous() {
        assertThat(DecisionSetHash.of(List.of("a\nb"))).isNotEqualTo(DecisionSetHash.of(List.of("a", "b")));
        assertThat(DecisionSetHash.of(List.of("ab", "c"))).isNotEqualTo(DecisionSetHash.of(List.of("a", "bc")));
    }

    @Test
    void holdsDryRunsAndClassDecisionsAreRefusedByTheConstructorAndFilteredByOfEligible() {
        DecisionFacts hold = decision("h", DecisionKind.HOLD, T, List.of(), Map.of());
        DecisionFacts dryKill = new DecisionFacts("d@1:KILL:dry-run", "d", "arb", DecisionKind.KILL, List.of(), Map.of(), T,
                null, true);
        DecisionFacts disable = decision("arb", DecisionKind.DISABLE_CLASS, T, List.of(), Map.of());

        for (DecisionFacts d : List.of(hold, dryKill, disable)) {
            assertThatThrownBy(() -> new DecisionBatch(List.of(promote("a"), d)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(d.decisionId());
        }
        assertThat(DecisionBatch.ofEligible(List.of(hold, promote("a"), dryKill, disable, kill("b"))))
                .contains(new DecisionBatch(List.of(promote("a"), kill("b"))));
        assertThat(DecisionBatch.ofEligible(List.of(hold, dryKill, disable))).isEmpty();
        assertThatThrownBy(() -> new DecisionBatch(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoDifferentDecisionsWithOneIdAreRefused() {
        DecisionFacts a = promote("a");
        DecisionFacts other = new DecisionFacts(a.decisionId(), "a", "macro", DecisionKind.PROMOTE, a.reasons(), a.metrics(),
                a.decidedAt(), a.regime(), false);
        assertThatThrownBy(() -> new DecisionBatch(List.of(a, other))).hasMessageContaining("share the id");
    }

    @Test
    void aNastyAgentNameRendersInertAndOnOneLine() {
        String nasty = "evil`code` ](https://x.io) <script>alert(1)</script> @here\n### KILLS\r\n- [x] ok\u2028"
                + "**b** ![i](y) &#64;team | cell 日本 é \u202Egnp.exe";
        DecisionFacts d = decision(nasty, DecisionKind.PROMOTE, T, List.of(nasty), Map.of(nasty, 1.0));
        String body = new DecisionBatch(List.of(d)).body();
        List<String> lines = body.lines().toList();

        // the layout of any one-reason promotion: no line added, no heading added
        assertThat(lines).hasSize(9);
        assertThat(lines.get(4)).startsWith("  - evil");
        assertThat(lines.get(5)).startsWith("  - metrics: evil").endsWith(" = 1");
        assertThat(lines.get(8)).startsWith("- evil").endsWith(":PROMOTE");
        assertThat(lines.stream().filter(l -> l.startsWith("###"))).containsExactly("### PROMOTIONS", "### Decision ids");
        String agentLine = lines.get(3);
        assertThat(agentLine).startsWith("- **evil\\`code\\` \\]\\(https:\u200B//x.io\\) \\<script\\>alert\\(1\\)\\</script\\> @\u200Bhere ")
                .contains("\\#\\#\\# KILLS - \\[x\\] ok")
                .contains("\\&\\#64;team \\| cell 日本 é \uFFFDgnp.exe**");
        for (String line : lines) {
            assertThat(unescaped(line, "`[]()<>|&")).as(line).isEmpty();
            assertThat(line).doesNotContain("@here").doesNotContain("https://").doesNotContain("\u202E");
        }
    }

    @Test
    void aBodyOverGitHubsLimitLeavesOutReasonsThenCutsTheLists() {
        List<DecisionFacts> twoThousand = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            String name = String.format("%04d", i) + "x".repeat(296);
            twoThousand.add(decision(name, i % 2 == 0 ? DecisionKind.RETIRE : DecisionKind.KILL, T,
                    List.of("r1: " + "y".repeat(600), "r2: " + "z".repeat(600)), Map.of("pnl_30d", -1.0)));
        }
        List<DecisionFacts> sixty = twoThousand.subList(0, 60); // ~100 000 characters in full, ~45 000 without reasons

        String compact = new DecisionBatch(sixty).body();
        assertThat(compact.length()).isLessThanOrEqualTo(DecisionBatch.MAX_BODY_CHARS);
        assertThat(compact).contains("Reasons and metrics are left out").doesNotContain("r1: ").doesNotContain("more\n");
        assertThat(compact.lines().filter(l -> l.startsWith("- **"))).hasSize(60);
        assertThat(compact.lines().filter(l -> l.contains(":KILL") || l.contains(":RETIRE"))).hasSize(60);

        String cut = new DecisionBatch(twoThousand).body();
        assertThat(cut.length()).isLessThanOrEqualTo(DecisionBatch.MAX_BODY_CHARS);
        assertThat(cut).contains("### RETIREMENTS", "### KILLS", "### Decision ids", "Reasons and metrics are left out")
                .containsPattern("- … and \\d+ more\n\n### KILLS").endsWith(" more\n");
        assertThat(cut).startsWith("Governance decisions for the config repository: 0 promotions, 1000 retirements, 1000 kills.");
    }

    @Test
    void aLongNameIsCut() {
        String body = new DecisionBatch(List.of(decision("n".repeat(5_000), DecisionKind.KILL, T, List.of(), Map.of()))).body();
        assertThat(body).contains("- **" + "n".repeat(DecisionBatch.MAX_NAME) + "…**: class arb");
    }

    @Test
    void aSecretLookingReasonIsPlainEscapedText() {
        String token = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
        DecisionFacts d = decision("a", DecisionKind.KILL, T, List.of("manual: KILL by ops: pasted " + token), Map.of());
        String body = new DecisionBatch(List.of(d)).body();
        assertThat(body).contains("  - manual: KILL by ops: pasted ghp\\_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8\n");
    }

    /** Characters of {@code specials} in the line not preceded by a backslash escape. */
    static String unescaped(String line, String specials) {
        StringBuilder found = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++; // the escaped character
            } else if (specials.indexOf(c) >= 0) {
                found.append(c);
            }
        }
        return found.toString();
    }
}
