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
 * forms seen in real inboxes ({@code **To**: x}, {@code **To:** x}, {@code To: x}), an optional {@code ---},
 * then the content.
 */
final class MarkdownDropParser {

    /** {@code **Key**: value} or {@code **Key:** value}, optionally as a list item. */
    private static final Pattern BOLD_HEADER =
            Pattern.compile("^\\s*(?:[-*]\\s+)?\\*\\*([^*\\n]{1,40}?)(?::\\*\\*|\\*\\*\\s*:)\\s*(.*)$");
    /** {@code Key: value}; only taken as a header when the key is one we know. */
    private static final Pattern PLAIN_HEADER = Pattern.compile("^\\s*([A-Za-z][A-Za-z _-]{0,30}):\\s*(.*)$");

    private static final List<String> KNOWN = List.of("from", "to", "priority", "type", "tags", "subject",
            "messageid", "inreplyto", "mode", "timestamp");

    private MarkdownDropParser() {
    }

    static Draft parse(String text) {
        String[] lines = text.split("\n", -1);
        int i = skipBlank(lines, 0);
        String title = null;
        if (i < lines.length && lines[i].startsWith("# ")) {
            title = lines[i].substring(2).trim();
            i++;
        }
        Map<String, String> headers = new HashMap<>();
        List<String> unknownHeaderLines = new ArrayList<>();
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
                content);
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
