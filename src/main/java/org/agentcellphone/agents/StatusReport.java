package org.agentcellphone.agents;

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
import java.util.LinkedHashMap;
import java.util.Map;
import org.agentcellphone.model.Json;

/**
 * One agent's {@code status.json} as agents really write it: {@code status} or {@code state}, any value, timestamps
 * with {@code Z}, with an offset or with none (read as UTC). Nothing in the file can make it fail: a file that is
 * missing or not JSON is reported as such.
 */
public final class StatusReport {

    private static final long MAX_STATUS_BYTES = 4L * 1024 * 1024;

    private StatusReport() {
    }

    /**
     * The summary of one agent, in the order {@code --check-status} shows it; {@code workspace} null when the
     * workspace was refused (a link out of the home): nothing in it is read.
     */
    public static Map<String, Object> of(String agent, Path workspace, Duration staleAfter, Instant now)
            throws IOException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("agent", agent);
        JsonNode status = null;
        try {
            if (workspace == null) {
                throw new IOException("the workspace is not a folder of the home");
            }
            Path file = workspace.resolve("status.json");
            // never through a link (to a file outside the home), never more than a status file can sensibly hold
            status = Json.MAPPER.readTree(DurableFiles.readAtMost(file, MAX_STATUS_BYTES));
            row.put("file", status != null && status.isObject() ? "ok" : "unreadable");
        } catch (NoSuchFileException e) {
            row.put("file", "missing");
        } catch (IOException e) {
            row.put("file", "unreadable");
        }
        boolean usable = status != null && status.isObject();
        row.put("status", usable ? first(status, "status", "state") : null);
        row.put("phase", usable ? first(status, "current_phase", "phase", "fsm_state") : null);
        row.put("mission", usable ? first(status, "current_mission", "mission") : null);
        String updated = usable ? first(status, "last_updated", "updated_at", "timestamp") : null;
        row.put("last_updated", updated);
        Instant at = parseTime(updated);
        Long age = at == null ? null : Duration.between(at, now).getSeconds();
        row.put("age_seconds", age);
        row.put("stale", age == null ? usable : age > staleAfter.getSeconds());
        row.put("unread", workspace == null ? 0L : unread(workspace.resolve("inbox")));
        return row;
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

    /** Files at the top of the inbox (archives in subfolders are read ones). */
    private static long unread(Path inbox) throws IOException {
        if (!Files.isDirectory(inbox, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        long n = 0;
        try (var files = Files.newDirectoryStream(inbox)) {
            for (Path file : files) {
                if (!file.getFileName().toString().startsWith(".")
                        && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    n++;
                }
            }
        }
        return n;
    }
}
