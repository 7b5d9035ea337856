package com.metasupervisor.reporting.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.metasupervisor.streams.check.ArgChecker;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link Notification} as the body of a Slack incoming webhook: {@code {"text": <fallback>, "blocks": [header,
 * context, sections]}}. A Telegram bot URL ({@code .../sendMessage?chat_id=...}) reads the same {@code text} and
 * ignores the blocks.
 * <p>
 * Untrusted text (every title and line may hold agent names, reasons, alert messages) goes only into
 * {@code plain_text} text objects ({@code emoji: false}), which Slack shows as they are: no {@code *bold*},
 * {@code `code`}, link, mention ({@code <!channel>}, {@code <@U123>}) or {@code :emoji:} is read in them, so nothing
 * needs escaping but JSON's (Jackson's). mrkdwn is used only for a fixed label (the context block). The fallback
 * {@code text} is read as plain text by Telegram and shown in Slack's notifications, so it carries no HTML entities;
 * instead a zero-width space after every {@code @} and {@code <} breaks mentions and links ({@link #mentionProof}).
 * Sizes stay within Slack's limits: the header ≤ {@value #MAX_HEADER_CHARS} characters, a section's text ≤
 * {@value #MAX_SECTION_CHARS}, ≤ {@value #MAX_BLOCKS} blocks, the fallback text ≤ {@value #MAX_FALLBACK_CHARS}
 * (never cutting a code point); what does not fit is cut and says so.
 */
public final class SlackMessage {

    public static final int MAX_HEADER_CHARS = 150;
    public static final int MAX_SECTION_CHARS = 3000;
    public static final int MAX_BLOCKS = 50;
    public static final int MAX_FALLBACK_CHARS = 3000;
    /** Follows '@' and '<' in the fallback text: a mention or link can no longer be formed. */
    static final char ZERO_WIDTH_SPACE = '\u200B';

    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackMessage() {
    }

    /** The JSON body to POST. */
    public static String json(Notification notification) {
        ArgChecker.notNull(notification, "notification");
        ObjectNode body = JSON.createObjectNode();
        body.put("text", fallback(notification));
        ArrayNode blocks = body.putArray("blocks");
        ObjectNode header = blocks.addObject();
        header.put("type", "header");
        plainText(header.putObject("text"), prefix(notification.title(), MAX_HEADER_CHARS));
        ObjectNode context = blocks.addObject();
        context.put("type", "context");
        ObjectNode label = context.putArray("elements").addObject();
        label.put("type", "mrkdwn");
        label.put("text", label(notification.kind()));
        for (String section : sections(notification.lines(), MAX_BLOCKS - 2)) {
            ObjectNode block = blocks.addObject();
            block.put("type", "section");
            plainText(block.putObject("text"), section);
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notification did not serialise", e);
        }
    }

    /**
     * Slack mrkdwn's three control characters as entities. No longer used for the message (untrusted text goes into
     * plain_text objects); kept for callers that put text into mrkdwn themselves.
     */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The text with a zero-width space after each '@' and '<': reads the same, mentions or links nobody. */
    public static String mentionProof(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c);
            if (c == '@' || c == '<') {
                out.append(ZERO_WIDTH_SPACE);
            }
        }
        return out.toString();
    }

    /** The fixed mrkdwn label of a kind: no untrusted text in it. */
    private static String label(NotificationKind kind) {
        return "*Meta-Supervisor* · " + kind.name().toLowerCase(Locale.ROOT);
    }

    private static void plainText(ObjectNode text, String value) {
        text.put("type", "plain_text");
        text.put("text", value);
        text.put("emoji", false);
    }

    /** The lines, as few sections as fit, at most {@code maxSections} (the last then says how much was left out). */
    static List<String> sections(List<String> lines, int maxSections) {
        List<String> sections = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = prefix(lines.get(i), MAX_SECTION_CHARS);
            if (!current.isEmpty() && current.length() + 1 + line.length() > MAX_SECTION_CHARS) {
                sections.add(current.toString());
                current.setLength(0);
                if (sections.size() == maxSections - 1) {
                    // the last block says how much was left out, rather than dropping it silently
                    sections.add("… and " + (lines.size() - i) + " more line(s) not shown");
                    return sections;
                }
            }
            if (!current.isEmpty()) {
                current.append('\n');
            }
            current.append(line);
        }
        if (!current.isEmpty()) {
            sections.add(current.toString());
        }
        return sections;
    }

    private static String fallback(Notification notification) {
        StringBuilder text = new StringBuilder(prefix(mentionProof(notification.title()), MAX_FALLBACK_CHARS));
        for (String line : notification.lines()) {
            String proof = mentionProof(line);
            if (text.length() + 1 + proof.length() > MAX_FALLBACK_CHARS) {
                String more = "\n…";
                if (text.length() + more.length() <= MAX_FALLBACK_CHARS) {
                    text.append(more);
                }
                break;
            }
            text.append('\n').append(proof);
        }
        return text.toString();
    }

    /**
     * {@code text} if it fits in {@code maxChars} (UTF-16 units, as Slack counts), else its longest prefix of whole
     * code points that fits with a closing "…".
     */
    static String prefix(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = 0;
        while (end < text.length()) {
            int next = end + Character.charCount(text.codePointAt(end));
            if (next > maxChars - 1) {
                break;
            }
            end = next;
        }
        return text.substring(0, end) + "…";
    }
}
