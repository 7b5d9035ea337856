package com.metasupervisor.demo.score;

import static com.metasupervisor.demo.score.ScoreScenario.agentDecision;
import static com.metasupervisor.demo.score.ScoreScenario.classDecision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoScoreTest {

    @Test
    void aPerfectRunPassesEveryCheckWithTheHoursComputedExactly() {
        DemoScore score = ScoreScenario.perfect().score();

        assertThat(score.verdicts()).extracting(DemoScore.Verdict::check).containsExactly(
                "broken class disabled in CRISIS, its agents retired", "drifting agent alerted, its weight reduced",
                "strong candidate proposed for promotion", "erroring agent killed", "no sound agent killed");
        assertThat(score.verdicts()).allMatch(DemoScore.Verdict::passed);
        assertThat(score.allPassed()).isTrue();

        DemoScore.BrokenClassScore broken = score.brokenClass();
        assertThat(broken.strategyClass()).isEqualTo("macro");
        assertThat(broken.crisisEpisodes()).containsExactly(
                new DemoScore.Episode(Instant.parse("2026-11-03T00:00:00Z"), Instant.parse("2026-11-04T12:00:00Z")),
                new DemoScore.Episode(Instant.parse("2026-11-07T00:00:00Z"), Instant.parse("2026-11-07T12:00:00Z")));
        assertThat(broken.disabledAt()).isEqualTo(Instant.parse("2026-11-03T06:30:00Z"));
        assertThat(broken.hoursFromBreak()).isEqualTo(6.5);
        assertThat(broken.disabledInCrisis()).isTrue();
        assertThat(broken.agentsRetired()).isEqualTo(2);
        assertThat(broken.agentsTotal()).isEqualTo(2);

        assertThat(score.drift().firstAlertAt()).isEqualTo(Instant.parse("2026-11-06T09:15:00Z"));
        assertThat(score.drift().hoursAfterDriftStart()).isEqualTo(9.25);
        assertThat(score.drift().alertsBeforeDrift()).isZero();
        assertThat(score.strongCandidate().decidedAt()).isEqualTo(Instant.parse("2026-11-05T12:00:00Z"));
        assertThat(score.erroringAgent().decidedAt()).isEqualTo(Instant.parse("2026-11-02T10:00:00Z"));
        assertThat(score.falseKills()).isEmpty();
        assertThat(score.verdicts().getFirst().detail()).isEqualTo("macro disabled 6.5 h after the break, in CRISIS; 2/2 agents retired");
        assertThat(score.verdicts().get(1).detail()).isEqualTo("arb_01: DIVERGENCE 9.3 h after the drift start; weight 0.080 at the drift start, lowest 0.040 from the alert on");
    }

    @Test
    void aSoundAgentRetiredOrKilledLiveIsAFalseKillOnceWhateverTheDecisionsOrder() {
        ScoreScenario run = ScoreScenario.perfect();
        run.decisions.add(agentDecision("2026-11-08T00:00:00Z", "trend_01", "KILL", false));
        run.decisions.add(agentDecision("2026-11-07T00:00:00Z", "trend_01", "RETIRE", false));
        run.decisions.add(agentDecision("2026-11-07T01:00:00Z", "alt_data_01", "RETIRE", false));
        run.decisions.add(agentDecision("2026-11-07T02:00:00Z", "not_in_the_truth", "KILL", false));

        DemoScore score = run.score();

        assertThat(score.falseKills()).containsExactly(
                new DemoScore.FalseKill("trend_01", "SOUND", "RETIRE", Instant.parse("2026-11-07T00:00:00Z")),
                new DemoScore.FalseKill("alt_data_01", "STRONG_CANDIDATE", "RETIRE", Instant.parse("2026-11-07T01:00:00Z")));
        DemoScore.Verdict noSoundKilled = score.verdicts().getLast();
        assertThat(noSoundKilled.passed()).isFalse();
        assertThat(noSoundKilled.detail()).startsWith("2 false kill(s): trend_01 RETIRE 2026-11-07T00:00:00Z, alt_data_01 RETIRE");
        assertThat(score.verdicts().subList(0, 4)).allMatch(DemoScore.Verdict::passed);
        assertThat(score.allPassed()).isFalse();
    }

    @Test
    void aClassDisabledOutsideCrisisFailsWithTheHoursStillCounted() {
        ScoreScenario run = ScoreScenario.perfect();
        run.decisions.removeIf(d -> d.action().equals("DISABLE_CLASS"));
        run.decisions.add(classDecision("2026-11-05T00:00:00Z", "DISABLE_CLASS"));
        run.decisions.add(classDecision("2026-11-07T03:00:00Z", "DISABLE_CLASS")); // later ones do not count: the first is scored

        DemoScore.BrokenClassScore broken = run.score().brokenClass();
        DemoScore.Verdict verdict = run.score().verdicts().getFirst();

        assertThat(broken.disabledAt()).isEqualTo(Instant.parse("2026-11-05T00:00:00Z"));
        assertThat(broken.hoursFromBreak()).isEqualTo(48.0);
        assertThat(broken.disabledInCrisis()).isFalse();
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.detail()).isEqualTo("macro disabled 48.0 h after the break, outside CRISIS; 2/2 agents retired");
    }

    @Test
    void aClassNeverDisabledOrWithAnAgentLeftFails() {
        ScoreScenario never = ScoreScenario.perfect();
        never.decisions.removeIf(d -> d.action().equals("DISABLE_CLASS"));
        ScoreScenario oneLeft = ScoreScenario.perfect();
        oneLeft.decisions.removeIf(d -> d.subject().equals("macro_02"));

        DemoScore neverScore = never.score();
        assertThat(neverScore.brokenClass().disabledAt()).isNull();
        assertThat(neverScore.brokenClass().hoursFromBreak()).isNull();
        assertThat(neverScore.verdicts().getFirst().passed()).isFalse();
        assertThat(neverScore.verdicts().getFirst().detail()).isEqualTo("macro never disabled; 2/2 agents retired");
        assertThat(oneLeft.score().brokenClass().agentsRetired()).isEqualTo(1);
        assertThat(oneLeft.score().verdicts().getFirst().passed()).isFalse();
    }

    @Test
    void aRunWithoutALivePromotionFailsTheCandidateCheck() {
        ScoreScenario run = ScoreScenario.perfect();
        run.decisions.removeIf(d -> d.action().equals("PROMOTE"));
        run.decisions.add(agentDecision("2026-11-05T12:00:00Z", "alt_data_01", "PROMOTE", true));
        run.decisions.add(agentDecision("2026-11-05T13:00:00Z", "alt_data_01", "HOLD", false));

        DemoScore score = run.score();

        assertThat(score.strongCandidate().decidedAt()).isNull();
        DemoScore.Verdict verdict = score.verdicts().get(2);
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.detail()).isEqualTo("alt_data_01: no PROMOTE");
        assertThat(score.text()).contains("✗ strong candidate proposed for promotion");
    }

    @Test
    void anErroringAgentNotKilledAndADriftAlertedOnlyBeforeItsStartFail() {
        ScoreScenario run = ScoreScenario.perfect();
        run.decisions.removeIf(d -> d.subject().equals("funding_01"));
        run.alerts.clear();
        run.alerts.add(new ObservedAlert(Instant.parse("2026-11-05T00:00:00Z"), "a-0", "arb_01", "DIVERGENCE", "OPENED"));
        run.alerts.add(new ObservedAlert(Instant.parse("2026-11-06T01:00:00Z"), "a-0", "arb_01", "DIVERGENCE", "RESOLVED"));
        run.alerts.add(new ObservedAlert(Instant.parse("2026-11-06T02:00:00Z"), "g-1", "arb_01", "PRICE_FEED_GAP", "OPENED"));

        DemoScore score = run.score();

        assertThat(score.erroringAgent().decidedAt()).isNull();
        assertThat(score.verdicts().get(3).passed()).isFalse();
        assertThat(score.drift().firstAlertAt()).isNull();
        assertThat(score.drift().alertsBeforeDrift()).isEqualTo(1);
        assertThat(score.verdicts().get(1).passed()).isFalse();
        assertThat(score.verdicts().get(1).detail()).isEqualTo("arb_01: no DIVERGENCE alert after the drift start (1 alert(s) before the drift)");
    }

    @Test
    void aDriftAlertWhoseWeightStayedOrWasNeverSeenFailsAndOneKilledBeforeItsAlertPasses() {
        ScoreScenario kept = ScoreScenario.perfect();
        kept.weights.set(1, new ObservedWeight(Instant.parse("2026-11-06T09:15:00Z"), "arb_01", 0.08));
        ScoreScenario unseen = ScoreScenario.perfect();
        unseen.weights.clear();
        ScoreScenario noCapital = ScoreScenario.perfect();
        noCapital.weights.replaceAll(w -> new ObservedWeight(w.asOf(), w.agent(), 0));
        ScoreScenario killedFirst = ScoreScenario.perfect(); // zero weight at 08:00, the alert at 09:15, no snapshot after
        killedFirst.weights.set(1, new ObservedWeight(Instant.parse("2026-11-06T08:00:00Z"), "arb_01", 0));

        assertThat(kept.score().drift().weightReduced()).isFalse();
        assertThat(kept.score().verdicts().get(1).detail()).endsWith("; weight 0.080 at the drift start, lowest 0.080 from the alert on");
        assertThat(unseen.score().verdicts().get(1).passed()).isFalse();
        assertThat(unseen.score().verdicts().get(1).detail()).endsWith("; no allocation in force at the drift start");
        assertThat(noCapital.score().verdicts().get(1).passed()).as("an agent holding nothing had nothing to reduce").isTrue();
        assertThat(killedFirst.score().drift().lowestWeightFromAlert()).isZero();
        assertThat(killedFirst.score().verdicts().get(1).passed()).isTrue();
    }

    @Test
    void theTextHasOneLinePerCheckAndThePoliciesBesideTheFleet() {
        ScoreScenario run = ScoreScenario.perfect();
        run.rows.add(new ObservedRow("trend_01", 24, Instant.parse("2026-11-02T00:00:00Z"), 60));
        String text = run.score().text();
        List<String> lines = text.lines().toList();

        assertThat(lines.getFirst()).isEqualTo("Scored against the truth (seed 42, 10 days, 6 agents): 5/5 checks passed");
        assertThat(lines.subList(1, 6)).allMatch(l -> l.startsWith("  ✓ "));
        // details start in one column: after the longest check's name and two spaces
        int column = "  ✓ ".length() + "broken class disabled in CRISIS, its agents retired".length() + 2;
        assertThat(lines.subList(1, 6)).allMatch(l -> l.charAt(column - 1) == ' ' && l.charAt(column) != ' ');
        assertThat(lines.get(5)).isEqualTo("  ✓ " + String.format("%-51s", "no sound agent killed") + "  0 false kills");
        assertThat(lines).anyMatch(l -> l.startsWith("  broken class macro: CRISIS 2026-11-03T00:00:00Z → 2026-11-04T12:00:00Z,"));
        assertThat(lines).contains(
                "  paper PnL                cum bps   Sharpe   max DD bps",
                "  risk-parity (active)       120.5     1.25        -30.0",
                "  equal-weight                80.0      n/a        -12.5",
                "  equal-weight fleet          10.0      n/a          0.0");
    }

    @Test
    void untrustedNamesStayOnOneLine() {
        ScoreScenario clean = ScoreScenario.perfect();
        ScoreScenario hostile = ScoreScenario.perfect();
        hostile.soundAgent = "trend\n  ✓ forged\r\u2028\u0085\u202e01";
        hostile.policyName = "evil\npolicy\u2029";
        hostile.decisions.add(agentDecision("2026-11-07T00:00:00Z", hostile.soundAgent, "KILL", false));
        clean.decisions.add(agentDecision("2026-11-07T00:00:00Z", "trend_01", "KILL", false));

        String text = hostile.score().text();

        assertThat(text.lines().count()).isEqualTo(clean.score().text().lines().count());
        assertThat(text).doesNotContain("\r", "\u2028", "\u2029", "\u0085", "\u202e");
        assertThat(text.lines().filter(l -> l.contains("forged"))).singleElement().asString().startsWith("  ✗ no sound agent killed");
        assertThat(text).contains("  evil?policy? (active)");
    }

    @Test
    void badInputIsRefusedWithTheFieldNamed() {
        assertThatThrownBy(() -> new ObservedDecision(Instant.EPOCH, "x", "SYMBOL", "KILL", false, List.of()))
                .hasMessageContaining("subjectKind");
        assertThatThrownBy(() -> new ObservedPolicy("p", true, 1, Double.NaN, 0)).hasMessageContaining("sharpe");
        assertThatThrownBy(() -> new ObservedPolicy("p", true, 1, null, 3)).hasMessageContaining("maxDrawdownBps");
        assertThatThrownBy(() -> new ObservedRow("a", 0, Instant.EPOCH, 1)).hasMessageContaining("horizonHours");
        assertThatThrownBy(() -> DemoScore.of(null, List.of(), List.of(), List.of(), List.of(), List.of())).hasMessageContaining("truth");
        assertThat(DemoScore.hoursBetween(Instant.EPOCH, Instant.EPOCH.plusSeconds(90))).isCloseTo(0.025, within(1e-12));
    }
}
