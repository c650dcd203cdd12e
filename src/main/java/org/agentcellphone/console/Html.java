package org.agentcellphone.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** HTML text made safe: everything an agent wrote goes through {@link #text} before it reaches the page. */
final class Html {

    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DATE_AND_TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ROOT);

    private Html() {
    }

    /** Text for an element's content or an attribute's value (quoted): markup in it shows as text. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * An ISO-8601 time as the page shows it: the UTC time of day when it is today, else the date too; the full time
     * is its title. Absolute, so a part of the page that did not change renders the same and is left in place.
     */
    static String time(String at, Instant now) {
        if (at == null) {
            return "–";
        }
        try {
            ZonedDateTime t = Instant.parse(at).atZone(ZoneOffset.UTC);
            String shown = t.toLocalDate().equals(now.atZone(ZoneOffset.UTC).toLocalDate())
                    ? t.format(TIME_OF_DAY) : t.format(DATE_AND_TIME);
            return "<time datetime=\"" + text(at) + "\" title=\"" + text(at) + "\">" + shown + "</time>";
        } catch (DateTimeParseException unreadable) {
            return text(at);
        }
    }
}
