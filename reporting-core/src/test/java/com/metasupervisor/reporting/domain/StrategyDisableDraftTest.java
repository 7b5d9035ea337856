package com.metasupervisor.reporting.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;

class StrategyDisableDraftTest {

    static final Instant T = Instant.parse("2026-11-30T07:00:00Z");

    static DecisionFacts disable(String strategyClass, Instant at, List<String> reasons, Map<String, Double> metrics) {
        return new DecisionFacts(strategyClass + "@" + at.toEpochMilli() + ":DISABLE_CLASS", strategyClass, strategyClass,
                DecisionKind.DISABLE_CLASS, reasons, metrics, at, "CRISIS", false);
    }

    @Test
    void titleBodyAndBranchOfADisabledClass() {
        StrategyDisableDraft draft = new StrategyDisableDraft(disable("funding", T,
                List.of("class_cvar: cvar95_shortfall_bps 84.2 > 60 in CRISIS", "class_hit_rate: hit_rate 0.31 < 0.45"),
                Map.of("cvar95_shortfall_bps", 84.23, "cvar_rows", 412.0, "hit_rate", 0.3125, "pnl_bps", -250.5,
                        "max_drawdown_bps", -731.0, "rows", 512.0, "limit_min_hit_rate", 0.45)));

        assertThat(draft.title()).isEqualTo("[AUTO] Disable strategy: funding");
        assertThat(draft.branchName()).matches("meta-supervisor/disable-funding-[0-9a-f]{12}");
        assertThat(draft.body()).isEqualTo("""
                Strategy class **funding** was DISABLED by governance at 2026-11-30T07:00:00Z (regime CRISIS). \
                Its agents are retired; merging records DISABLED in the kill list.

                | figure | value |
                |---|---|
                | CVaR 95 shortfall, current regime (bps) | 84.23 |
                | CVaR rows | 412 |
                | hit rate | 0.3125 |
                | PnL over the window (bps) | -250.5 |
                | max drawdown (bps) | -731 |
                | reconciled rows | 512 |

                ### Reasons
                - class\\_cvar: cvar95\\_shortfall\\_bps 84.2 \\> 60 in CRISIS
                - class\\_hit\\_rate: hit\\_rate 0.31 \\< 0.45

                ### Decision id
                - funding@1796022000000:DISABLE\\_CLASS
                """);
    }

    @Test
    void aMissingFigureIsNotApplicable() {
        String body = new StrategyDisableDraft(disable("arb", T, List.of(), Map.of("pnl_bps", -10.0))).body();
        assertThat(body).contains("| CVaR 95 shortfall, current regime (bps) | n/a |\n", "| PnL over the window (bps) | -10 |\n",
                "### Reasons\n- (none given)\n");
    }

    @Test
    void onlyALiveClassDisableMakesADraft() {
        DecisionFacts enable = new DecisionFacts("arb@1:ENABLE_CLASS", "arb", "arb", DecisionKind.ENABLE_CLASS, List.of(),
                Map.of(), T, null, false);
        DecisionFacts dryRun = new DecisionFacts("arb@1:DISABLE_CLASS:dry-run", "arb", "arb", DecisionKind.DISABLE_CLASS,
                List.of(), Map.of(), T, null, true);
        DecisionFacts kill = new DecisionFacts("a@1:KILL", "a", "arb", DecisionKind.KILL, List.of(), Map.of(), T, null, false);
        for (DecisionFacts d : List.of(enable, dryRun, kill)) {
            assertThatThrownBy(() -> new StrategyDisableDraft(d)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(d.decisionId());
        }
    }

    @Test
    void theBranchIsDerivedFromTheDecision() {
        StrategyDisableDraft first = new StrategyDisableDraft(disable("arb", T, List.of("x: y"), Map.of()));
        assertThat(new StrategyDisableDraft(disable("arb", T, List.of("x: y"), Map.of())).branchName())
                .isEqualTo(first.branchName());
        assertThat(new StrategyDisableDraft(disable("arb", T.plusSeconds(60), List.of("x: y"), Map.of())).branchName())
                .isNotEqualTo(first.branchName());
    }

    @Test
    void aNastyClassNameGivesAOneLineInertTitleAndAValidBranch() {
        String nasty = "Arb`x`](javascript:alert(1))\n<img src=x> @org/team ~^:?*[\\..lock Ünïcödé 日本";
        StrategyDisableDraft draft = new StrategyDisableDraft(disable(nasty, T, List.of("manual: by " + nasty), Map.of()));

        assertThat(draft.title()).doesNotContain("\n").isEqualTo("[AUTO] Disable strategy: Arb\\`x\\`\\]\\(javascript:alert\\(1\\)\\) "
                + "\\<img src=x\\> @\u200Borg/team \\~^:?\\*\\[\\\\..lock Ünïcödé 日本");
        assertThat(draft.branchName()).matches("meta-supervisor/disable-arb-x-javascript-alert-1-img-src-x-org-t-[0-9a-f]{12}"); // slug cut at 40
        assertThat(Repository.isValidRefName("refs/heads/" + draft.branchName())).isTrue();
        for (String line : draft.body().lines().toList()) {
            String text = line.startsWith("|") ? line.replace(" | ", "").replaceAll("^\\||\\|$", "") : line;
            assertThat(DecisionBatchTest.unescaped(text, "`[]<>&")).as(line).isEmpty(); // our own text has parentheses
        }
    }

    @Test
    void anyClassNameGivesAValidGitRef() {
        String alphabet = "aZ09 -_./\\~^:?*[]@{}<>|\"'`\n\t\u0000\u007f\u00e9\u00df\u0130\u65e5\u200b\u202e\uD83D\uDE00";
        Random random = new Random(7);
        for (int round = 0; round < 3_000; round++) {
            StringBuilder name = new StringBuilder();
            int length = 1 + random.nextInt(round % 10 == 0 ? 300 : 20);
            while (name.length() < length) {
                int i = random.nextInt(alphabet.length());
                char c = alphabet.charAt(i);
                name.append(Character.isHighSurrogate(c) ? alphabet.substring(i, i + 2) : Character.isLowSurrogate(c) ? "x" : String.valueOf(c));
            }
            if (name.toString().isBlank()) {
                continue;
            }
            String branch = new StrategyDisableDraft(disable(name.toString(), T, List.of(), Map.of())).branchName();
            assertThat(Repository.isValidRefName("refs/heads/" + branch)).as("%s from %s", branch, name).isTrue();
            assertThat(branch).matches("meta-supervisor/disable-[a-z0-9-]{1,40}-[0-9a-f]{12}");
        }
    }

    @Test
    void aLongClassNameIsCutInTheTitle() {
        String title = new StrategyDisableDraft(disable("<".repeat(5_000), T, List.of(), Map.of())).title();
        assertThat(title).isEqualTo("[AUTO] Disable strategy: " + "\\<".repeat(StrategyDisableDraft.MAX_TITLE_NAME) + "…");
        assertThat(title.length()).isLessThanOrEqualTo(256);
    }

    @Test
    void slugs() {
        assertThat(StrategyDisableDraft.slug("alt_data")).isEqualTo("alt-data");
        assertThat(StrategyDisableDraft.slug("Crédit Distressed")).isEqualTo("credit-distressed");
        assertThat(StrategyDisableDraft.slug("日本")).isEqualTo("class");
        assertThat(StrategyDisableDraft.slug("--a..b--")).isEqualTo("a-b");
        assertThat(StrategyDisableDraft.slug("x".repeat(100))).hasSize(StrategyDisableDraft.MAX_SLUG);
    }
}
