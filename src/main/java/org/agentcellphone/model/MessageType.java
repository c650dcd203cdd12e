package org.agentcellphone.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The kinds of message the original system knew; the inbox heading is derived from them. */
public enum MessageType {
    TEXT, BROADCAST, ONBOARDING, AGENT_TO_AGENT, CAPTAIN_TO_AGENT, SYSTEM_TO_AGENT, HUMAN_TO_AGENT;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null when the text names no known type. */
    @JsonCreator
    public static MessageType parse(String text) {
        if (text == null) {
            return null;
        }
        String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (MessageType type : values()) {
            if (type.name().equals(key)) {
                return type;
            }
        }
        return null;
    }
}
