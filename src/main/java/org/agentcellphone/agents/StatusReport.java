package org.agentcellphone.agents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import org.agentcellphone.files.DurableFiles;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.agentcellphone.model.Json;

/**
 * One agent's {@code status.json} as agents really write it: {@code status} or {@code state}, any value, timestamps
 * with {@code Z}, with an offset or with none (read as UTC). Nothing in the file can make it fail: a file that is
 * missing or not JSON is reported as such.
 */
public final class StatusReport {

    /** More than a status file can sensibly hold: never read past it. */
    static final long MAX_STATUS_BYTES = 4L * 1024 * 1024;

    private StatusReport() {
    }

    /** How an agent's status file was found. */
    public enum FileState {
        OK, MISSING, UNREADABLE;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The summary of one agent, in the order {@code status} shows it.
     *
     * @param ageSeconds how old its {@code last_updated} is; null when it gives none that reads as a time
     * @param stale      older than the stale-after setting, or usable but without a time
     * @param unread     files at the top of its inbox that no receipt says were read
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AgentStatus(String agent, FileState file, String status, String phase, String mission,
                              String lastUpdated, Long ageSeconds, boolean stale, long unread) {
    }

    /** {@code workspace} null when the workspace was refused (a link out of the home): nothing in it is read. */
    public static AgentStatus of(String agent, Path workspace, Duration staleAfter, Instant now) throws IOException {
        return of(agent, workspace, staleAfter, now, name -> false);
    }

    /** As above; {@code readAlready} tells an inbox file, by name, that was read without being moved (a receipt). */
    public static AgentStatus of(String agent, Path workspace, Duration staleAfter, Instant now,
                                 java.util.function.Predicate<String> readAlready) throws IOException {
        JsonNode status = null;
        FileState file;
        try {
            if (workspace == null) {
                throw new IOException("the workspace is not a folder of the home");
            }
            // never through a link (to a file outside the home), never more than a status file can sensibly hold
            status = Json.MAPPER.readTree(DurableFiles.readAtMost(workspace.resolve("status.json"), MAX_STATUS_BYTES));
            file = status != null && status.isObject() ? FileState.OK : FileState.UNREADABLE;
        } catch (NoSuchFileException e) {
            file = FileState.MISSING;
        } catch (IOException e) {
            file = FileState.UNREADABLE;
        }
        boolean usable = file == FileState.OK;
        String updated = usable ? first(status, "last_updated", "updated_at", "timestamp") : null;
        Instant at = parseTime(updated);
        Long age = at == null ? null : Duration.between(at, now).getSeconds();
        return new AgentStatus(agent, file, usable ? first(status, "status", "state") : null,
                usable ? first(status, "current_phase", "phase", "fsm_state") : null,
                usable ? first(status, "current_mission", "mission") : null, updated, age,
                age == null ? usable : age > staleAfter.getSeconds(),
                workspace == null ? 0L : unread(workspace.resolve("inbox"), readAlready));
    }

    /** ISO-8601 with Z or an offset, or a local date-time (with 'T' or a space) read as UTC; null if none of these. */
    static Instant parseTime(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                return null;
            }
        }
    }

    private static String first(JsonNode status, String... keys) {
        for (String key : keys) {
            JsonNode value = status.get(key);
            if (value != null && !value.isNull()) {
                return value.isValueNode() ? value.asText() : value.toString();
            }
        }
        return null;
    }

    /** Files at the top of the inbox not read yet (archives in subfolders are read ones). */
    private static long unread(Path inbox, java.util.function.Predicate<String> readAlready) throws IOException {
        if (!Files.isDirectory(inbox, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        long n = 0;
        try (var files = Files.newDirectoryStream(inbox)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!name.startsWith(".") && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        && !readAlready.test(name)) {
                    n++;
                }
            }
        }
        return n;
    }
}
