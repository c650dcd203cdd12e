package org.agentcellphone.console;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** HTML text made safe: everything an agent wrote goes through {@link #text} before it reaches the page. */
final class Html {

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

    /** How long ago an ISO-8601 time was, briefly ("12 s", "5 min", "3 h", "2 d"); the time itself is the title. */
    static String ago(String at, Instant now) {
        if (at == null) {
            return "–";
        }
        try {
            long s = Math.max(0, Duration.between(Instant.parse(at), now).toSeconds());
            String age = s < 90 ? s + " s" : s < 90 * 60 ? s / 60 + " min" : s < 36 * 3600 ? s / 3600 + " h"
                    : s / 86400 + " d";
            return "<time datetime=\"" + text(at) + "\" title=\"" + text(at) + "\">" + age + " ago</time>";
        } catch (DateTimeParseException unreadable) {
            return text(at);
        }
    }
}
