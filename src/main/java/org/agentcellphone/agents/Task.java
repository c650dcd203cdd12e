package org.agentcellphone.agents;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.file.Path;
import java.util.Locale;

/** A task, the folder it is in ({@link State}), and what its file says ({@link Details}). */
public record Task(@JsonIgnore Path file, State state, @JsonUnwrapped Details details) {

    /** A task's state is the folder its file is in. */
    public enum State {
        AVAILABLE, CLAIMED, COMPLETED;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A task's priority, the most pressing first (the order tasks are handed out in). */
    public enum Priority { CRITICAL, HIGH, MEDIUM, LOW }

    /** The task file: what it asks and who took it when (null until someone did). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Details(String id, String title, String description, Priority priority, int points,
                          String createdAt, String assignedTo, String assignedAt, String completedAt) {

        /** A task as first written: nobody has it yet. */
        public static Details fresh(String id, String title, String description, Priority priority, int points,
                                    String createdAt) {
            return new Details(id, title, description == null ? "" : description, priority, points, createdAt, null,
                    null, null);
        }

        Details claimedBy(String agent, String at) {
            return new Details(id, title, description, priority, points, createdAt, agent, at, completedAt);
        }

        Details completedAt(String at) {
            return new Details(id, title, description, priority, points, createdAt, assignedTo, assignedAt, at);
        }
    }

    /** A new task's id: its creation time (epoch µs) and three random bytes, {@code t-<µs>-<hex>}. */
    public static String newId(long createdMicros) {
        byte[] random = new byte[3];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(random);
        return "t-" + createdMicros + "-" + java.util.HexFormat.of().formatHex(random);
    }

    @JsonIgnore
    public String id() {
        return details.id();
    }
}
