package com.metasupervisor.reporting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.metasupervisor.reporting.domain.DecisionFacts;
import com.metasupervisor.reporting.domain.DecisionKind;
import com.metasupervisor.reporting.domain.report.AlertLine;
import com.metasupervisor.reporting.domain.report.DecisionLine;
import com.metasupervisor.reporting.domain.report.Reallocation;
import com.metasupervisor.reporting.domain.report.WeightChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The words of each notification and their Slack JSON: escaped, within Slack's limits, nothing injected. */
class NotificationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Instant AT = Instant.parse("2026-11-30T08:00:00Z");
    /** Everything an agent name can hold that could break a message. */
    static final String NASTY = "evil\r\nBcc: x@y <!channel> <@U123|boss> & <https://phish.example|click> \u202Egnp.exe\u202C "
            + "שלום-עולם " + "x".repeat(300);

    @Test
    void aReallocationListsEachChangeWithItsReason() {
        Reallocation allocation = new Reallocation("snap-42", AT, "risk-parity", "TREND", 0.125, "risk reduction: kill", 0.2,
                List.of(new WeightChange(AT, "alpha-1", 0.12, 0.0, "KILLED by governance"),
                        new WeightChange(AT, "beta-2", 0.30, 0.42, "higher expected alpha")));

        Notification notification = Notification.reallocation(allocation);

        assertThat(notification.kind()).isEqualTo(NotificationKind.ALLOCATION);
        assertThat(notification.title()).contains("2 weight change(s)").contains("12.5 %");
        assertThat(notification.lines()).contains("Snapshot: snap-42", "Time: 2026-11-30T08:00:00Z", "Regime: TREND",
                "Turnover: 12.5 %", "Cash: 20.0 %", "Policy: risk-parity", "Why: risk reduction: kill",
                "alpha-1: 12.0 % → 0.0 % (KILLED by governance)", "beta-2: 30.0 % → 42.0 % (higher expected alpha)");
    }

    @Test
    void anAlertAndADecisionSayWhatHappenedAndWhy() {
        Notification alert = Notification.alert(new AlertLine(AT, "al-7", "alpha-1", "ESCALATED", "HIGH", "live PnL 3σ below backtest"));
        assertThat(alert.kind()).isEqualTo(NotificationKind.ALERT);
        assertThat(alert.title()).isEqualTo("Alert ESCALATED: alpha-1");
        assertThat(alert.lines()).contains("Severity: HIGH", "Message: live PnL 3σ below backtest", "Alert id: al-7");

        DecisionFacts facts = new DecisionFacts("alpha-1@1764489600000:KILL", "alpha-1", "macro", DecisionKind.KILL,
                List.of("kill_drawdown: max_drawdown_30d -612 <= -500"), Map.of("max_drawdown_30d", -612.0), AT, "CRISIS", true);
        Notification decision = Notification.decision(facts);
        assertThat(decision.kind()).isEqualTo(NotificationKind.DECISION);
        assertThat(decision.title()).isEqualTo("Decision (dry run) KILL: alpha-1");
        assertThat(decision.lines()).contains("Action: KILL (dry run: changes nothing)", "Class: macro", "Regime: CRISIS",
                "Reason: kill_drawdown: max_drawdown_30d -612 <= -500", "max_drawdown_30d = -612.0");

        Notification line = Notification.decision(new DecisionLine(AT, "sentiment", "sentiment", "DISABLE_CLASS",
                List.of("class_listed_disabled: listed DISABLED"), false, "sentiment@1:DISABLE_CLASS"));
        assertThat(line.title()).isEqualTo("Decision DISABLE_CLASS: sentiment");
        assertThat(line.lines()).contains("Reason: class_listed_disabled: listed DISABLED");
    }

    @Test
    void untrustedTextIsEscapedSoItCanMentionNobodyAndLinkNowhere() throws Exception {
        Notification notification = Notification.alert(new AlertLine(AT, "al-1", NASTY, "OPENED", "HIGH", "<!here> & more"));

        JsonNode body = JSON.readTree(SlackMessage.json(notification));

        List<String> texts = new ArrayList<>();
        texts.add(body.get("text").asText());
        body.get("blocks").forEach(block -> {
            assertThat(block.get("type").asText()).isEqualTo("section");
            assertThat(block.get("text").get("type").asText()).isEqualTo("mrkdwn");
            texts.add(block.get("text").get("text").asText());
        });
        assertThat(texts).allSatisfy(text -> {
            assertThat(text).doesNotContain("<!", "<@", "<http", "\r", "\u202E", "\u202C");
            assertThat(text.replace("&amp;", "").replace("&lt;", "").replace("&gt;", "")).doesNotContain("&", "<", ">");
        });
        String all = String.join("\n", texts);
        assertThat(all).contains("&lt;!channel&gt;", "&lt;!here&gt; &amp; more", "שלום-עולם", "evil Bcc: x@y");
        // the 300-character name is cut, and says so
        assertThat(all).doesNotContain("x".repeat(300)).contains("…");
    }

    @Test
    void aLongNotificationStaysWithinSlacksLimitsAndSaysWhatItLeftOut() throws Exception {
        List<WeightChange> changes = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            changes.add(new WeightChange(AT, "agent-" + i + "-" + "&<>".repeat(30), 0.001, 0.002, "because " + "&".repeat(500)));
        }
        Notification notification = Notification.reallocation(new Reallocation("s", AT, null, null, 0.5, null, 0.1, changes));

        JsonNode body = JSON.readTree(SlackMessage.json(notification));

        assertThat(body.get("blocks").size()).isEqualTo(SlackMessage.MAX_BLOCKS);
        body.get("blocks").forEach(block -> assertThat(block.get("text").get("text").asText().length())
                .isLessThanOrEqualTo(SlackMessage.MAX_SECTION_CHARS));
        assertThat(body.get("text").asText().length()).isLessThanOrEqualTo(SlackMessage.MAX_FALLBACK_CHARS);
        assertThat(body.get("blocks").get(SlackMessage.MAX_BLOCKS - 1).get("text").get("text").asText())
                .matches("… and \\d+ more line\\(s\\) not shown");
    }

    @Test
    void cuttingNeverSplitsAnEntityOrACodePoint() {
        // seeded: random texts of entity characters, astral code points and letters, random limits
        Random random = new Random(13);
        String[] pieces = {"&", "<", ">", "a", "😀", "ש", " "};
        for (int run = 0; run < 2000; run++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int i = 0; i < length; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            int limit = 2 + random.nextInt(40);

            String cut = SlackMessage.escapedPrefix(text.toString(), limit);

            String whole = SlackMessage.escape(text.toString());
            if (whole.length() <= limit) {
                assertThat(cut).isEqualTo(whole);
                continue;
            }
            assertThat(cut).endsWith("…").hasSizeLessThanOrEqualTo(limit);
            String body = cut.substring(0, cut.length() - 1);
            // what is kept is the escape of a prefix of the text: unescaping gives a prefix back, whole code points
            String unescaped = body.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
            assertThat(text.toString()).startsWith(unescaped);
            assertThat(SlackMessage.escape(unescaped)).isEqualTo(body);
            assertThat(Character.isHighSurrogate(unescaped.isEmpty() ? 'a' : unescaped.charAt(unescaped.length() - 1))).isFalse();
        }
    }

    @Test
    void oneLineTextKeepsRightToLeftLettersButNoBreaksControlsOrOverrides() {
        assertThat(OneLineText.of("a\r\nb\u0085c\u2028d\te\u0000f")).isEqualTo("a b c d e f");
        assertThat(OneLineText.of("\u202Eabc\u2066")).isEqualTo("\uFFFDabc\uFFFD");
        assertThat(OneLineText.of("שלום")).isEqualTo("שלום");
        assertThat(OneLineText.of(null)).isEqualTo("(none)");
        assertThat(OneLineText.of(" \r\n ")).isEqualTo("(blank)");
        String cut = OneLineText.of("😀".repeat(10), 4);
        assertThat(cut).isEqualTo("😀😀😀…");
    }
}
