package org.agentcellphone.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import org.agentcellphone.files.DurableFiles;
import org.agentcellphone.model.Json;

/**
 * An agent's own {@code status.json} written for it (MCP's {@code update_status}): the keys it asks for set, every
 * other key it keeps there left as it was, {@code last_updated} now; temp file, fsync, rename, folder fsync.
 */
public final class StatusUpdate {

    private StatusUpdate() {
    }

    /**
     * Writes the status into {@code workspace} (an existing folder of the home, checked by the caller) and returns what the
     * file now holds. {@code mission} and {@code note} are left as they were when null.
     */
    public static JsonNode write(Path workspace, String agent, String status, String mission, String note, Instant now)
            throws IOException {
        Path file = workspace.resolve("status.json");
        ObjectNode doc = existing(file);
        doc.put("agent_id", doc.path("agent_id").isTextual() ? doc.get("agent_id").asText() : agent);
        doc.put("status", status);
        if (mission != null) {
            doc.put("current_mission", mission);
        }
        if (note != null) {
            doc.put("note", note);
        }
        doc.put("last_updated", now.toString());
        DurableFiles.writeDurably(file, Json.MAPPER.writeValueAsBytes(doc));
        DurableFiles.syncDirectory(workspace);
        return doc;
    }

    /** What the agent keeps in its file now, when that is a JSON object in a regular file; else a new object. */
    private static ObjectNode existing(Path file) {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            try {
                JsonNode old = Json.MAPPER.readTree(DurableFiles.readAtMost(file, StatusReport.MAX_STATUS_BYTES));
                if (old instanceof ObjectNode object) {
                    return object;
                }
            } catch (IOException unreadable) {
                // not JSON (or cut at the limit): replaced by a good one
            }
        }
        return Json.MAPPER.createObjectNode();
    }
}
