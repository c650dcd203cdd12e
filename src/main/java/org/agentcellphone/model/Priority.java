package org.agentcellphone.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Pattern;

/** Delivery priority: urgent entries overtake every waiting regular entry. */
public enum Priority {
    URGENT("urgent", 'u'),
    REGULAR("regular", 'r');

    /** Words that make a free-text Markdown priority urgent ("🚨 URGENT", "HIGH - Continue Excellence"). */
    private static final Pattern URGENT_WORDS = Pattern.compile("(?i)urgent|critical|emergency|high|asap");

    private final String wire;
    private final char code;

    Priority(String wire, char code) {
        this.wire = wire;
        this.code = code;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** One letter used in pending entry names. */
    public char code() {
        return code;
    }

    /** Strict parse for JSON drops and the CLI: regular|normal|urgent|high, any case; null when unknown. */
    @JsonCreator
    public static Priority parseStrict(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "regular", "normal" -> REGULAR;
            case "urgent", "high" -> URGENT;
            default -> null;
        };
    }

    /** Lenient parse for the free text agents write in Markdown headers. */
    public static Priority fromFreeText(String text) {
        return text != null && URGENT_WORDS.matcher(text).find() ? URGENT : REGULAR;
    }

    public static Priority fromCode(char code) {
        return code == URGENT.code ? URGENT : REGULAR;
    }
}
