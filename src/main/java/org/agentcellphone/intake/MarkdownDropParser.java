package org.agentcellphone.intake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown drops as agents write them by hand: an optional {@code # title}, header lines in any of the loose
 * forms seen in real inboxes ({@code **To**: x}, {@code **To:** x}, {@code To: x}, any case), an optional
 * {@code ---}, then the content. Decoration before the headers is read as such: a bold or emoji title line that is
 * not a {@code # heading}, a routing line ({@code [A2A] Agent-1 → Agent-2}, {@code # Message from A to B}), a
 * title underlined with {@code ===}. Only a {@code To} header addresses a message: a routing line is decoration.
 */
final class MarkdownDropParser {

    /** {@code **Key**: value} or {@code **Key:** value}, optionally as a list item. */
    private static final Pattern BOLD_HEADER =
            Pattern.compile("^\\s*(?:[-*]\\s+)?\\*\\*([^*\\n]{1,40}?)(?::\\*\\*|\\*\\*\\s*:)\\s*(.*)$");
    /** {@code Key: value}; only taken as a header when the key is one we know. */
    private static final Pattern PLAIN_HEADER = Pattern.compile("^\\s*([A-Za-z][A-Za-z _-]{0,30}):\\s*(.*)$");
    /** {@code [A2A] Agent-1 → Agent-2}, {@code # [C2A] CAPTAIN -> Agent-3}: sender, arrow, recipient. */
    private static final Pattern ROUTING = Pattern.compile(
            "^\\s*(?:#+\\s*)?(?:\\[[A-Za-z0-9-]{1,12}]\\s*)?(.{1,80}?)\\s*(?:→|->|⇒)\\s*(.{1,120}?)\\s*$");
    /** {@code # Message from Agent-6 to Captain (Agent-4)}. */
    private static final Pattern MESSAGE_FROM_TO = Pattern.compile(
            "(?i)^\\s*(?:#+\\s*)?message\\s+from\\s+(.{1,80}?)\\s+to\\s+(.{1,120}?)\\s*$");
    /** A setext underline ({@code ===}, {@code ---}) or a rule. */
    private static final Pattern UNDERLINE = Pattern.compile("^\\s*(?:={3,}|-{3,})\\s*$");
    /** Decoration lines before the headers are few; a longer run is content without headers. */
    private static final int MAX_DECORATION_LINES = 6;

    private static final List<String> KNOWN = List.of("from", "to", "priority", "type", "tags", "subject",
            "messageid", "inreplyto", "mode", "ackrequired", "timestamp");

    private MarkdownDropParser() {
    }

    static Draft parse(String text) {
        String[] lines = text.split("\n", -1);
        String title = null;
        boolean decorated = false;
        int i = skipBlank(lines, 0);
        // decoration before the headers: a title (# heading, bold or emoji line, underlined title), a routing line
        int headStart = i;
        for (int decorations = 0; i < lines.length && decorations < MAX_DECORATION_LINES; decorations++) {
            String line = lines[i];
            if (isHeader(line)) {
                break;
            }
            boolean underlined = i + 1 < lines.length && UNDERLINE.matcher(lines[i + 1]).matches()
                    && !lines[i].isBlank() && !UNDERLINE.matcher(line).matches();
            if (isRouting(line)) {
                decorated = true;
            } else if (line.startsWith("# ") || underlined || isTitleLike(line)) {
                title = title == null ? cleanTitle(line) : title;
            } else {
                break;
            }
            i = skipBlank(lines, i + (underlined ? 2 : 1));
        }
        Map<String, String> headers = new HashMap<>();
        List<String> unknownHeaderLines = new ArrayList<>();
        int afterHeaders = i;
        while (true) {
            int next = skipBlank(lines, i);
            if (next >= lines.length) {
                i = next;
                break;
            }
            String line = lines[next];
            Matcher bold = BOLD_HEADER.matcher(line);
            Matcher plain = PLAIN_HEADER.matcher(line);
            if (bold.matches()) {
                String key = normalizeKey(bold.group(1));
                if (KNOWN.contains(key)) {
                    headers.putIfAbsent(key, cleanValue(bold.group(2)));
                } else {
                    unknownHeaderLines.add(line.stripTrailing());
                }
            } else if (plain.matches() && KNOWN.contains(normalizeKey(plain.group(1)))) {
                headers.putIfAbsent(normalizeKey(plain.group(1)), cleanValue(plain.group(2)));
            } else {
                i = next;
                break;
            }
            i = next + 1;
            afterHeaders = i;
        }
        if (headers.isEmpty() && !decorated) {
            // no headers at all: everything after an optional # title is content, as the sender wrote it
            i = headStart < lines.length && lines[headStart].startsWith("# ") ? headStart + 1 : headStart;
            title = i > headStart ? lines[headStart].substring(2).trim() : null;
            unknownHeaderLines.clear();
        } else {
            i = afterHeaders;
        }
        int body = skipBlank(lines, i);
        if (body < lines.length && lines[body].trim().equals("---")) {
            body = skipBlank(lines, body + 1);
        }
        String content = joinTrimmed(lines, body);
        if (!unknownHeaderLines.isEmpty()) {
            // headers we do not interpret (Role, Mission, Date, ...) are part of what the sender said
            content = String.join("\n", unknownHeaderLines) + (content.isEmpty() ? "" : "\n\n" + content);
        }
        String subject = headers.getOrDefault("subject", title);
        return new Draft(true,
                emptyToNull(headers.get("messageid")),
                emptyToNull(headers.get("from")),
                recipients(headers.get("to")),
                emptyToNull(headers.get("priority")),
                emptyToNull(headers.get("type")),
                tags(headers.get("tags")),
                emptyToNull(subject),
                emptyToNull(headers.get("inreplyto")),
                emptyToNull(headers.get("mode")),
                emptyToNull(headers.get("ackrequired")),
                content);
    }

    private static boolean isHeader(String line) {
        Matcher bold = BOLD_HEADER.matcher(line);
        if (bold.matches()) {
            return true;
        }
        Matcher plain = PLAIN_HEADER.matcher(line);
        return plain.matches() && KNOWN.contains(normalizeKey(plain.group(1)));
    }

    private static boolean isRouting(String line) {
        return ROUTING.matcher(line).matches() || MESSAGE_FROM_TO.matcher(line).matches();
    }

    /**
     * A title line that is not a {@code # heading}: short, and bold ({@code **…**}) or opening or closing with a
     * symbol such as an emoji ({@code ⛽ **JET FUEL DELIVERY - Agent-1** ⛽}).
     */
    private static boolean isTitleLike(String line) {
        String t = line.strip();
        if (t.isEmpty() || t.length() > 120) {
            return false;
        }
        boolean bold = t.startsWith("**") && t.endsWith("**") && t.length() > 4;
        int first = t.codePointAt(0);
        int last = t.codePointBefore(t.length());
        return bold || isSymbol(first) || isSymbol(last);
    }

    private static boolean isSymbol(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.OTHER_SYMBOL || type == Character.SURROGATE || codePoint >= 0x1F000;
    }

    private static String cleanTitle(String line) {
        String t = line.strip();
        if (t.startsWith("# ")) {
            t = t.substring(2);
        }
        return strip(t.replace("**", ""));
    }

    /** Bold markers and surrounding symbols go; the words stay. */
    private static String strip(String text) {
        String t = text.replace("**", "").strip();
        while (!t.isEmpty() && isSymbol(t.codePointAt(0))) {
            t = t.substring(Character.charCount(t.codePointAt(0))).strip();
        }
        while (!t.isEmpty() && isSymbol(t.codePointBefore(t.length()))) {
            t = t.substring(0, t.length() - Character.charCount(t.codePointBefore(t.length()))).strip();
        }
        return t;
    }

    private static int skipBlank(String[] lines, int from) {
        int i = from;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        return i;
    }

    private static String normalizeKey(String key) {
        return key.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", "");
    }

    /** Trailing Markdown line-break spaces and surrounding bold markers go; the wording stays. */
    private static String cleanValue(String value) {
        String v = value.strip();
        if (v.startsWith("**") && v.endsWith("**") && v.length() > 4 && v.indexOf("**", 2) == v.length() - 2) {
            v = v.substring(2, v.length() - 2).strip();
        }
        return v;
    }

    private static List<String> recipients(String to) {
        if (to == null || to.isBlank()) {
            return List.of();
        }
        List<String> parts = new ArrayList<>();
        for (String part : to.split(",")) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return parts;
    }

    private static List<String> tags(String tags) {
        if (tags == null || tags.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String tag : tags.split("[,\\s]+")) {
            String t = tag.startsWith("#") ? tag.substring(1) : tag;
            if (!t.isBlank()) {
                out.add(t);
            }
        }
        return out;
    }

    private static String joinTrimmed(String[] lines, int from) {
        int end = lines.length;
        while (end > from && lines[end - 1].isBlank()) {
            end--;
        }
        StringBuilder out = new StringBuilder();
        for (int i = from; i < end; i++) {
            if (i > from) {
                out.append('\n');
            }
            out.append(lines[i].stripTrailing());
        }
        return out.toString();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
