package com.metasupervisor.reporting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.metasupervisor.reporting.domain.report.AlertLine;
import com.metasupervisor.reporting.domain.report.DecisionLine;
import com.metasupervisor.reporting.domain.report.ProposalFacts;
import com.metasupervisor.reporting.domain.report.Reallocation;
import com.metasupervisor.reporting.domain.report.WeightChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The words of each notification and their Slack JSON: untrusted text in plain_text only, within Slack's limits. */
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

        Notification line = Notification.decision(new DecisionLine(AT, "sentiment", "sentiment", "DISABLE_CLASS",
                List.of("class_listed_disabled: listed DISABLED"), false, "sentiment@1:DISABLE_CLASS"));
        assertThat(line.kind()).isEqualTo(NotificationKind.DECISION);
        assertThat(line.title()).isEqualTo("Decision DISABLE_CLASS: sentiment");
        assertThat(line.lines()).contains("Action: DISABLE_CLASS", "Class: sentiment",
                "Reason: class_listed_disabled: listed DISABLED", "Decision id: sentiment@1:DISABLE_CLASS");

        Notification dryRun = Notification.decision(new DecisionLine(AT, "alpha-1", "macro", "KILL",
                List.of("kill_drawdown: max_drawdown_30d -612 <= -500"), true, "alpha-1@1764489600000:KILL"));
        assertThat(dryRun.title()).isEqualTo("Decision (dry run) KILL: alpha-1");
        assertThat(dryRun.lines()).contains("Action: KILL (dry run: changes nothing)",
                "Reason: kill_drawdown: max_drawdown_30d -612 <= -500");
    }

    @Test
    void aProposalCountsItsPatchesPerDecisionAndListsEachPatch() {
        ProposalFacts proposal = new ProposalFacts(AT, "20261130T080000Z_ab12", "BOUNDED_AUTO", List.of(
                new ProposalFacts.Patch("p1", "portfolio.leverage", "ACCEPTED_FOR_PROPOSAL", List.of("within bounds"), "1.0",
                        "1.5", "1.3"),
                new ProposalFacts.Patch("p2", "triggers.kill_drawdown", "REJECTED_BY_POLICY",
                        List.of("trigger patches need a person", "risk tag"), null, "-400", null),
                new ProposalFacts.Patch("p3", "risk.max_dd", "ACCEPTED_FOR_PROPOSAL", List.of(), "0.2", "0.25", "0.25")),
                "reports/live_promotion/20261130T080000Z_ab12/");

        Notification notification = Notification.proposal(proposal);

        assertThat(notification.kind()).isEqualTo(NotificationKind.PROPOSAL);
        assertThat(notification.title()).isEqualTo("Promotion-loop proposal 20261130T080000Z_ab12 (BOUNDED_AUTO)");
        assertThat(notification.lines()).containsExactly(
                "Proposal id: 20261130T080000Z_ab12",
                "Mode: BOUNDED_AUTO",
                "Time: 2026-11-30T08:00:00Z",
                "Written to: reports/live_promotion/20261130T080000Z_ab12/",
                "ACCEPTED_FOR_PROPOSAL: 2 patch(es)",
                "REJECTED_BY_POLICY: 1 patch(es)",
                "portfolio.leverage: 1.0 → 1.5 (applied: 1.3) (ACCEPTED_FOR_PROPOSAL, within bounds)",
                "triggers.kill_drawdown: (none) → -400 (REJECTED_BY_POLICY, trigger patches need a person; risk tag)",
                "risk.max_dd: 0.2 → 0.25 (ACCEPTED_FOR_PROPOSAL)");
    }

    @Test
    void aProposalsUntrustedTextStaysOnOneLineAndItsPatchListIsCapped() throws Exception {
        List<ProposalFacts.Patch> patches = new ArrayList<>();
        for (int i = 0; i < Notification.MAX_PATCHES + 5; i++) {
            patches.add(new ProposalFacts.Patch("p" + i, i == 0 ? NASTY : "key." + i, "PENDING", List.of(NASTY),
                    "old\nBcc: x", "<!channel>", null));
        }
        Notification notification = Notification.proposal(new ProposalFacts(AT, "id\r\n<!here>", "MANUAL_ONLY", patches, null));

        assertThat(notification.title()).isEqualTo("Promotion-loop proposal id <!here> (MANUAL_ONLY)");
        assertThat(notification.lines()).allSatisfy(line -> assertThat(line).doesNotContain("\r", "\n", "\u202E"))
                .contains("PENDING: " + (Notification.MAX_PATCHES + 5) + " patch(es)", "… and 5 more patch(es) not listed")
                .noneMatch(line -> line.startsWith("key." + Notification.MAX_PATCHES + ":"))
                .anyMatch(line -> line.startsWith("key." + (Notification.MAX_PATCHES - 1) + ": old Bcc: x → <!channel> (PENDING, evil Bcc:"));
        // the 300-character target is cut as a name is (its reasons as a reason: up to MAX_TEXT)
        assertThat(notification.lines()).filteredOn(line -> line.startsWith("evil")).singleElement().satisfies(line -> {
            String target = line.substring(0, line.indexOf(": old Bcc: x → "));
            assertThat(target).endsWith("…").doesNotContain("x".repeat(300));
            assertThat(target.codePointCount(0, target.length())).isLessThanOrEqualTo(Notification.MAX_NAME);
        });
        // and in Slack's JSON it is plain text: the mention is shown, never parsed
        JsonNode body = JSON.readTree(SlackMessage.json(notification));
        assertThat(body.get("text").asText()).contains("<\u200B!channel>").doesNotContain("<!channel>", "<!here>");
    }

    @Test
    void untrustedTextIsOnlyEverPlainTextSoItCanFormatMentionAndLinkNothing() throws Exception {
        String name = "*bold* _it_ ~strike~ `code` ```block``` :skull: <!here> & *more*";
        Notification notification = Notification.alert(new AlertLine(AT, "x".repeat(300), name, "OPENED", "HIGH",
                NASTY.replace("x".repeat(300), "")));

        JsonNode body = JSON.readTree(SlackMessage.json(notification));

        List<JsonNode> textObjects = new ArrayList<>();
        collectTextObjects(body.get("blocks"), textObjects);
        assertThat(textObjects).isNotEmpty().allSatisfy(text -> {
            if (text.get("type").asText().equals("mrkdwn")) {
                // mrkdwn holds a fixed label only, never the untrusted text
                assertThat(text.get("text").asText()).isEqualTo("*Meta-Supervisor* · alert");
            } else {
                assertThat(text.get("type").asText()).isEqualTo("plain_text");
                assertThat(text.get("emoji").asBoolean(true)).isFalse();
            }
        });
        String plain = String.join("\n", textObjects.stream()
                .filter(text -> text.get("type").asText().equals("plain_text")).map(text -> text.get("text").asText()).toList());
        // shown as written (plain_text is never parsed), on one line, without bidi overrides
        assertThat(plain).contains("Alert OPENED: *bold* _it_ ~strike~ `code` ```block``` :skull: <!here> & *more*",
                "Message: evil Bcc: x@y <!channel> <@U123|boss> & <https://phish.example|click>", "שלום-עולם").doesNotContain("&lt;", "&amp;", "\r", "\u202E");

        // the fallback (Telegram, Slack notifications): no entities, but no '@' or '<' can start a mention or link
        String fallback = body.get("text").asText();
        assertThat(fallback).contains("<\u200B!channel> <\u200B@\u200BU123|boss> &", "x@\u200By", "<\u200B!here> & *more*",
                "<\u200Bhttps://phish.example|click>").doesNotContain("&lt;", "&gt;", "&amp;", "\r", "\u202E");
        for (int i = 0; i < fallback.length() - 1; i++) {
            if (fallback.charAt(i) == '@' || fallback.charAt(i) == '<') {
                assertThat(fallback.charAt(i + 1)).as("after %s at %d", fallback.charAt(i), i).isEqualTo('\u200B');
            }
        }
        // the 300-character id is cut, and says so
        assertThat(plain + fallback).doesNotContain("x".repeat(300)).contains("…");
    }

    private static void collectTextObjects(JsonNode node, List<JsonNode> into) {
        if (node.isObject() && node.has("type") && node.has("text") && node.get("text").isTextual()) {
            into.add(node);
        }
        node.forEach(child -> collectTextObjects(child, into));
    }

    @Test
    void aLongNotificationStaysWithinSlacksLimitsAndSaysWhatItLeftOut() throws Exception {
        List<WeightChange> changes = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            changes.add(new WeightChange(AT, "agent-" + i + "-" + "@<>".repeat(30), 0.001, 0.002, "because " + "@".repeat(500)));
        }
        Notification notification = Notification.reallocation(new Reallocation("s", AT, "p".repeat(120), null, 0.5, null, 0.1, changes));
        Notification longTitle = Notification.decision(new DecisionLine(AT, "n".repeat(500), "c", "K".repeat(500), List.of(),
                true, "d"));

        JsonNode body = JSON.readTree(SlackMessage.json(notification));
        JsonNode titled = JSON.readTree(SlackMessage.json(longTitle));

        assertThat(body.get("blocks").size()).isEqualTo(SlackMessage.MAX_BLOCKS);
        body.get("blocks").forEach(block -> {
            if (block.has("text")) {
                assertThat(block.get("text").get("text").asText().length()).isLessThanOrEqualTo(SlackMessage.MAX_SECTION_CHARS);
            }
        });
        // the fallback counts the zero-width spaces it adds
        assertThat(body.get("text").asText().length()).isLessThanOrEqualTo(SlackMessage.MAX_FALLBACK_CHARS);
        assertThat(body.get("text").asText()).endsWith("\n…");
        assertThat(body.get("blocks").get(SlackMessage.MAX_BLOCKS - 1).get("text").get("text").asText())
                .matches("… and \\d+ more line\\(s\\) not shown");
        String header = titled.get("blocks").get(0).get("text").get("text").asText();
        assertThat(header).hasSize(SlackMessage.MAX_HEADER_CHARS).endsWith("…").startsWith("Decision (dry run) KKK");
    }

    @Test
    void cuttingNeverSplitsACodePoint() {
        // seeded: random texts of astral code points, letters and mention characters, random limits
        Random random = new Random(13);
        String[] pieces = {"&", "<", "@", "a", "😀", "ש", " "};
        for (int run = 0; run < 2000; run++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int i = 0; i < length; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            int limit = 2 + random.nextInt(40);

            String cut = SlackMessage.prefix(text.toString(), limit);

            if (text.length() <= limit) {
                assertThat(cut).isEqualTo(text.toString());
                continue;
            }
            assertThat(cut).endsWith("…").hasSizeLessThanOrEqualTo(limit);
            String body = cut.substring(0, cut.length() - 1);
            assertThat(text.toString()).startsWith(body);
            // the longest such prefix: one more code point would not fit
            assertThat(body.length() + Character.charCount(text.codePointAt(body.length()))).isGreaterThan(limit - 1);
            assertThat(Character.isHighSurrogate(body.isEmpty() ? 'a' : body.charAt(body.length() - 1))).isFalse();
        }
    }

    @Test
    void mentionProofingAddsAZeroWidthSpaceAfterEachAtAndOpeningBracketOnly() {
        assertThat(SlackMessage.mentionProof("a@b <!c> & *d*")).isEqualTo("a@\u200Bb <\u200B!c> & *d*");
        assertThat(SlackMessage.mentionProof("")).isEmpty();
        // escape stays for a caller that writes mrkdwn itself
        assertThat(SlackMessage.escape("<!a> & b")).isEqualTo("&lt;!a&gt; &amp; b");
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
