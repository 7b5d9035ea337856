package com.metasupervisor.reporting.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.metasupervisor.streams.check.ArgChecker;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Notification} as the body of a Slack incoming webhook: {@code {"text": <fallback>, "blocks": [mrkdwn
 * sections]}}. A Telegram bot URL ({@code .../sendMessage?chat_id=...}) reads the same {@code text} and ignores the
 * blocks.
 * <p>
 * Untrusted text is escaped for Slack's mrkdwn ({@code &}, {@code <}, {@code >} as entities), so no text can form a
 * link, a user or channel mention ({@code <!channel>}, {@code <@U123>}) or a special command; Jackson escapes it for
 * JSON. Sizes stay within Slack's limits: a section's text ≤ {@value #MAX_SECTION_CHARS} characters (counted after
 * escaping, never cutting an entity or a code point), ≤ {@value #MAX_BLOCKS} blocks, the fallback text ≤
 * {@value #MAX_FALLBACK_CHARS} characters; what does not fit is cut and says so.
 */
public final class SlackMessage {

    public static final int MAX_SECTION_CHARS = 3000;
    public static final int MAX_BLOCKS = 50;
    public static final int MAX_FALLBACK_CHARS = 3000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackMessage() {
    }

    /** The JSON body to POST. */
    public static String json(Notification notification) {
        ArgChecker.notNull(notification, "notification");
        ObjectNode body = JSON.createObjectNode();
        body.put("text", fallback(notification));
        ArrayNode blocks = body.putArray("blocks");
        for (String section : sections(notification)) {
            ObjectNode block = blocks.addObject();
            block.put("type", "section");
            ObjectNode text = block.putObject("text");
            text.put("type", "mrkdwn");
            text.put("text", section);
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notification did not serialise", e);
        }
    }

    /** Slack mrkdwn's three control characters as entities: nothing in the text is read as a link or mention. */
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

    /** The title then the lines, escaped, as few sections as fit (a title first, bold), at most {@link #MAX_BLOCKS}. */
    static List<String> sections(Notification notification) {
        List<String> sections = new ArrayList<>();
        sections.add("*" + escapedPrefix(notification.title(), MAX_SECTION_CHARS - 2) + "*");
        StringBuilder current = new StringBuilder();
        List<String> lines = notification.lines();
        for (int i = 0; i < lines.size(); i++) {
            String line = escapedPrefix(lines.get(i), MAX_SECTION_CHARS);
            if (!current.isEmpty() && current.length() + 1 + line.length() > MAX_SECTION_CHARS) {
                sections.add(current.toString());
                current.setLength(0);
                if (sections.size() == MAX_BLOCKS - 1) {
                    // the last block says how much was left out, rather than dropping it silently
                    sections.add(escape("… and " + (lines.size() - i) + " more line(s) not shown"));
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
        StringBuilder text = new StringBuilder(escapedPrefix(notification.title(), MAX_FALLBACK_CHARS));
        for (String line : notification.lines()) {
            String escaped = escape(line);
            if (text.length() + 1 + escaped.length() > MAX_FALLBACK_CHARS) {
                String more = "\n…";
                if (text.length() + more.length() <= MAX_FALLBACK_CHARS) {
                    text.append(more);
                }
                break;
            }
            text.append('\n').append(escaped);
        }
        return text.toString();
    }

    /**
     * The longest prefix of {@code text} whose escaped form fits in {@code maxChars} (UTF-16 units, as Slack counts),
     * cut between code points and entities and then marked with "…".
     */
    static String escapedPrefix(String text, int maxChars) {
        String escaped = escape(text);
        if (escaped.length() <= maxChars) {
            return escaped;
        }
        StringBuilder out = new StringBuilder(maxChars);
        int budget = maxChars - 1; // room for "…"
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            String piece = escape(new String(Character.toChars(cp)));
            if (out.length() + piece.length() > budget) {
                break;
            }
            out.append(piece);
            i += Character.charCount(cp);
        }
        return out.append('…').toString();
    }
}
